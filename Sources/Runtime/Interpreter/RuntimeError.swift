import Lang
import Engine

/// A Spar runtime error on its way up the Spar call stack. A class, so each function boundary it
/// crosses can append a trace line without copying.
final class RuntimeError: Error {
    let message: String
    let location: SourceLocation?
    /// `in fname at file:line:col`, innermost first.
    private(set) var frames: [String] = []
    private var droppedFrames = 0
    /// Where execution was in the frame currently being unwound.
    private var cursor: SourceLocation?
    /// Lines of trace printed at most (after folding repeats).
    static let maxTrace = 16
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
        appendFrame(name)
        cursor = callSite ?? cursor
    }

    /// Records the outermost frame (the script or REPL input).
    func finish(_ name: String) { appendFrame(name) }

    private func appendFrame(_ name: String) {
        if frames.count < 20_000 {
            frames.append("  in \(name) at \(cursor.map { "\($0)" } ?? "?")")
        } else {
            droppedFrames += 1
        }
    }

    /// The trace with runs of a repeated frame or cycle of frames (recursion) folded into one line.
    func foldedTrace() -> [String] {
        var lines: [String] = []
        var i = 0
        while i < frames.count {
            var folded = false
            for period in 1...4 where i + 3 * period <= frames.count {
                let block = frames[i..<(i + period)]
                var repeats = 1
                while i + (repeats + 1) * period <= frames.count,
                      frames[(i + repeats * period)..<(i + (repeats + 1) * period)] == block {
                    repeats += 1
                }
                if repeats >= 3 {
                    lines.append(contentsOf: block)
                    let what = period == 1 ? "the line above repeats" : "the \(period) lines above repeat"
                    lines.append("  ... \(what) \(repeats - 1) more times")
                    i += repeats * period
                    folded = true
                    break
                }
            }
            if !folded { lines.append(frames[i]); i += 1 }
        }
        if droppedFrames > 0 { lines.append("  ... \(droppedFrames) more frames") }
        if lines.count > RuntimeError.maxTrace {
            let hidden = lines.count - RuntimeError.maxTrace + 1
            lines = Array(lines.prefix(RuntimeError.maxTrace - 2)) + ["  ... \(hidden) more lines"] + [lines[lines.count - 1]]
        }
        return lines
    }

    /// The full report: diagnostic, source line, caret, then the trace.
    func render() -> String {
        var out: String
        if let location { out = Diagnostic.render(message: message, at: location) } else { out = "error: \(message)\n" }
        for line in foldedTrace() { out += line + "\n" }
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
    // Ctrl-C noticed inside engine work: the same uncatchable error the interpreter raises.
    case is Interrupted: return RuntimeError("interrupted", at: location, fatal: true)
    // Foundation's errors (I/O, decoding) as a short reason, never their raw description.
    default: return RuntimeError(FileProblem.reason(error), at: location)
    }
}
