import Foundation

/// An exact solution of a zero-sum matrix game: optimal (maximin / minimax) mixed strategies for both
/// players and the value `v = max_x min_y xᵀAy = min_y max_x xᵀAy`.
public struct ZeroSumSolution: Equatable, Sendable {
    /// An optimal row strategy: it guarantees the row player at least `value` against every column.
    public let row: [Double]
    /// An optimal column strategy: it holds the row player to at most `value` against every row.
    public let col: [Double]
    /// The value of the game to the row player.
    public let value: Double
    /// Simplex pivots used (0 for a constant game).
    public let pivots: Int
}

extension MatrixGame {
    /// Solves the game exactly by linear programming.
    ///
    /// The payoffs are mapped affinely to `M = 1 + (A − min A) / (max A − min A)`, so every entry lies
    /// in [1, 2] (scaling keeps the simplex tolerances meaningful, positivity makes the value positive).
    /// The column player's problem is then
    ///
    ///     maximise Σ y'_j  subject to  M y' ≤ 1,  y' ≥ 0,
    ///
    /// whose optimum is `1 / v(M)`, with `y = v(M) · y'`. Its dual `minimise Σ u subject to Mᵀu ≥ 1`
    /// gives the row strategy `x = v(M) · u`. The value is `xᵀAy` on the original payoffs.
    /// A constant game has every strategy optimal; it returns the uniform ones.
    public func solve() throws -> ZeroSumSolution {
        guard let scaled = payoffs.scaledToUnitRange?.nested else {
            return ZeroSumSolution(row: MixedStrategy.uniform(rows), col: MixedStrategy.uniform(cols),
                                   value: payoffs.values[0], pivots: 0)
        }
        let lp = try LinearProgram(objective: [Double](repeating: 1, count: cols),
                                   constraints: scaled, bounds: [Double](repeating: 1, count: rows))
        let s = try SimplexSolver().solve(lp)
        guard s.objective > 0 else { throw EngineError("matrix game solver failed: the linear program has optimum 0") }
        let y = SimpleFraction.snappedStrategy(MixedStrategy.cleaned(s.x))
        let x = SimpleFraction.snappedStrategy(MixedStrategy.cleaned(s.duals))
        // The value is reported as xᵀAy on the original payoffs rather than mapped back from the
        // scaled LP optimum: equal up to round-off, but exact for pure saddle points (an entry of A)
        // and free of the scaling's rounding error. Round-off left in it is snapped as well.
        let scale = max(1, payoffs.values.map(abs).max() ?? 1)
        let value = SimpleFraction.snapped(payoffs.expected(x, y), tolerance: 1e-10 * scale)
        return ZeroSumSolution(row: x, col: y, value: value, pivots: s.pivots)
    }
}
