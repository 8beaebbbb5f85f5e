import Foundation

/// Solves small dense square systems `M z = r` by Gaussian elimination with partial pivoting.
///
/// Used by the game solvers on systems of at most a few hundred unknowns (support enumeration, the
/// final clean-up of a simplex basis). Returns nil when the matrix is singular relative to its scale,
/// which the callers treat as "this support / basis gives no answer" rather than an error.
enum DenseLinearSolve {
    /// `m` is row-major `n × n`; `rhs` has `n` entries. A pivot smaller than `relativeTolerance` times
    /// the largest entry of `m` counts as zero.
    static func solve(_ m: [Double], _ rhs: [Double], n: Int, relativeTolerance: Double = 1e-12) -> [Double]? {
        guard n > 0, m.count == n * n, rhs.count == n else { return nil }
        var a = m, b = rhs
        let scale = m.reduce(0) { Swift.max($0, abs($1)) }
        guard scale > 0 else { return nil }
        let tiny = relativeTolerance * scale
        return a.withUnsafeMutableBufferPointer { a -> [Double]? in
            b.withUnsafeMutableBufferPointer { b -> [Double]? in
                for k in 0..<n {
                    // Partial pivoting: the largest entry at or below the diagonal in column k.
                    var p = k, best = abs(a[k * n + k])
                    for i in (k + 1)..<n where abs(a[i * n + k]) > best { p = i; best = abs(a[i * n + k]) }
                    if best <= tiny { return nil }
                    if p != k {
                        for j in 0..<n { let t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t }
                        let t = b[k]; b[k] = b[p]; b[p] = t
                    }
                    let pivot = a[k * n + k]
                    for i in (k + 1)..<n {
                        let f = a[i * n + k] / pivot
                        if f == 0 { continue }
                        for j in k..<n { a[i * n + j] -= f * a[k * n + j] }
                        b[i] -= f * b[k]
                    }
                }
                var z = [Double](repeating: 0, count: n)
                for k in stride(from: n - 1, through: 0, by: -1) {
                    var s = b[k]
                    for j in (k + 1)..<n { s -= a[k * n + j] * z[j] }
                    z[k] = s / a[k * n + k]
                }
                return z.allSatisfy(\.isFinite) ? z : nil
            }
        }
    }
}
