import Foundation

extension BimatrixGame {
    /// One Nash equilibrium by the Lemke-Howson algorithm, starting by dropping label `startLabel`
    /// (0..<rows names a row action, rows..<rows+cols a column action).
    ///
    /// Setup (von Stengel's formulation): with payoffs shifted into [1, 2] (a positive affine change
    /// that keeps the equilibria), the best-response polytopes are
    ///
    ///     P = { x ≥ 0 : Bᵀx ≤ 1 }   (tableau "x": Bᵀx + s = 1, n rows)
    ///     Q = { y ≥ 0 : A y ≤ 1 }   (tableau "y": A y + r = 1, m rows)
    ///
    /// Label i < m belongs to x_i and r_i, label m + j to s_j and y_j; in both tableaux a variable's
    /// column index is its label. From the artificial equilibrium (0, 0), the variable with label
    /// `startLabel` enters; whichever variable leaves, its complement (same label, other tableau)
    /// enters next, until the dropped label is picked up again. Ties in the ratio test are broken
    /// lexicographically, which makes the path well-defined in degenerate games.
    /// The result is normalised and checked (NashConv within 1e-7 of the payoff scale).
    /// Paths can be exponentially long in rare games; the search gives up (with an error) once its
    /// pivots have cost `workBudget` multiply-adds.
    public func lemkeHowson(startLabel: Int, workBudget: Int = lemkeHowsonWorkBudget) throws -> Equilibrium {
        var work = 0
        return try lemkeHowson(startLabel: startLabel, workBudget: workBudget, work: &work)
    }

    /// Multiply-adds one `lemkeHowsonFromAllLabels` (or one path) may spend: about a second or two
    /// in a release build, so `nash` of a large game cannot hang a session.
    public static let lemkeHowsonWorkBudget = 2_000_000_000

    /// `lemkeHowson(startLabel:)`, adding the work spent to `work` whether or not it succeeds.
    private func lemkeHowson(startLabel: Int, workBudget: Int, work: inout Int) throws -> Equilibrium {
        let m = rows, n = cols
        guard startLabel >= 0, startLabel < m + n else {
            throw EngineError("Lemke-Howson start label \(startLabel) is out of range 0..<\(m + n)")
        }
        let a = Self.scaledPositive(rowPayoffs), b = Self.scaledPositive(colPayoffs)   // entries in [1, 2]
        var tx = ComplementaryTableau(rows: n, labels: m + n, slackLabels: m..<(m + n)) { j, label in
            label < m ? b[label, j] : (label - m == j ? 1 : 0)
        }
        var ty = ComplementaryTableau(rows: m, labels: m + n, slackLabels: 0..<m) { i, label in
            label < m ? (label == i ? 1 : 0) : a[i, label - m]
        }
        var entering = startLabel
        var inX = startLabel < m        // x_k enters P's tableau; y_k enters Q's
        let start = work
        var pivots = 0
        while true {
            try Interruption.check()
            pivots += 1
            work += (inX ? n : m) * (m + n + 1)
            guard work - start <= workBudget else {
                throw EngineError("Lemke-Howson from label \(startLabel) gave up after \(pivots) pivots (work budget spent); the game is too large for this method")
            }
            let left = inX ? tx.enter(entering) : ty.enter(entering)
            guard let leaving = left else {
                throw EngineError("Lemke-Howson: unbounded ray from label \(startLabel) (numerical trouble)")
            }
            if leaving == startLabel { break }
            entering = leaving
            inX.toggle()
        }
        let x = MixedStrategy.cleaned((0..<m).map { tx.value(ofLabel: $0) }, tolerance: 1e-13)
        let y = MixedStrategy.cleaned((0..<n).map { ty.value(ofLabel: m + $0) }, tolerance: 1e-13)
        let scale = Swift.max(1, (rowPayoffs.values + colPayoffs.values).map(abs).max() ?? 1)
        let conv = Self.nashConv(rowPayoffs, colPayoffs, x, y)
        guard conv <= 1e-7 * scale else {
            throw EngineError("Lemke-Howson: the path from label \(startLabel) ended at a point with NashConv \(conv) (numerical trouble)")
        }
        return Equilibrium(row: x, col: y, rowPayoff: rowPayoffs.expected(x, y), colPayoff: colPayoffs.expected(x, y))
    }

    /// The distinct equilibria reached by Lemke-Howson from the starting labels 0, 1, … in turn, until
    /// every label has been tried or `workBudget` is spent (at least one equilibrium, or an error).
    public func lemkeHowsonFromAllLabels(workBudget: Int = lemkeHowsonWorkBudget) throws -> [Equilibrium] {
        var found: [Equilibrium] = []
        var lastError: EngineError?
        var work = 0
        for label in 0..<(rows + cols) where work < workBudget {
            do {
                found.appendDistinct(try lemkeHowson(startLabel: label, workBudget: workBudget - work, work: &work))
            } catch let e as EngineError { lastError = e }
        }
        if found.isEmpty, let lastError { throw lastError }
        return found
    }

    /// Nash equilibria of the game. `.automatic` uses support enumeration when the game has at most
    /// `supportEnumerationLimit` support pairs (and falls back to Lemke-Howson if a degenerate game
    /// yields none), otherwise Lemke-Howson from every starting label.
    public func equilibria(method: NashMethod = .automatic) throws -> BimatrixSolution {
        switch method {
        case .supportEnumeration:
            return BimatrixSolution(equilibria: try supportEnumeration(), method: .supportEnumeration, exhaustive: true)
        case .lemkeHowson:
            return BimatrixSolution(equilibria: try lemkeHowsonFromAllLabels(), method: .lemkeHowson, exhaustive: false)
        case .automatic:
            if supportPairCount <= Self.supportEnumerationLimit {
                let found = try supportEnumeration()
                if !found.isEmpty { return BimatrixSolution(equilibria: found, method: .supportEnumeration, exhaustive: true) }
            }
            return try equilibria(method: .lemkeHowson)
        }
    }

    /// `1 + (P − min P) / (max P − min P)`, entries in [1, 2]; a constant matrix becomes all ones.
    static func scaledPositive(_ p: PayoffMatrix) -> PayoffMatrix {
        p.scaledToUnitRange ?? PayoffMatrix(unchecked: p.rows, p.cols, [Double](repeating: 1, count: p.values.count))
    }
}

/// A dense tableau for complementary pivoting: `rows` equations over variables indexed by label,
/// with right-hand side 1 and an identity block on `slackLabels` (the initial basis).
struct ComplementaryTableau {
    let rows: Int
    let labels: Int
    let slackLabels: Range<Int>
    /// rows × (labels + 1), row-major; the last column is the right-hand side.
    private var t: [Double]
    /// basis[r] = label of the variable basic in row r.
    private var basis: [Int]
    /// Columns compared by the lexicographic ratio test: the right-hand side, then the initial-basis
    /// columns (which hold the current basis inverse).
    private let lexicographicKeys: [Int]
    private let tolerance = 1e-12

    init(rows: Int, labels: Int, slackLabels: Range<Int>, coefficient: (Int, Int) -> Double) {
        self.rows = rows
        self.labels = labels
        self.slackLabels = slackLabels
        let w = labels + 1
        var t = [Double](repeating: 0, count: rows * w)
        for r in 0..<rows {
            for l in 0..<labels { t[r * w + l] = coefficient(r, l) }
            t[r * w + labels] = 1
        }
        self.t = t
        self.basis = Array(slackLabels)
        self.lexicographicKeys = [labels] + Array(slackLabels)
    }

    /// Value of the variable with `label` (0 if non-basic).
    func value(ofLabel label: Int) -> Double {
        guard let r = basis.firstIndex(of: label) else { return 0 }
        return t[r * (labels + 1) + labels]
    }

    /// Brings `label` into the basis by the lexicographic minimum-ratio rule and returns the label
    /// that left, or nil if no row limits the entering variable.
    mutating func enter(_ label: Int) -> Int? {
        let w = labels + 1
        var best = -1
        for r in 0..<rows where t[r * w + label] > tolerance {
            if best < 0 || lexicographicallySmaller(r, than: best, column: label) { best = r }
        }
        guard best >= 0 else { return nil }
        let leaving = basis[best]
        let rows = self.rows
        t.withUnsafeMutableBufferPointer { t in
            // Bounds: every index below is r * w + c with r < rows, c < w, and t.count == rows * w.
            let p = t[best * w + label]
            for c in 0..<w { t[best * w + c] /= p }
            t[best * w + label] = 1
            for r in 0..<rows where r != best {
                let f = t[r * w + label]
                if f == 0 { continue }
                for c in 0..<w { t[r * w + c] -= f * t[best * w + c] }
                t[r * w + label] = 0
            }
        }
        basis[best] = label
        return leaving
    }

    /// Compares rows by (rhs, then the initial-basis columns, i.e. the basis inverse) divided by the
    /// entering column's entry, with a small tolerance for equality.
    private func lexicographicallySmaller(_ r: Int, than s: Int, column: Int) -> Bool {
        let w = labels + 1
        let ar = t[r * w + column], asv = t[s * w + column]
        for k in lexicographicKeys {
            let u = t[r * w + k] / ar, v = t[s * w + k] / asv
            if u < v - 1e-12 { return true }
            if u > v + 1e-12 { return false }
        }
        return false
    }
}
