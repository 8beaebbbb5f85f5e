/// Approximate equality, for tests and fixtures.
extension Tensor {
    /// The largest |self - other| over all elements, or nil if the shapes differ.
    public func maxAbsDifference(_ other: Tensor) -> Float? {
        guard shape == other.shape else { return nil }
        var worst: Float = 0
        for (a, b) in zip(scalars, other.scalars) {
            if a.isNaN != b.isNaN { return .infinity }
            if a.isNaN || a == b { continue }
            worst = Swift.max(worst, Swift.abs(a - b))
        }
        return worst
    }

    /// numpy's `allclose`: same shape and |a - b| <= atol + rtol * |b| everywhere (NaNs equal NaNs).
    public func isClose(to other: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6) -> Bool {
        guard shape == other.shape else { return false }
        for (a, b) in zip(scalars, other.scalars) {
            if a.isNaN || b.isNaN { if a.isNaN != b.isNaN { return false }; continue }
            if a == b { continue }
            if !(Swift.abs(a - b) <= atol + rtol * Swift.abs(b)) { return false }
        }
        return true
    }
}
