import Foundation

/// Draws number series as a small Unicode chart for the terminal, e.g. exploitability per step:
///
///     exploitability
///     2 ┤●●●        ○   ○
///       ┤   ●●●  ○○  ○○ ○○
///       ┤      ●●●
///     0 ┤○○○○○○   ●●●●●●●●
///       └─────────────────
///        0              99
///       ● average  ○ last iterate
///
/// Each series is resampled to at most `width` columns (never stretched); later series are drawn
/// over earlier ones. `log` plots log10 of the values (non-positive values sit on the bottom line).
/// A later issue builds real plots; this is the minimum for demos.
enum TextChart {
    static let glyphs: [Character] = ["●", "○", "◆", "◇", "■", "□"]
    static let help = "text_chart(ys, height: 8, width: 60, labels: names?, title: \"\", log: false) — a Unicode line chart of a list of numbers or a list of such lists, as a string"

    /// Renders `series` (each non-empty, finite). Sizes are checked by the caller.
    static func render(_ series: [[Double]], height: Int, width: Int, labels: [String]?, title: String, log: Bool) -> String {
        let longest = series.map(\.count).max() ?? 1
        let columns = Swift.min(width, longest)
        // Column c shows the sample at the same relative position of each series; the scale is set
        // by the samples drawn, so the axis labels match what is on screen.
        let sampled: [[Double]] = series.map { s in
            (0..<columns).map { c in
                let v = s[columns == 1 ? 0 : c * (s.count - 1) / (columns - 1)]
                return log ? (v > 0 ? Foundation.log10(v) : -Double.infinity) : v
            }
        }
        let finite = sampled.flatMap { $0 }.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if !(hi / 2 - lo / 2 > 5e-13) { lo -= 1; hi += 1 }
        var grid = [[Character]](repeating: [Character](repeating: " ", count: columns), count: height)
        for (k, s) in sampled.enumerated() {
            let glyph = glyphs[k % glyphs.count]
            for (c, v) in s.enumerated() {
                // Halves keep the differences finite for values near the largest Double.
                let raw = v.isFinite ? (v / 2 - lo / 2) / (hi / 2 - lo / 2) : 0
                let fraction = raw.isFinite ? raw : 0
                let level = Swift.max(0, Swift.min(Double(height - 1), (fraction * Double(height - 1)).rounded()))
                grid[height - 1 - Int(level)][c] = glyph
            }
        }
        func axis(_ v: Double) -> String {
            let shown = log ? Foundation.pow(10, v) : v
            return shown == shown.rounded() && abs(shown) < 1e6 ? String(format: "%.0f", shown) : String(format: "%.3g", shown)
        }
        let top = axis(hi), bottom = axis(lo)
        let pad = Swift.max(top.count, bottom.count)
        func leftLabel(_ s: String) -> String { String(repeating: " ", count: pad - s.count) + s }
        var lines: [String] = []
        if !title.isEmpty { lines.append(title) }
        for (r, row) in grid.enumerated() {
            let label = r == 0 ? leftLabel(top) : r == height - 1 ? leftLabel(bottom) : String(repeating: " ", count: pad)
            // Trailing blanks carry no information and upset line-based comparisons.
            var cells = String(row)
            while cells.last == " " { cells.removeLast() }
            lines.append(label + " ┤" + cells)
        }
        lines.append(String(repeating: " ", count: pad) + " └" + String(repeating: "─", count: columns))
        let first = "0", last = "\(longest - 1)"
        let gap = Swift.max(1, columns - first.count - last.count)
        lines.append(String(repeating: " ", count: pad + 2) + first + (longest > 1 ? String(repeating: " ", count: gap) + last : ""))
        if let labels, !labels.isEmpty {
            let legend = labels.enumerated().map { "\(glyphs[$0.offset % glyphs.count]) \($0.element)" }.joined(separator: "  ")
            lines.append(String(repeating: " ", count: pad + 2) + legend)
        }
        return lines.joined(separator: "\n")
    }

    /// The `text_chart` builtin: checks the arguments and renders.
    static func builtin(_ args: Arguments) throws -> Value {
        try args.expect(1, labels: ["height", "width", "labels", "title", "log"])
        guard let data = args[0] else { throw ScriptError("text_chart: missing argument 1 (a list of numbers)") }
        let series: [[Double]]
        if case .list(let items) = data, let first = items.items.first, case .list = first {
            series = try items.items.enumerated().map { try GameArguments.numbers($0.element, callee: "text_chart", argument: "series \($0.offset)", what: "numbers") }
        } else {
            series = [try GameArguments.numbers(data, callee: "text_chart", argument: "argument 1", what: "numbers (or of lists of numbers)")]
        }
        guard !series.isEmpty, series.allSatisfy({ !$0.isEmpty }) else { throw ScriptError("text_chart: nothing to draw (an empty list)") }
        for s in series where !s.allSatisfy(\.isFinite) { throw ScriptError("text_chart: values must be finite numbers") }
        let height = try GameArguments.labeledInteger(args, "height", default: 8)
        let width = try GameArguments.labeledInteger(args, "width", default: 60)
        guard (2...100).contains(height) else { throw ScriptError("text_chart: height must be between 2 and 100, not \(height)") }
        guard (2...400).contains(width) else { throw ScriptError("text_chart: width must be between 2 and 400, not \(width)") }
        let labels = try GameArguments.names(args["labels"], callee: "text_chart", argument: "'labels'")
        if let labels, labels.count != series.count {
            throw ScriptError("text_chart: \(labels.count) labels for \(series.count) series")
        }
        var title = ""
        if let t = args["title"] {
            guard case .string(let s) = t else { throw ScriptError("text_chart: argument 'title' must be a string, not \(t.typeName)") }
            title = s
        }
        var log = false
        if let l = args["log"] {
            guard case .bool(let b) = l else { throw ScriptError("text_chart: argument 'log' must be true or false, not \(l.typeName)") }
            log = b
        }
        return .string(render(series, height: height, width: width, labels: labels, title: title, log: log))
    }
}
