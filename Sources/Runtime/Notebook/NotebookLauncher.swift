extension Launcher {
    /// `spar notebook FILE -o REPORT [--keep-going] [args...]`: runs every cell and writes the report
    /// (HTML or Markdown by REPORT's extension), also when a cell fails. Status lines go to standard
    /// error. Returns 0 when every cell ran, 64 for usage problems (unreadable notebook, unknown
    /// report format, unwritable report), else the failing cell's status (65 compile, 70 runtime).
    public static func runNotebook(_ path: String, report: String, keepGoing: Bool, arguments: [String]) -> Int32 {
        guard ReportWriter.format(for: report) != nil else {
            StandardStreams.writeErr("spar: cannot tell the report format of '\(report)': name it .html or .md\n")
            return usageExitCode
        }
        let source: String
        do {
            source = try ScriptFile.read(path)
        } catch {
            StandardStreams.writeErr("spar: \(error)\n")
            return usageExitCode
        }
        InterruptSignal.install(interactive: false)
        let runner = NotebookRunner(path: path, source: source)
        runner.keepGoing = keepGoing
        runner.arguments = arguments
        runner.log = { StandardStreams.writeErr($0 + "\n") }
        let result = runner.run()
        if let failure = result.firstFailure {
            StandardStreams.writeErr(failure.errorText)
        }
        do {
            let written = try ReportWriter.write(result, to: report)
            StandardStreams.writeErr("wrote \(written[0])" + (written.count > 1 ? " and \(written.count - 1) chart files" : "") + "\n")
        } catch {
            StandardStreams.writeErr("spar: \(error)\n")
            return usageExitCode
        }
        return result.exitCode
    }
}
