import ArgumentParser
import Runtime

/// `spar notebook FILE -o report.html|report.md [--keep-going] [-- args...]`.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run a notebook's cells in order and write a report.",
        discussion: """
            FILE is a .spar script split into cells by '# %%' lines ('# %% [markdown]' cells hold \
            prose as # comments). The report is self-contained HTML (.html) or Markdown (.md, with \
            charts as SVG files in a <name>_files folder beside it). A failing cell stops the run \
            unless --keep-going is given; the report is written either way.
            """
    )

    @Argument(help: "The notebook file.")
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the report (.html or .md).", valueName: "REPORT"))
    var output: String

    @Flag(help: "Run the remaining cells after a cell fails.")
    var keepGoing = false

    // After `--`, so options may come after FILE.
    @Argument(parsing: .postTerminator, help: "Arguments for the notebook after '--', visible to it as `args`.")
    var arguments: [String] = []

    func run() throws {
        let status = Launcher.runNotebook(file, report: output, keepGoing: keepGoing, arguments: arguments)
        if status != 0 { throw ExitCode(status) }
    }
}
