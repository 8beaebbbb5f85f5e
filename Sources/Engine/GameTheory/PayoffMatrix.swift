import CBLAS
import Foundation

/// A validated, dense, row-major matrix of payoffs: `rows` actions for the row player, `cols` for the
/// column player, every entry finite.
///
///     let m = try PayoffMatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
///     m[1, 2]                          // -1
///     m.rowPayoffs(against: [1, 0, 0]) // (A y)_i = [0, 1, -1]
///
/// The products go through OpenBLAS (`cblas_dgemv`); lengths are checked by the callers, which
/// validate strategies first (`MixedStrategy.validate`).
public struct PayoffMatrix: Equatable, Sendable {
    /// Number of row-player actions (at least 1).
    public let rows: Int
    /// Number of column-player actions (at least 1).
    public let cols: Int
    /// Entries in row-major order: entry (i, j) is `values[i * cols + j]`.
    public let values: [Double]

    /// Builds a matrix from nested rows, rejecting empty, ragged and non-finite input.
    /// `what` names the matrix in error messages ("payoff matrix", "column payoff matrix B").
    public init(_ nested: [[Double]], what: String = "payoff matrix") throws {
        guard let first = nested.first else { throw EngineError("\(what) is empty: it needs at least one row") }
        guard !first.isEmpty else { throw EngineError("\(what) is empty: row 0 has no entries") }
        for (i, row) in nested.enumerated() where row.count != first.count {
            throw EngineError("\(what) is not rectangular: row 0 has \(first.count) entries but row \(i) has \(row.count)")
        }
        for (i, row) in nested.enumerated() {
            for (j, v) in row.enumerated() where !v.isFinite {
                throw EngineError("\(what) entry [\(i)][\(j)] is \(v); payoffs must be finite numbers")
            }
        }
        try PayoffMatrix.checkSize(nested.count, first.count, what)
        self.rows = nested.count
        self.cols = first.count
        self.values = nested.flatMap { $0 }
    }

    /// Builds a matrix from row-major values; `values.count` must be `rows * cols`, all finite.
    public init(rows: Int, cols: Int, values: [Double], what: String = "payoff matrix") throws {
        guard rows > 0, cols > 0 else { throw EngineError("\(what) is empty: it has shape [\(rows), \(cols)]") }
        guard rows.multipliedReportingOverflow(by: cols).partialValue == values.count,
              !rows.multipliedReportingOverflow(by: cols).overflow else {
            throw EngineError("\(what): \(values.count) values do not fill shape [\(rows), \(cols)]")
        }
        try PayoffMatrix.checkSize(rows, cols, what)
        if let k = values.firstIndex(where: { !$0.isFinite }) {
            throw EngineError("\(what) entry [\(k / cols)][\(k % cols)] is \(values[k]); payoffs must be finite numbers")
        }
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// The largest number of actions per player; BLAS takes 32-bit sizes.
    public static let maxActions = 1 << 24

    private static func checkSize(_ rows: Int, _ cols: Int, _ what: String) throws {
        guard rows <= maxActions, cols <= maxActions else {
            throw EngineError("\(what) has shape [\(rows), \(cols)]; at most \(maxActions) actions per player are supported")
        }
    }

    /// A matrix known to be valid (used internally for derived matrices such as the negation).
    init(unchecked rows: Int, _ cols: Int, _ values: [Double]) {
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// Entry (i, j). Callers index with action numbers they have already checked.
    public subscript(i: Int, j: Int) -> Double { values[i * cols + j] }

    /// The rows as nested arrays.
    public var nested: [[Double]] { (0..<rows).map { Array(values[$0 * cols..<($0 + 1) * cols]) } }

    /// The entry-wise negation (the column player's payoffs in a zero-sum game).
    public var negated: PayoffMatrix { PayoffMatrix(unchecked: rows, cols, values.map { -$0 }) }

    /// Smallest and largest entry.
    public var range: (min: Double, max: Double) {
        var lo = values[0], hi = values[0]
        for v in values { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
        return (lo, hi)
    }

    /// The positive affine image `1 + (P − min P) / (max P − min P)` with every entry in [1, 2], which
    /// has the same best responses and equilibria; nil for a constant matrix. Halving first keeps
    /// `max − min` finite even for payoffs near ±Double.greatestFiniteMagnitude.
    public var scaledToUnitRange: PayoffMatrix? {
        let (lo, hi) = range
        let halfSpan = hi / 2 - lo / 2
        guard halfSpan > 0 else { return nil }
        return PayoffMatrix(unchecked: rows, cols, values.map { 1 + ($0 / 2 - lo / 2) / halfSpan })
    }

    /// `A y`: the row player's expected payoff of each pure action against column strategy `y`
    /// (`y.count == cols`, checked by the caller).
    public func rowPayoffs(against y: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: rows)
        values.withUnsafeBufferPointer { a in
            y.withUnsafeBufferPointer { yb in
                out.withUnsafeMutableBufferPointer { o in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(cols), 1.0,
                                a.baseAddress, Int32(cols), yb.baseAddress, 1, 0.0, o.baseAddress, 1)
                }
            }
        }
        return out
    }

    /// `xᵀ A`: the payoff (of this matrix) of each pure column action against row strategy `x`
    /// (`x.count == rows`, checked by the caller).
    public func colPayoffs(against x: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: cols)
        values.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xb in
                out.withUnsafeMutableBufferPointer { o in
                    cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(cols), 1.0,
                                a.baseAddress, Int32(cols), xb.baseAddress, 1, 0.0, o.baseAddress, 1)
                }
            }
        }
        return out
    }

    /// `xᵀ A y`, the expected payoff of the profile (x, y).
    public func expected(_ x: [Double], _ y: [Double]) -> Double {
        let ay = rowPayoffs(against: y)
        var s = 0.0
        for i in 0..<rows { s += x[i] * ay[i] }
        return s
    }
}
