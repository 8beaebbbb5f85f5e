import Lang
import Engine

/// A Spar runtime error on its way up the Spar call stack. A class, so each function boundary it
/// crosses can append a trace line without copying.
final class RuntimeError: Error {
    let message: String
    let location: SourceLocation?
    /// `in fname at file:line:col`, innermost first; capped at `maxTrace` lines.
    private(set) var trace: [String] = []
    private(set) var omittedFrames = 0
    /// Where execution was in the frame currently being unwound.
    private var cursor: SourceLocation?
    static let maxTrace = 12
    /// Errors that `try`/`catch` must not stop: interrupts and the step limit.
    let isFatal: Bool

    init(_ message: String, at location: SourceLocation?, fatal: Bool = false) {
        self.message = message; self.location = location; self.cursor = location; self.isFatal = fatal
    }

    /// The value a `catch e` binding receives: {message, line, column, file}.
    func asValue() -> Value {
        .record([
            ("message", .string(message)),
            ("line", location.map { .number(Double($0.line)) } ?? .null),
            ("column", location.map { .number(Double($0.column)) } ?? .null),
            ("file", location.map { .string($0.file.name) } ?? .null),
        ])
    }

    /// Records that the error left function `name`, which had been called from `callSite`.
    func leave(function name: String, callSite: SourceLocation?) {
        appendTrace(name)
        cursor = callSite ?? cursor
    }

    /// Records the outermost frame (the script or REPL input).
    func finish(_ name: String) { appendTrace(name) }

    private func appendTrace(_ name: String) {
        let line = "  in \(name) at \(cursor.map { "\($0)" } ?? "?")"
        // Deep recursion repeats one frame thousands of times: show it once with a count.
        if line == lastLine { repeats += 1; return }
        flushRepeats()
        lastLine = line
        if trace.count < RuntimeError.maxTrace { trace.append(line) } else { omittedFrames += 1 }
    }

    private var lastLine: String?
    private var repeats = 0

    private func flushRepeats() {
        if repeats > 0 { trace.append("  ... the line above repeats \(repeats) more time\(repeats == 1 ? "" : "s")") }
        repeats = 0
    }

    /// The full report: diagnostic, source line, caret, then the trace.
    func render() -> String {
        flushRepeats()
        var out: String
        if let location { out = Diagnostic.render(message: message, at: location) } else { out = "error: \(message)\n" }
        for line in trace { out += line + "\n" }
        if omittedFrames > 0 { out += "  ... \(omittedFrames) more frames\n" }
        return out
    }
}

/// Thrown for `break`/`continue`/`return` that cannot travel by the interpreter's flow flag
/// (when they sit inside an expression, e.g. `let x = if c { return 1 } else { 2 }`).
final class ControlSignal: Error {
    let flow: Flow
    init(_ flow: Flow) { self.flow = flow }
}

/// Pending non-local control flow.
enum Flow: UInt8 { case normal = 0, breakLoop, continueLoop, returnValue }

/// Turns any error thrown by Swift code into a located Spar error; control signals pass through.
func located(_ error: Error, at location: SourceLocation) -> Error {
    switch error {
    case is RuntimeError, is ControlSignal: return error
    case let e as ScriptError: return RuntimeError(e.message, at: location)
    case let e as EngineError: return RuntimeError(e.message, at: location)
    default: return RuntimeError("\(error)", at: location)
    }
}
