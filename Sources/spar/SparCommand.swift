import ArgumentParser
import Runtime

/// `spar` starts the REPL, `spar -e CODE` runs code, `spar run FILE` runs a script.
struct SparCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spar",
        abstract: "Spar: a scripting language and REPL for self-play red-teaming research.",
        discussion: """
            With no arguments, spar starts the REPL (line editing and history on a terminal; \
            a plain reader without prompts when input is piped). Exit status: 0 ok, 64 usage, \
            65 compile error, 70 runtime error.
            """,
        version: "spar \(Runtime.version)",
        subcommands: [RunCommand.self, NotebookCommand.self, FetchCommand.self, RunsCommand.self]
    )

    @Option(name: .customShort("e"), help: ArgumentHelp("Run CODE as a script and exit.", valueName: "CODE"))
    var code: String?

    func run() throws {
        let status = code.map { Launcher.runCode($0, arguments: []) } ?? Launcher.startREPL()
        if status != 0 { throw ExitCode(status) }
    }
}
