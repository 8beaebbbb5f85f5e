import ArgumentParser
import Runtime

/// `spar runs [FOLDER...] [--last N] [--metrics a,b,c]`.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List and compare the run folders written by g.run(..., log: \"runs/NAME\").",
        discussion: """
            Each FOLDER is a run folder or a folder of them (default: runs). Prints a table of \
            every run's final metrics and a table of the game arguments in which the runs differ.
            """
    )

    @Argument(help: "Run folders, or folders holding them (default: runs).")
    var folders: [String] = []

    @Option(help: "Average the metrics over each run's last N steps.")
    var last: Int = 1

    @Option(help: ArgumentHelp("The metrics to show, comma-separated (names as in docs/GAME.md).", valueName: "NAMES"))
    var metrics: String?

    func validate() throws {
        guard last >= 1 else { throw ValidationError("--last must be at least 1") }
    }

    func run() throws {
        let names = metrics.map { $0.split(separator: ",").map { String($0.filter { $0 != " " }) } }
        let status = Launcher.listRuns(folders, last: last, metrics: names)
        if status != 0 { throw ExitCode(status) }
    }
}
