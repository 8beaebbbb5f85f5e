import Engine
import Foundation

/// `spar runs [FOLDER...]`: the run folders `g.run(..., log: "runs/NAME")` wrote, side by side — a
/// table of their final metrics and a table of the arguments in which they differ.
///
///     2 runs (final metrics: the last step of each)
///
///     run         steps  schedule  attack_success  harmful_refusal  ...
///     runs/base   40     selfplay  0.125           0.5              ...
///     runs/zs     40     selfplay  0.25            0.375            ...
///
///     arguments that differ:
///     field    runs/base    runs/zs
///     rewards  general_sum  zero_sum
public enum RunsReport {
    /// The metrics shown unless `--metrics` names others.
    public static let defaultMetrics = ["attack_success", "harmful_refusal", "benign_over_refusal", "tie_share", "judge_errors",
                                        "reward_attacker", "reward_defender", "kl"]

    /// The run folders among `paths`: a path holding config.json is one; any other folder stands for
    /// its subfolders that are (sorted by name). No paths: `runs`.
    public static func folders(_ paths: [String]) throws -> [String] {
        var out: [String] = []
        for path in paths.isEmpty ? ["runs"] : paths {
            let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: trimmed, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ScriptError("\(trimmed) is not a folder")
            }
            if FileManager.default.fileExists(atPath: trimmed + "/" + RunLog.configFile) { out.append(trimmed); continue }
            let children = (try? FileManager.default.contentsOfDirectory(atPath: trimmed)) ?? []
            let runs = children.sorted().map { trimmed + "/" + $0 }
                .filter { FileManager.default.fileExists(atPath: $0 + "/" + RunLog.configFile) }
            guard !runs.isEmpty else { throw ScriptError("\(trimmed) holds no run folders (made by g.run(..., log: \"\(trimmed)/NAME\"))") }
            out += runs
        }
        return out
    }

    /// The report of `runs`; final metrics are the mean of each run's last `last` steps.
    public static func render(_ runs: [RunFolder], last: Int = 1, metrics: [String] = defaultMetrics) -> String {
        var lines: [String] = []
        let what = last <= 1 ? "the last step of each" : "the mean of the last \(last) steps of each"
        lines.append("\(runs.count) run\(runs.count == 1 ? "" : "s") (final metrics: \(what))")
        lines.append("")
        let header = ["run", "steps", "schedule"] + metrics
        let rows = runs.map { r -> [String] in
            var schedules: [String] = []
            for c in r.runs where !schedules.contains(c.schedule) { schedules.append(c.schedule) }
            return [r.path, String(r.step), schedules.isEmpty ? "-" : schedules.joined(separator: ", ")]
                + metrics.map { GameConversions.cell(r.final($0, last: last)) }
        }
        lines += table(header, rows)
        lines.append("")
        if runs.count == 1, let only = runs.first {
            lines.append("arguments:")
            lines += table(["field", "value"], only.config.fields.map { [$0.name, $0.value.description] })
        } else {
            var names: [String] = []
            for r in runs { for f in r.config.fields where !names.contains(f.name) { names.append(f.name) } }
            let differing = names.filter { name in Set(runs.map { $0.config[name]?.description ?? "(absent)" }).count > 1 }
            if differing.isEmpty {
                lines.append("arguments: the same in every run")
            } else {
                lines.append("arguments that differ:")
                lines += table(["field"] + runs.map(\.path),
                               differing.map { name in [name] + runs.map { $0.config[name]?.description ?? "(absent)" } })
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c + String(repeating: " ", count: max(widths[i] - c.count, 0)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return [line(header)] + rows.map(line)
    }
}

extension Launcher {
    /// `spar runs [FOLDER...] [--last N] [--metrics a,b]`: prints the report; a folder that is not a
    /// run folder (or holds none) is a usage error.
    public static func listRuns(_ paths: [String], last: Int, metrics: [String]?) -> Int32 {
        do {
            let runs = try RunsReport.folders(paths).map { try RunFolder.read($0) }
            StandardStreams.writeOut(RunsReport.render(runs, last: last, metrics: metrics ?? RunsReport.defaultMetrics))
            return 0
        } catch {
            StandardStreams.writeErr("spar runs: \(error)\n")
            return usageExitCode
        }
    }
}
