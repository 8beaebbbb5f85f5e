/// The read-eval-print loop: reads inputs (joining continuation lines while the session says the input
/// is open), runs `:` commands, and hands code to `Session.evalInteractive`, which echoes values and
/// keeps `_`.
///
/// The loop knows nothing about terminals: a `LineReader` supplies lines, so the same loop serves the
/// libedit editor and piped input (see `Launcher.startREPL`).
public final class REPL {
    /// The prompt for the first line of an input.
    public static let prompt = "spar> "
    /// The prompt while brackets, strings or blocks are still open.
    public static let continuationPrompt = "  ... "

    let session: Session
    let reader: LineReader
    let out: (String) -> Void
    let err: (String) -> Void

    /// `out` and `err` should be the same streams the session writes to, so messages interleave
    /// correctly with the program's output.
    public init(session: Session, reader: LineReader, out: @escaping (String) -> Void,
                err: @escaping (String) -> Void) {
        self.session = session
        self.reader = reader
        self.out = out
        self.err = err
    }

    /// Runs until `:quit` or the end of input. Returns the process exit status (0: a REPL session that
    /// ends normally succeeds even if some inputs had errors; they were reported as they happened).
    public func run() -> Int32 {
        if reader.isInteractive {
            out("Spar \(Runtime.version). Type :help for help, :quit or Ctrl-D to leave.\n")
        }
        defer { reader.close() }
        var pending = ""
        while true {
            let prompt = pending.isEmpty ? REPL.prompt : REPL.continuationPrompt
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                // A script piped in may end inside an open bracket: run it so the error is reported.
                if !pending.withoutSurroundingWhitespace().isEmpty && !reader.isInteractive {
                    evaluate(pending)
                }
                if reader.isInteractive { out("\n") }
                return 0
            case .interrupted:
                pending = ""
            case .line(let line):
                if !line.withoutSurroundingWhitespace().isEmpty { reader.remember(line) }
                if pending.isEmpty, let command = REPLCommand.parse(line) {
                    if perform(command) == .stop { return 0 }
                    continue
                }
                pending = pending.isEmpty ? line : pending + "\n" + line
                if pending.withoutSurroundingWhitespace().isEmpty {
                    pending = ""
                    continue
                }
                if session.needsMoreInput(pending) { continue }
                evaluate(pending)
                pending = ""
            }
        }
    }

    /// Evaluates one complete input with Ctrl-C routed to the session.
    @discardableResult
    func evaluate(_ source: String) -> RunStatus {
        InterruptSignal.whileEvaluating { session.evalInteractive(source, path: "<repl>") }
    }
}
