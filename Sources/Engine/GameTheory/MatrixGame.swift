import Foundation

/// A finite two-player zero-sum game in normal form: the row player chooses a row and receives
/// `A[i][j]`, the column player chooses a column and receives `-A[i][j]`. The row player maximises,
/// the column player minimises.
///
///     let rps = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
///                              rowNames: ["R", "P", "S"], colNames: ["R", "P", "S"])
///     let s = try rps.solve()          // s.row ≈ s.col ≈ [1/3, 1/3, 1/3], s.value ≈ 0
///     try rps.exploitability(row: [1, 0, 0], col: MixedStrategy.uniform(3))   // 1
///
/// Every method that takes strategies validates them (`MixedStrategy.validate`).
public struct MatrixGame: Equatable, Sendable {
    /// The row player's payoffs `A`.
    public let payoffs: PayoffMatrix
    /// One name per row action (defaults `r0, r1, …`).
    public let rowNames: [String]
    /// One name per column action (defaults `c0, c1, …`).
    public let colNames: [String]

    /// A game from the row player's payoff matrix, with optional action names.
    public init(_ a: [[Double]], rowNames: [String]? = nil, colNames: [String]? = nil) throws {
        try self.init(payoffs: PayoffMatrix(a), rowNames: rowNames, colNames: colNames)
    }

    /// A game from a validated payoff matrix, with optional action names.
    public init(payoffs: PayoffMatrix, rowNames: [String]? = nil, colNames: [String]? = nil) throws {
        self.payoffs = payoffs
        self.rowNames = try ActionNames.resolve(rowNames, count: payoffs.rows, prefix: "r", player: "row")
        self.colNames = try ActionNames.resolve(colNames, count: payoffs.cols, prefix: "c", player: "column")
    }

    /// Number of row actions.
    public var rows: Int { payoffs.rows }
    /// Number of column actions.
    public var cols: Int { payoffs.cols }

    /// The same game as a general-sum game with `B = -A`.
    public var asBimatrix: BimatrixGame {
        BimatrixGame(validated: payoffs, payoffs.negated, rowNames: rowNames, colNames: colNames)
    }

    /// The payoff table as text, with action names on both axes.
    public var table: String { PayoffTable.render(rowNames: rowNames, colNames: colNames) { payoffs[$0, $1] } }

    /// Checks `row` and `col` against the game's sizes and the rules of a distribution.
    public func validate(row x: [Double], col y: [Double]) throws {
        try MixedStrategy.validate(x, actions: rows, player: "row")
        try MixedStrategy.validate(y, actions: cols, player: "column")
    }

    /// The row player's expected payoff `xᵀ A y` (the column player gets its negation).
    public func expectedPayoff(row x: [Double], col y: [Double]) throws -> Double {
        try validate(row: x, col: y)
        return payoffs.expected(x, y)
    }

    /// The row player's best responses to column strategy `y`: the actions maximising `(A y)_i`.
    public func rowBestResponse(to y: [Double]) throws -> BestResponse {
        try MixedStrategy.validate(y, actions: cols, player: "column")
        return BestResponse.maximising(payoffs.rowPayoffs(against: y))
    }

    /// The column player's best responses to row strategy `x`: the actions minimising `(xᵀ A)_j`.
    /// The reported `value` is the row player's payoff `min_j (xᵀ A)_j` (what `x` guarantees).
    public func colBestResponse(to x: [Double]) throws -> BestResponse {
        try MixedStrategy.validate(x, actions: rows, player: "row")
        let br = BestResponse.maximising(payoffs.colPayoffs(against: x).map { -$0 })
        return BestResponse(actions: br.actions, value: -br.value)
    }

    /// Exploitability of the profile (x, y): the sum of what each player gains by switching to a best
    /// response, `max_i (A y)_i − min_j (xᵀ A)_j`. It is zero exactly at an equilibrium and is the
    /// zero-sum case of NashConv.
    public func exploitability(row x: [Double], col y: [Double]) throws -> Double {
        try validate(row: x, col: y)
        return Self.exploitability(payoffs, x, y)
    }

    /// Unchecked exploitability for internal callers with validated inputs.
    static func exploitability(_ a: PayoffMatrix, _ x: [Double], _ y: [Double]) -> Double {
        let best = a.rowPayoffs(against: y).max() ?? 0
        let worst = a.colPayoffs(against: x).min() ?? 0
        return Swift.max(0, best - worst)
    }
}
