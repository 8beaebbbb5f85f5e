/// What the `spar` command does once its arguments are parsed: run a file, run code given with `-e`,
/// or start the REPL. Each returns the process exit status: 0 ok, 64 usage (a file that cannot be
/// read), 65 compile error, 70 runtime error.
public enum Launcher {
    /// The exit status for command-line misuse (BSD sysexits EX_USAGE).
    public static let usageExitCode: Int32 = 64

    /// `spar run FILE [args...]`.
    public static func runFile(_ path: String, arguments: [String]) -> Int32 {
        let source: String
        do {
            source = try ScriptFile.read(path)
        } catch {
            StandardStreams.writeErr("spar: \(error)\n")
            return usageExitCode
        }
        let session = makeSession()
        session.arguments = arguments
        return session.run(source: source, path: path).exitCode
    }

    /// `spar -e CODE [args...]`: the code runs as a script named `<-e>`; use `print` to show values.
    public static func runCode(_ code: String, arguments: [String]) -> Int32 {
        let session = makeSession()
        session.arguments = arguments
        return session.run(source: code, path: "<-e>").exitCode
    }

    /// `spar`: the REPL, with line editing when both standard input and output are terminals.
    public static func startREPL() -> Int32 {
        let session = makeSession()
        let interactive = StandardStreams.isInteractiveTerminal
        let reader: LineReader = interactive
            ? EditLineReader(completer: REPLCompleter(session: session))
            : PlainLineReader()
        InterruptSignal.install(interactive: interactive)
        let repl = REPL(session: session, reader: reader, out: StandardStreams.writeOut, err: StandardStreams.writeErr)
        return repl.run()
    }

    private static func makeSession() -> Session {
        Session(out: StandardStreams.writeOut, err: StandardStreams.writeErr)
    }
}
