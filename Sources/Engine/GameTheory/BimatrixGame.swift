import Foundation

/// A finite two-player general-sum game in normal form: for actions (i, j) the row player receives
/// `A[i][j]` and the column player `B[i][j]`; both maximise their own payoff.
///
///     // Battle of the sexes: two pure equilibria and one mixed.
///     let bos = try BimatrixGame([[3, 0], [0, 2]], [[2, 0], [0, 3]])
///     try bos.equilibria().equilibria.count    // 3
///     try bos.nashConv(row: [1, 0], col: [1, 0])   // 0
public struct BimatrixGame: Equatable, Sendable {
    /// The row player's payoffs `A`.
    public let rowPayoffs: PayoffMatrix
    /// The column player's payoffs `B` (same shape as `A`).
    public let colPayoffs: PayoffMatrix
    /// One name per row action (defaults `r0, r1, …`).
    public let rowNames: [String]
    /// One name per column action (defaults `c0, c1, …`).
    public let colNames: [String]

    /// A game from both payoff matrices, with optional action names. `A` and `B` must have one shape.
    public init(_ a: [[Double]], _ b: [[Double]], rowNames: [String]? = nil, colNames: [String]? = nil) throws {
        try self.init(rowPayoffs: PayoffMatrix(a, what: "row payoff matrix A"),
                      colPayoffs: PayoffMatrix(b, what: "column payoff matrix B"),
                      rowNames: rowNames, colNames: colNames)
    }

    /// A game from validated matrices; throws if their shapes differ or a name list is wrong.
    public init(rowPayoffs a: PayoffMatrix, colPayoffs b: PayoffMatrix,
                rowNames: [String]? = nil, colNames: [String]? = nil) throws {
        guard a.rows == b.rows, a.cols == b.cols else {
            throw EngineError("payoff matrices A [\(a.rows), \(a.cols)] and B [\(b.rows), \(b.cols)] must have the same shape")
        }
        self.rowPayoffs = a
        self.colPayoffs = b
        self.rowNames = try ActionNames.resolve(rowNames, count: a.rows, prefix: "r", player: "row")
        self.colNames = try ActionNames.resolve(colNames, count: a.cols, prefix: "c", player: "column")
    }

    /// Internal: matrices and names already checked (used by `MatrixGame.asBimatrix`).
    init(validated a: PayoffMatrix, _ b: PayoffMatrix, rowNames: [String], colNames: [String]) {
        self.rowPayoffs = a
        self.colPayoffs = b
        self.rowNames = rowNames
        self.colNames = colNames
    }

    /// Number of row actions.
    public var rows: Int { rowPayoffs.rows }
    /// Number of column actions.
    public var cols: Int { rowPayoffs.cols }

    /// True when `A + B = 0` in every cell (within `tolerance`), i.e. the game is zero-sum.
    public func isZeroSum(tolerance: Double = 1e-12) -> Bool {
        zip(rowPayoffs.values, colPayoffs.values).allSatisfy { abs($0 + $1) <= tolerance * Swift.max(1, abs($0)) }
    }

    /// The payoff table as text: each cell shows "a, b".
    public var table: String {
        PayoffTable.render(rowNames: rowNames, colNames: colNames) {
            "\(PayoffTable.number(rowPayoffs[$0, $1])), \(PayoffTable.number(colPayoffs[$0, $1]))"
        }
    }

    /// Checks `row` and `col` against the game's sizes and the rules of a distribution.
    public func validate(row x: [Double], col y: [Double]) throws {
        try MixedStrategy.validate(x, actions: rows, player: "row")
        try MixedStrategy.validate(y, actions: cols, player: "column")
    }

    /// Both players' expected payoffs `(xᵀ A y, xᵀ B y)`.
    public func expectedPayoffs(row x: [Double], col y: [Double]) throws -> (row: Double, col: Double) {
        try validate(row: x, col: y)
        return (rowPayoffs.expected(x, y), colPayoffs.expected(x, y))
    }

    /// The row player's best responses to column strategy `y` (maximising `(A y)_i`).
    public func rowBestResponse(to y: [Double]) throws -> BestResponse {
        try MixedStrategy.validate(y, actions: cols, player: "column")
        return BestResponse.maximising(rowPayoffs.rowPayoffs(against: y))
    }

    /// The column player's best responses to row strategy `x` (maximising `(xᵀ B)_j`).
    public func colBestResponse(to x: [Double]) throws -> BestResponse {
        try MixedStrategy.validate(x, actions: rows, player: "row")
        return BestResponse.maximising(colPayoffs.colPayoffs(against: x))
    }

    /// NashConv of (x, y): the sum over both players of the gain from switching to a best response,
    /// `max_i (A y)_i − xᵀ A y + max_j (xᵀ B)_j − xᵀ B y`. Zero exactly at a Nash equilibrium.
    public func nashConv(row x: [Double], col y: [Double]) throws -> Double {
        try validate(row: x, col: y)
        return Self.nashConv(rowPayoffs, colPayoffs, x, y)
    }

    /// Unchecked NashConv for internal callers with validated inputs.
    static func nashConv(_ a: PayoffMatrix, _ b: PayoffMatrix, _ x: [Double], _ y: [Double]) -> Double {
        let ay = a.rowPayoffs(against: y), xb = b.colPayoffs(against: x)
        var xay = 0.0, xby = 0.0
        for i in 0..<a.rows { xay += x[i] * ay[i] }
        for j in 0..<a.cols { xby += xb[j] * y[j] }
        let gainRow = (ay.max() ?? 0) - xay, gainCol = (xb.max() ?? 0) - xby
        return Swift.max(0, gainRow) + Swift.max(0, gainCol)
    }
}
