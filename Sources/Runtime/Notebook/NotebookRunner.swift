import Foundation

/// Runs a notebook's cells in order in one fresh `Session`, capturing each cell's printed output,
/// displayed values (through `Session.displayHook`), errors and run time.
///
/// A cell's last expression is displayed unless it ends in `;` (as in the REPL). Errors point at
/// the line in the notebook file: each cell is compiled with blank lines in front so its line
/// numbers are the file's. After a failing cell the runner stops (later code cells are `notRun`)
/// unless `keepGoing` is set.
public final class NotebookRunner {
    public let path: String
    public let cells: [NotebookCell]
    public var keepGoing = false
    /// Arguments visible to the notebook as `args`.
    public var arguments: [String] = []
    /// Called with a one-line status for each code cell as it finishes (`spar notebook` prints these
    /// to standard error), e.g. `[3/7] Fit the model: ok (12.3 ms)`.
    public var log: ((String) -> Void)?

    public init(path: String, source: String) {
        self.path = path
        self.cells = CellSplitter.split(source)
    }

    public func run() -> NotebookResult {
        let capture = OutputCapture()
        let session = Session(out: { capture.printed($0) }, err: { capture.error($0) })
        session.arguments = arguments
        session.displayHook = { capture.displayed($0) }
        var results: [CellResult] = []
        var stopped = false
        for cell in cells {
            if cell.kind == .markdown {
                results.append(CellResult(cell: cell, status: .prose))
                continue
            }
            if stopped || cell.isEmpty {
                results.append(CellResult(cell: cell, status: stopped ? .notRun : .ok))
                continue
            }
            capture.reset()
            let source = String(repeating: "\n", count: max(0, cell.firstLine - 1)) + cell.source
            let start = DispatchTime.now().uptimeNanoseconds
            // Ctrl-C (when `spar notebook` installed the handler) stops this cell, which then fails
            // with "interrupted", and the report of everything so far is still written.
            let status = InterruptSignal.whileEvaluating { session.evalInteractive(source, path: path) }
            let elapsed = DispatchTime.now().uptimeNanoseconds &- start
            let cellStatus: CellResult.Status
            switch status {
            case .ok: cellStatus = .ok
            case .compileError: cellStatus = .compileError
            case .runtimeError: cellStatus = .runtimeError
            }
            results.append(CellResult(cell: cell, status: cellStatus, outputs: capture.outputs,
                                      errorText: capture.errors, nanoseconds: elapsed))
            let outcome = cellStatus == .ok ? "ok" : "FAILED"
            log?("\(cell.label): \(outcome) (\(formatDuration(nanoseconds: elapsed)))")
            if cellStatus.isFailure && !keepGoing { stopped = true }
        }
        return NotebookResult(path: path, cells: results)
    }
}

/// Collects one cell's output; consecutive printed text is merged into one piece.
final class OutputCapture {
    private(set) var outputs: [CellResult.Output] = []
    private(set) var errors = ""

    func reset() {
        outputs = []
        errors = ""
    }

    func printed(_ text: String) {
        if case .printed(let previous)? = outputs.last {
            outputs[outputs.count - 1] = .printed(previous + text)
        } else {
            outputs.append(.printed(text))
        }
    }

    func displayed(_ item: DisplayItem) {
        outputs.append(.displayed(item))
    }

    func error(_ text: String) {
        errors += text
    }
}
