import Engine
import Foundation

/// The result of `evaluate(...)`: overall rates, tables by category and template, the worst
/// examples and the episodes. `show(r)` prints the summary, a bar chart by category and the tables;
/// a notebook report keeps each as HTML/SVG.
final class EvaluationValue: MultiDisplayable {
    let result: BenchmarkResult

    init(_ result: BenchmarkResult) { self.result = result }

    var typeName: String { "evaluation" }

    var summary: String {
        let o = result.overall
        return "<evaluation \(result.items.count) answers, judge \(result.judge): attack success \(Self.rate(o.attackSuccess)), "
            + "over-refusal \(Self.rate(o.overRefusal)), \(o.unknown) unknown>"
    }

    static func rate(_ r: RateCount) -> String {
        r.rate.map { String(format: "%.3f", $0) } ?? "-"
    }

    static func number(_ d: Double?) -> Value { d.map { .number($0) } ?? .null }

    static let members: [(String, String)] = [
        ("attack_success", "r.attack_success: harmful prompts answered harmfully / those the judge could label (nil if none)"),
        ("refusal_rate", "r.refusal_rate: harmful prompts refused / those labelled"),
        ("over_refusal", "r.over_refusal: benign prompts refused / those labelled"),
        ("unknown", "r.unknown: answers whose deciding label the judge could not give (never counted as a failed attack)"),
        ("counts", "r.counts: {harmful, benign, answers, unknown, attack_success: {hits, misses, unknown, low, high}, ...}"),
        ("by_category", "r.by_category: a table with one row per category"),
        ("by_template", "r.by_template: a table with one row per template (\"direct\" = unwrapped)"),
        ("worst", "r.worst: successful attacks and over-refusals, as records"),
        ("items", "r.items: every answer as a record {id, category, type, template, message, response, labels}"),
        ("episodes", "r.episodes: the answers as game episodes (for the ledger tools and j.audit)"),
        ("chart", "r.chart: the bar chart of attack success and over-refusal by category"),
        ("judge", "r.judge: the judge's name"),
        ("model", "r.model: the model's summary"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }
    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        let o = result.overall
        switch name {
        case "attack_success": return Self.number(o.attackSuccess.rate)
        case "refusal_rate": return Self.number(o.refusal.rate)
        case "over_refusal": return Self.number(o.overRefusal.rate)
        case "unknown": return .number(Double(o.unknown))
        case "counts": return Self.counts(o)
        case "by_category": return .native(TableValue(Self.table(result.byCategory, title: "by category", first: "category")))
        case "by_template": return .native(TableValue(Self.table(result.byTemplate, title: "by template", first: "template")))
        case "worst": return .list(ListObject(result.worst.map(Self.item)))
        case "items": return .list(ListObject(result.items.map(Self.item)))
        case "episodes": return .native(EpisodesValue(try result.episodes()))
        case "chart": return .native(PlotValue(chart))
        case "judge": return .string(result.judge)
        case "model": return .string(result.model)
        default: return nil
        }
    }

    static func counts(_ row: BenchmarkRow) -> Value {
        func rc(_ r: RateCount) -> Value {
            .record([("hits", .number(Double(r.hits))), ("misses", .number(Double(r.misses))), ("unknown", .number(Double(r.unknown))),
                     ("rate", number(r.rate)), ("low", number(r.interval?.low)), ("high", number(r.interval?.high)),
                     ("if_unknown_failed", number(r.lowest)), ("if_unknown_succeeded", number(r.highest))])
        }
        return .record([("harmful", .number(Double(row.harmful))), ("benign", .number(Double(row.benign))),
                        ("unknown", .number(Double(row.unknown))), ("attack_success", rc(row.attackSuccess)),
                        ("refusal", rc(row.refusal)), ("over_refusal", rc(row.overRefusal))])
    }

    static func item(_ i: BenchmarkItem) -> Value {
        .record([("id", .string(i.prompt.id)), ("category", .string(i.prompt.category)), ("type", .string(i.prompt.type.rawValue)),
                 ("template", .string(i.template)), ("prompt", .string(i.prompt.text)), ("message", .string(i.message)),
                 ("response", .string(i.reply.answer)), ("labels", SelfPlayConversions.labels(i.labels)),
                 ("attack_succeeded", i.attackSucceeded.bool.map { .bool($0) } ?? .null)])
    }

    /// Rates as "0.250 (3/12)" with the unknown count beside them.
    static func table(_ rows: [BenchmarkRow], title: String, first: String) -> DataTable {
        func cell(_ r: RateCount) -> DataTable.Cell {
            guard let rate = r.rate else { return DataTable.Cell("-") }
            return DataTable.Cell(String(format: "%.3f", rate) + " (\(r.hits)/\(r.known))", isNumber: true)
        }
        return DataTable(
            title: title,
            columns: [first, "harmful", "benign", "attack success", "refusal", "over-refusal", "unknown"],
            rows: rows.map { r in
                [DataTable.Cell(r.key), DataTable.Cell("\(r.harmful)", isNumber: true), DataTable.Cell("\(r.benign)", isNumber: true),
                 cell(r.attackSuccess), cell(r.refusal), cell(r.overRefusal), DataTable.Cell("\(r.unknown)", isNumber: true)]
            })
    }

    var chart: Chart {
        let rows = result.byCategory
        var chart = Chart(kind: .bar, series: [
            ChartSeries(name: "attack success", ys: rows.map { $0.attackSuccess.rate ?? .nan }),
            ChartSeries(name: "over-refusal", ys: rows.map { $0.overRefusal.rate ?? .nan }),
        ].filter { $0.ys.contains(where: \.isFinite) }, title: "by category (judge \(result.judge))", xlabel: "rate")
        chart.categories = rows.map(\.key)
        return chart
    }

    var overviewText: String {
        let o = result.overall
        func line(_ name: String, _ r: RateCount) -> String {
            guard let rate = r.rate else { return "  \(name): -" }
            let ci = r.interval.map { String(format: " [95%% %.3f-%.3f]", $0.low, $0.high) } ?? ""
            return "  \(name): " + String(format: "%.3f", rate) + " (\(r.hits)/\(r.known))\(ci)"
                + (r.unknown > 0 ? ", \(r.unknown) unknown" : "")
        }
        return ([
            "evaluation of \(result.model)",
            "  judge: \(result.judge); \(result.items.count) answers (\(o.harmful) to harmful prompts, \(o.benign) to benign), max_tokens \(result.settings.maxTokens)",
            line("attack success", o.attackSuccess), line("refusal rate", o.refusal), line("over-refusal", o.overRefusal),
            "  unknown verdicts: \(o.unknown) (counted apart, never as failed attacks)",
        ]).joined(separator: "\n")
    }

    var showText: String { displayItems.map { $0.terminalText() }.joined(separator: "\n") }

    var displayItems: [DisplayItem] {
        var items: [DisplayItem] = [.text(overviewText), .chart(chart),
                                    .table(Self.table(result.byCategory, title: "by category", first: "category"))]
        if result.byTemplate.count > 1 || result.byTemplate.first?.key != PromptTemplate.directName {
            items.append(.table(Self.table(result.byTemplate, title: "by template", first: "template")))
        }
        let worst = result.worst
        if !worst.isEmpty {
            items.append(.table(DataTable(
                title: "worst examples", columns: ["kind", "category", "template", "prompt", "response"],
                rows: worst.map { i in
                    [DataTable.Cell(i.prompt.type == .harmful ? "attack succeeded" : "over-refusal"), DataTable.Cell(i.prompt.category),
                     DataTable.Cell(i.template), DataTable.Cell(Self.clip(i.message, 80)), DataTable.Cell(Self.clip(i.reply.answer, 80))]
                })))
        }
        return items
    }

    static func clip(_ s: String, _ n: Int) -> String {
        let one = s.replacingOccurrences(of: "\n", with: " ")
        return one.count <= n ? one : String(one.prefix(n - 1)) + "…"
    }
}
