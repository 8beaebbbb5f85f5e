import CBLAS
import Foundation

/// A dense tableau simplex method for linear programs in the form
///
///     maximise cᵀx  subject to  A x ≤ b,  x ≥ 0,   with b ≥ 0,
///
/// so that the origin (all slacks basic) is a feasible starting basis and one phase suffices. Matrix
/// games reduce to exactly this form once their payoffs are shifted to be positive (`ZeroSumSolver`).
///
///     let lp = try LinearProgram(objective: [3, 2], constraints: [[1, 1], [1, 3]], bounds: [4, 6])
///     let s = try SimplexSolver().solve(lp)   // s.x = [4, 0], s.objective = 12, s.duals = [3, 0]
///
/// Numerical care:
/// - Pricing is Dantzig's (most negative reduced cost), which is fast in practice; after a run of
///   degenerate pivots (no progress) it switches for good to Bland's rule, which cannot cycle.
/// - The ratio test treats ratios within `tolerance` as ties and, outside Bland mode, takes the tie
///   with the largest pivot element, to keep the pivots well-conditioned.
/// - At the optimum the primal and dual solutions are recomputed from the original data and the final
///   basis (`B x_B = b`, `Bᵀ u = c_B`) by Gaussian elimination, removing round-off accumulated over
///   many tableau updates; tiny negative values are cleared.
/// - A pivot budget guards against numerical stalling; exceeding it is an `EngineError`.
public struct SimplexSolver: Sendable {
    /// Reduced costs above `-tolerance` count as optimal; pivot elements must exceed it; ratios within
    /// it are ties. Tuned for data scaled to order 1 (the game solver scales payoffs to [1, 2]).
    public var tolerance: Double = 1e-11
    /// Consecutive degenerate pivots after which pricing switches to Bland's rule.
    public var degenerateRunBeforeBland: Int = 50

    public init() {}

    /// Solves `lp`. Throws if the problem is unbounded or the pivot budget runs out.
    public func solve(_ lp: LinearProgram) throws -> LinearProgramSolution {
        let m = lp.rowCount, n = lp.columnCount
        let w = n + m + 1                       // columns: n structural, m slacks, rhs
        var t = [Double](repeating: 0, count: (m + 1) * w)   // (m + 1) × w, last row = objective
        for i in 0..<m {
            for j in 0..<n { t[i * w + j] = lp.constraints[i * n + j] }
            t[i * w + n + i] = 1
            t[i * w + w - 1] = lp.bounds[i]
        }
        for j in 0..<n { t[m * w + j] = -lp.objective[j] }
        var basis = (0..<m).map { n + $0 }      // basis[i] = variable basic in row i

        var pivots = 0, degenerateRun = 0, bland = false
        let budget = 100 * (m + n) + 1000
        var pivotRow = [Double](repeating: 0, count: w)
        var column = [Double](repeating: 0, count: m + 1)

        while true {
            try Interruption.check()
            // Pricing: choose the entering column.
            var enter = -1
            t.withUnsafeBufferPointer { t in
                var most = -tolerance
                for j in 0..<(n + m) {
                    let d = t[m * w + j]
                    if bland {
                        if d < -tolerance { enter = j; return }
                    } else if d < most { most = d; enter = j }
                }
            }
            if enter < 0 { break }   // optimal

            // Ratio test: choose the leaving row.
            var leave = -1
            t.withUnsafeBufferPointer { t in
                var bestRatio = Double.infinity, bestPivot = 0.0
                for i in 0..<m {
                    let a = t[i * w + enter]
                    guard a > tolerance else { continue }
                    let r = Swift.max(0, t[i * w + w - 1]) / a
                    if leave < 0 || r < bestRatio - tolerance {
                        leave = i; bestRatio = r; bestPivot = a
                    } else if r <= bestRatio + tolerance {
                        let better = bland ? basis[i] < basis[leave] : a > bestPivot
                        if better { leave = i; bestRatio = Swift.min(bestRatio, r); bestPivot = a }
                    }
                }
                if leave >= 0 && bestRatio <= tolerance { degenerateRun += 1 } else { degenerateRun = 0 }
            }
            guard leave >= 0 else {
                throw EngineError("linear program is unbounded: variable \(enter) can grow without limit")
            }
            if degenerateRun > degenerateRunBeforeBland { bland = true }

            pivots += 1
            guard pivots <= budget else {
                throw EngineError("linear program: no optimum after \(budget) pivots (numerical trouble)")
            }
            Self.pivot(&t, rows: m + 1, width: w, row: leave, col: enter, pivotRow: &pivotRow, column: &column)
            basis[leave] = enter
        }

        var x = [Double](repeating: 0, count: n)
        var slack = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let v = t[i * w + w - 1]
            if basis[i] < n { x[basis[i]] = v } else { slack[basis[i] - n] = v }
        }
        var duals = (0..<m).map { t[m * w + n + $0] }
        if let refined = Self.refine(lp, basis: basis) { (x, duals) = refined }
        x = x.map { Swift.max(0, $0) }
        duals = duals.map { Swift.max(0, $0) }
        var objective = 0.0
        for j in 0..<n { objective += lp.objective[j] * x[j] }
        return LinearProgramSolution(x: x, duals: duals, objective: objective, pivots: pivots, usedBland: bland)
    }

    /// One Gauss-Jordan pivot on (row, col): scale the pivot row, then subtract multiples of it from
    /// every other row as a single rank-1 update (`cblas_dger`). The scratch buffers avoid aliasing
    /// the tableau inside BLAS.
    private static func pivot(_ t: inout [Double], rows: Int, width w: Int, row r: Int, col e: Int,
                              pivotRow: inout [Double], column: inout [Double]) {
        let p = t[r * w + e]
        for j in 0..<w { pivotRow[j] = t[r * w + j] / p }
        pivotRow[e] = 1
        for i in 0..<rows { column[i] = i == r ? 0 : t[i * w + e] }
        t.withUnsafeMutableBufferPointer { tb in
            pivotRow.withUnsafeBufferPointer { pr in
                column.withUnsafeBufferPointer { c in
                    cblas_dger(CblasRowMajor, Int32(rows), Int32(w), -1.0, c.baseAddress, 1,
                               pr.baseAddress, 1, tb.baseAddress, Int32(w))
                }
            }
            for j in 0..<w { tb[r * w + j] = pivotRow[j] }
            for i in 0..<rows where i != r { tb[i * w + e] = 0 }
        }
    }

    /// Recomputes the basic solution and the duals from the original data for the final basis.
    /// Returns nil (keep the tableau values) if the basis matrix is singular or the result is
    /// visibly infeasible, which would mean the refinement made things worse.
    private static func refine(_ lp: LinearProgram, basis: [Int]) -> ([Double], [Double])? {
        let m = lp.rowCount, n = lp.columnCount
        // Column k of [A | I].
        func entry(_ i: Int, _ k: Int) -> Double { k < n ? lp.constraints[i * n + k] : (k - n == i ? 1 : 0) }
        var bm = [Double](repeating: 0, count: m * m), bt = bm
        for i in 0..<m { for r in 0..<m { let v = entry(i, basis[r]); bm[i * m + r] = v; bt[r * m + i] = v } }
        guard let xb = DenseLinearSolve.solve(bm, lp.bounds, n: m) else { return nil }
        let cb = basis.map { $0 < n ? lp.objective[$0] : 0 }
        guard let u = DenseLinearSolve.solve(bt, cb, n: m) else { return nil }
        guard xb.allSatisfy({ $0 > -1e-9 }), u.allSatisfy({ $0 > -1e-9 }) else { return nil }
        var x = [Double](repeating: 0, count: n)
        for r in 0..<m where basis[r] < n { x[basis[r]] = xb[r] }
        return (x, u)
    }
}

/// A linear program `maximise cᵀx subject to A x ≤ b, x ≥ 0` with `b ≥ 0` (see `SimplexSolver`).
public struct LinearProgram: Sendable {
    /// `c`, one entry per variable.
    public let objective: [Double]
    /// `A`, row-major, `bounds.count × objective.count`.
    public let constraints: [Double]
    /// `b`, one non-negative entry per constraint.
    public let bounds: [Double]

    public var rowCount: Int { bounds.count }
    public var columnCount: Int { objective.count }

    /// Checks shapes, finiteness and `b ≥ 0`.
    public init(objective: [Double], constraints: [[Double]], bounds: [Double]) throws {
        guard !objective.isEmpty, !bounds.isEmpty else { throw EngineError("linear program needs at least one variable and one constraint") }
        guard constraints.count == bounds.count else {
            throw EngineError("linear program has \(constraints.count) constraint rows but \(bounds.count) bounds")
        }
        for (i, row) in constraints.enumerated() where row.count != objective.count {
            throw EngineError("linear program constraint row \(i) has \(row.count) entries, expected \(objective.count)")
        }
        let all = objective + constraints.flatMap { $0 } + bounds
        guard all.allSatisfy(\.isFinite) else { throw EngineError("linear program data must be finite") }
        guard bounds.allSatisfy({ $0 >= 0 }) else { throw EngineError("linear program bounds must be >= 0 (the origin must be feasible)") }
        self.objective = objective
        self.constraints = constraints.flatMap { $0 }
        self.bounds = bounds
    }
}

/// The optimum of a `LinearProgram`.
public struct LinearProgramSolution: Sendable {
    /// An optimal primal solution.
    public let x: [Double]
    /// An optimal dual solution (one price per constraint): `Aᵀu ≥ c`, `u ≥ 0`, `bᵀu = cᵀx`.
    public let duals: [Double]
    /// `cᵀx`.
    public let objective: Double
    /// Number of pivots performed.
    public let pivots: Int
    /// Whether the anti-cycling rule had to take over.
    public let usedBland: Bool
}
