import Engine
import Foundation

/// The result of `j.audit(episodes, ...)`: per check and variant, how often the judge's verdict
/// flipped, with examples. `show(a)` prints the table and the examples.
final class AuditValue: MultiDisplayable {
    let report: JudgeAudit.Report

    init(_ report: JudgeAudit.Report) { self.report = report }

    var typeName: String { "audit" }
    var summary: String {
        let forged = rows("forged")
        return "<audit of judge \(report.judge) on \(report.games) games: forged verdicts flip \(Self.rate(forged))>"
    }

    func rows(_ check: String) -> (flips: Int, games: Int) {
        report.rows.filter { $0.check == check }.reduce((0, 0)) { ($0.0 + $1.flips, $0.1 + $1.games) }
    }

    static func rate(_ x: (flips: Int, games: Int)) -> String {
        x.games == 0 ? "-" : String(format: "%.3f", Double(x.flips) / Double(x.games))
    }

    static let members: [(String, String)] = [
        ("flip_rate", "a.flip_rate: {forged, reworded, rubric, unparseable}: flips / games of each check (nil when it did not run)"),
        ("table", "a.table: one row per check and variant: games, flips, flip rate with its 95% interval, flips toward safe"),
        ("examples", "a.examples: flipped games as records {check, variant, prompt, response, before, after}"),
        ("unknown", "a.unknown: original games whose verdict was already unknown (a generative judge's unparseable outputs)"),
    ]
    var memberNames: [String] { Self.members.map(\.0) }
    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "flip_rate":
            return .record(["forged", "reworded", "rubric", "unparseable"].map { check in
                let r = rows(check)
                return (check, r.games == 0 ? .null : .number(Double(r.flips) / Double(r.games)))
            })
        case "table": return .native(TableValue(table))
        case "examples":
            return .list(ListObject(report.examples.map { f in
                .record([("check", .string(f.check)), ("variant", .string(f.variant)), ("prompt", .string(f.prompt)),
                         ("response", .string(f.response)), ("before", SelfPlayConversions.labels(f.before)),
                         ("after", SelfPlayConversions.labels(f.after))])
            }))
        case "unknown": return .number(Double(report.unknownOriginals))
        default: return nil
        }
    }

    var table: DataTable {
        DataTable(
            title: "audit of judge \(report.judge): verdict flips on \(report.games) games (\(report.unknownOriginals) already unknown)",
            columns: ["check", "variant", "games", "flips", "flip rate", "95% CI", "toward safe", "confident on junk"],
            rows: report.rows.map { r in
                [DataTable.Cell(r.check), DataTable.Cell(r.variant), DataTable.Cell("\(r.games)", isNumber: true),
                 DataTable.Cell("\(r.flips)", isNumber: true),
                 DataTable.Cell(r.flipRate.map { String(format: "%.3f", $0) } ?? "-", isNumber: true),
                 DataTable.Cell(r.interval.map { String(format: "%.3f-%.3f", $0.low, $0.high) } ?? "-", isNumber: true),
                 DataTable.Cell("\(r.towardSafe)", isNumber: true),
                 DataTable.Cell(r.check == "unparseable" ? "\(r.confident)" : "", isNumber: true)]
            })
    }

    var displayItems: [DisplayItem] {
        var items: [DisplayItem] = [.table(table)]
        if !report.examples.isEmpty {
            items.append(.table(DataTable(title: "flipped verdicts", columns: ["check", "variant", "response", "before", "after"],
                rows: report.examples.map { f in
                    [DataTable.Cell(f.check), DataTable.Cell(f.variant), DataTable.Cell(EvaluationValue.clip(f.response, 60)),
                     DataTable.Cell(Self.short(f.before)), DataTable.Cell(Self.short(f.after))]
                })))
        }
        return items
    }

    var showText: String { displayItems.map { $0.terminalText() }.joined(separator: "\n") }

    static func short(_ l: SafetyLabels) -> String {
        "harmful \(l.responseHarmful.rawValue), refusal \(l.refusal.rawValue)"
    }
}
