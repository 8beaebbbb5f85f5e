/// A progress reporter as a Spar value, for scripts' own long loops:
///
///     let p = progress(200, label: "train")
///     for i in 0..<200 { ...; p.update(i + 1, loss: l) }
///     p.finish()
///
/// It writes to standard error (a redrawn bar on a terminal, plain lines otherwise; see
/// `ProgressReporter`), so it never mixes into a notebook's captured output.
public final class ProgressValue: NativeValue {
    let reporter: ProgressReporter

    init(_ reporter: ProgressReporter) { self.reporter = reporter }

    public var typeName: String { "progress" }
    public var summary: String {
        "<progress \(quoted(reporter.label))" + (reporter.total.map { " of \($0)" } ?? "") + ">"
    }

    static let memberHelp: [(String, String)] = [
        ("update", "p.update(step, name: value, ...): reports that `step` steps are done, with the latest metrics as labeled numbers"),
        ("finish", "p.finish(name: value, ...): ends the report with a summary line"),
    ]
    public var memberNames: [String] { Self.memberHelp.map(\.0) }
    public func help(member: String) -> String? { Self.memberHelp.first { $0.0 == member }?.1 }

    public func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "update":
            try args.expect(1, 1, labels: args.labeled.map(\.label))
            reporter.update(step: try args.integer(0), metrics: try metrics(args))
            return .null
        case "finish":
            try args.expect(0, 0, labels: args.labeled.map(\.label))
            reporter.finish(metrics: try metrics(args))
            return .null
        default:
            return nil
        }
    }

    private func metrics(_ args: Arguments) throws -> [(String, Double)] {
        try args.labeled.map { label, value in
            guard case .number(let d) = value else {
                throw ScriptError("\(args.callee): metric '\(label)' must be a number, not \(value.typeName)")
            }
            return (label, d)
        }
    }
}

extension Builtins {
    /// Installs `progress(total, label:)`.
    static func installProgress() {
        register(name: "progress", help: "progress(total, label: \"work\"): a progress reporter for a loop; p.update(step, loss: x) and p.finish() (a bar on a terminal, plain lines otherwise, on standard error)") { args in
            try args.expect(0, 1, labels: ["label", "total"])
            var total: Int?
            switch args.value(0, "total") {
            case nil, .null?: total = nil  // unknown length: no bar, no eta
            default: total = try args.integer(0, "total")
            }
            let label = args["label"] == nil ? "progress" : try args.string(ChartArguments.byLabel, "label")
            return .native(ProgressValue(ProgressReporter(label: label, total: total)))
        }
        for (member, help) in ProgressValue.memberHelp { registerHelp(topic: "progress.\(member)", help: help) }
    }
}
