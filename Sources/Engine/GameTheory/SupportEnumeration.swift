import Foundation

extension BimatrixGame {
    /// The largest number of support pairs `supportEnumeration` will try; `C(m + n, m) − 1` pairs exist
    /// for an m × n game, so e.g. 8 × 8 (12 869) and 9 × 9 (48 619) are allowed, 10 × 10 (184 755)
    /// is not. Larger games use Lemke-Howson.
    public static let supportEnumerationLimit = 60_000

    /// The number of pairs of equal-size, non-empty supports, `C(m + n, m) − 1` (saturating).
    public var supportPairCount: Int {
        var c = 1   // C(m + n, k) built up multiplicatively; each step stays an integer
        let total = rows + cols, k = Swift.min(rows, cols)
        for i in 0..<k {
            let (p, o) = c.multipliedReportingOverflow(by: total - i)
            if o { return Int.max }
            c = p / (i + 1)
        }
        return c - 1
    }

    /// All Nash equilibria of a nondegenerate game, by support enumeration: for every pair of supports
    /// (I, J) of equal size, solve the indifference conditions
    ///
    ///     (A y)_i = u for i ∈ I,  Σ_J y_j = 1      (the row player is indifferent on I)
    ///     (xᵀB)_j = v for j ∈ J,  Σ_I x_i = 1      (the column player is indifferent on J)
    ///
    /// and keep the solutions that are distributions with no profitable deviation outside the supports.
    /// In a nondegenerate game every equilibrium has equal-size supports, so the list is complete.
    /// Degenerate games (ties, e.g. a constant game) can have infinitely many equilibria; then the
    /// result is the equilibria with equal-size supports whose systems are nonsingular, which may miss
    /// some (and may be empty; `equilibria()` then falls back to Lemke-Howson).
    /// Throws if the game has more than `supportEnumerationLimit` support pairs.
    public func supportEnumeration() throws -> [Equilibrium] {
        let pairs = supportPairCount
        guard pairs <= Self.supportEnumerationLimit else {
            throw EngineError("support enumeration of a \(rows)x\(cols) game needs \(pairs) support pairs; the limit is \(Self.supportEnumerationLimit) (use Lemke-Howson)")
        }
        let a = rowPayoffs, b = colPayoffs
        let tolA = 1e-9 * Swift.max(1, a.values.map(abs).max() ?? 1)
        let tolB = 1e-9 * Swift.max(1, b.values.map(abs).max() ?? 1)
        var found: [Equilibrium] = []
        for k in 1...Swift.min(rows, cols) {
            let rowSets = Self.subsets(of: rows, size: k), colSets = Self.subsets(of: cols, size: k)
            for rowSet in rowSets {
                try Interruption.check()
                for colSet in colSets {
                    // y on J making the row player indifferent on I (and no better row outside I).
                    guard let y = Self.indifferent(a, responder: rowSet, mixer: colSet, mixerIsColumn: true,
                                                    total: cols, tolerance: tolA) else { continue }
                    guard let x = Self.indifferent(b, responder: colSet, mixer: rowSet, mixerIsColumn: false,
                                                    total: rows, tolerance: tolB) else { continue }
                    found.appendDistinct(Equilibrium(row: x, col: y, rowPayoff: a.expected(x, y), colPayoff: b.expected(x, y)))
                }
            }
        }
        return found
    }

    /// Solves for the mixing player's strategy on `mixer` that makes the responding player indifferent
    /// among the actions in `responder`, then checks it is a distribution and that no responder action
    /// outside the support does better. Returns the full strategy or nil.
    ///
    /// With `mixerIsColumn`, `p` is the row player's matrix and the responder is the row player:
    /// payoff of row i is Σ_j p[i, j] y_j. Otherwise the responder is the column player: payoff of
    /// column j is Σ_i p[i, j] x_i.
    private static func indifferent(_ p: PayoffMatrix, responder: [Int], mixer: [Int], mixerIsColumn: Bool,
                                    total: Int, tolerance: Double) -> [Double]? {
        let k = mixer.count, n = k + 1
        // Unknowns: the k mixing probabilities and the common payoff u. Rows: one per responder action,
        // then Σ = 1.
        var m = [Double](repeating: 0, count: n * n), rhs = [Double](repeating: 0, count: n)
        for (r, action) in responder.enumerated() {
            for (c, mixed) in mixer.enumerated() {
                m[r * n + c] = mixerIsColumn ? p[action, mixed] : p[mixed, action]
            }
            m[r * n + k] = -1
        }
        for c in 0..<k { m[k * n + c] = 1 }
        rhs[k] = 1
        guard let z = DenseLinearSolve.solve(m, rhs, n: n) else { return nil }
        var strategy = [Double](repeating: 0, count: total)
        for (c, mixed) in mixer.enumerated() {
            guard z[c] >= -1e-9 else { return nil }
            strategy[mixed] = Swift.max(0, z[c])
        }
        let s = strategy.reduce(0, +)
        guard s > 0 else { return nil }
        for i in strategy.indices { strategy[i] /= s }
        // No responder action may beat the support's payoff.
        let payoffs = mixerIsColumn ? p.rowPayoffs(against: strategy) : p.colPayoffs(against: strategy)
        let u = responder.map { payoffs[$0] }.max() ?? 0
        if payoffs.contains(where: { $0 > u + tolerance }) { return nil }
        for action in responder where payoffs[action] < u - tolerance { return nil }
        return strategy
    }

    /// All `size`-element subsets of 0..<n in lexicographic order.
    static func subsets(of n: Int, size: Int) -> [[Int]] {
        guard size > 0, size <= n else { return [] }
        var out: [[Int]] = []
        var current = Array(0..<size)
        while true {
            out.append(current)
            var i = size - 1
            while i >= 0 && current[i] == n - size + i { i -= 1 }
            if i < 0 { return out }
            current[i] += 1
            for j in (i + 1)..<size { current[j] = current[j - 1] + 1 }
        }
    }
}
