/// What running a notebook produced, cell by cell: the input of the report writers.
public struct NotebookResult: Equatable {
    /// The notebook file as named on the command line (shown in the report and in error locations).
    public var path: String
    public var cells: [CellResult]

    public init(path: String, cells: [CellResult]) {
        self.path = path
        self.cells = cells
    }

    /// The first cell that failed, if any.
    public var firstFailure: CellResult? { cells.first { $0.status.isFailure } }

    /// 0 when every cell ran; otherwise the exit code of the first failure (65 compile, 70 runtime).
    public var exitCode: Int32 {
        switch firstFailure?.status {
        case .compileError?: return RunStatus.compileError.exitCode
        case .runtimeError?: return RunStatus.runtimeError.exitCode
        default: return 0
        }
    }

    /// Total run time of the code cells.
    public var nanoseconds: UInt64 { cells.reduce(0) { $0 + $1.nanoseconds } }
}

/// One cell's outcome.
public struct CellResult: Equatable {
    public enum Status: Equatable {
        /// A code cell that ran to the end.
        case ok
        /// A code cell whose code did not parse or resolve.
        case compileError
        /// A code cell that raised an error.
        case runtimeError
        /// A code cell after a failure that was not run (the runner stops unless told to keep going).
        case notRun
        /// A prose cell (never run).
        case prose

        public var isFailure: Bool { self == .compileError || self == .runtimeError }
    }

    /// Printed text and displayed values in the order they happened.
    public enum Output: Equatable {
        case printed(String)
        case displayed(DisplayItem)
    }

    public var cell: NotebookCell
    public var status: Status
    public var outputs: [Output]
    /// The diagnostic of a failed cell (`file:line:col: error: ...` with the source line and caret),
    /// plus anything else the cell wrote to the error stream.
    public var errorText: String
    /// Wall-clock run time; 0 for cells that did not run.
    public var nanoseconds: UInt64

    public init(cell: NotebookCell, status: Status, outputs: [Output] = [], errorText: String = "", nanoseconds: UInt64 = 0) {
        self.cell = cell
        self.status = status
        self.outputs = outputs
        self.errorText = errorText
        self.nanoseconds = nanoseconds
    }
}
