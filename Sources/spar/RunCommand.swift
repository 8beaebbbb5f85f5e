import ArgumentParser
import Runtime

/// `spar run FILE [args...]`: everything after FILE goes to the script as `args`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Spar script."
    )

    @Argument(help: "The script file to run.")
    var file: String

    @Argument(parsing: .captureForPassthrough, help: "Arguments for the script, visible to it as `args`.")
    var arguments: [String] = []

    func run() throws {
        let status = Launcher.runFile(file, arguments: arguments)
        if status != 0 { throw ExitCode(status) }
    }
}
