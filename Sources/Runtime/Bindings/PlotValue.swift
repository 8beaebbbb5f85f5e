#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A chart as a Spar value, made by `plot`, `scatter` and `histogram`. The REPL echo and `show`
/// draw it in the terminal; notebook reports embed it as SVG; `p.svg()` gives the SVG text and
/// `p.save("file.svg")` (or `save(p, "file.svg")`) writes it.
public final class PlotValue: RichDisplayable {
    public let chart: Chart

    public init(_ chart: Chart) { self.chart = chart }

    public var typeName: String { "plot" }

    public var summary: String {
        let title = chart.title.map { " " + quoted($0) } ?? ""
        return "<plot \(chart.kind.rawValue)\(title), \(chart.series.count) series, \(chart.pointCount) points>"
    }

    public var showText: String { TerminalChart.render(chart, color: PlotValue.terminalUsesColor) }

    public var displayItem: DisplayItem { .chart(chart) }

    static let memberHelp: [(String, String)] = [
        ("svg", "p.svg(): the chart as SVG text"),
        ("save", "p.save(path): writes the chart as SVG (to a temporary file, then renamed into place)"),
        ("text", "p.text(): the terminal drawing as a string (no colours)"),
        ("kind", "p.kind: \"line\", \"scatter\" or \"histogram\""),
        ("title", "p.title: the title, or nil"),
        ("series", "p.series: the series names"),
    ]

    public var memberNames: [String] { Self.memberHelp.map(\.0) }
    public func help(member: String) -> String? { Self.memberHelp.first { $0.0 == member }?.1 }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "kind": return .string(chart.kind.rawValue)
        case "title": return chart.title.map { .string($0) } ?? .null
        case "series": return .list(chart.series.map { .string($0.name) })
        default: return nil
        }
    }

    public func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "svg":
            try args.expect(0)
            return .string(SVGChart.render(chart))
        case "text":
            try args.expect(0)
            return .string(TerminalChart.render(chart))
        case "save":
            try args.expect(1)
            try save(to: try args.string(0))
            return .null
        default:
            return nil
        }
    }

    /// Writes the SVG drawing atomically.
    func save(to path: String) throws {
        try AtomicFile.write(SVGChart.render(chart), to: path)
    }

    public func equals(_ other: NativeValue) -> Bool {
        (other as? PlotValue).map { $0.chart == chart } ?? false
    }

    /// Colours only when standard output is a terminal that is not "dumb" and NO_COLOR is unset
    /// (https://no-color.org).
    static var terminalUsesColor: Bool {
        guard isatty(STDOUT_FILENO) == 1, getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM").map({ String(cString: $0) }), term == "dumb" { return false }
        return true
    }
}
