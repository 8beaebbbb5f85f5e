// Reductions over all elements (axis: nil) or one axis, optionally keeping it as size 1.

extension Tensor {
    /// The shape after reducing `axis` (nil: all axes).
    private func reducedShape(_ axis: Int?, keepDims: Bool) -> [Int] {
        guard let axis else { return keepDims ? [Int](repeating: 1, count: rank) : [] }
        var s = shape
        if keepDims { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// The axis in `0..<rank` (nil: all). Reducing an empty tensor can give a result larger than
    /// its input (`zeros([1e12, 0]).sum(axis: 1)` has 1e12 elements), so the result's size is
    /// checked against the limits here, before any buffer is made.
    private func resolveAxis(_ axis: Int?, op: String) throws -> Int? {
        guard let axis else { return nil }
        let a = try Shape.normalizeAxis(axis, rank: rank, op: op)
        if count == 0 { _ = try Shape.elementCount(reducedShape(a, keepDims: true), op: op) }
        return a
    }

    /// Reduces along `axis` as `[outer, n, inner]`: `contiguous(p, n)` for inner == 1, else
    /// row-wise `combine` starting from `initial`.
    @inline(__always)
    private func reduce(axis: Int?, initial: Float,
                        contiguous: (UnsafePointer<Float>, Int) -> Float,
                        combine: (Float, Float) -> Float) -> [Float] {
        let (outer, n, inner): (Int, Int, Int)
        if let axis {
            (outer, n, inner) = (Shape.product(shape[..<axis]), shape[axis], Shape.product(shape[(axis + 1)...]))
        } else {
            (outer, n, inner) = (1, count, 1)
        }
        return scalars.withUnsafeBufferPointer { src in
            Elementwise.makeBuffer(outer * inner) { dst in
                guard let s = src.baseAddress else {
                    for i in 0..<(outer * inner) { dst[i] = initial }
                    return
                }
                if inner == 1 {
                    for o in 0..<outer { dst[o] = n == 0 ? initial : contiguous(s + o * n, n) }
                    return
                }
                for o in 0..<outer {
                    let d = dst + o * inner
                    for k in 0..<inner { d[k] = initial }
                    for j in 0..<n {
                        let row = s + (o * n + j) * inner
                        // 16 lanes at a time: the compiler cannot prove `d` and `row` disjoint.
                        var k = 0
                        while k + 16 <= inner {
                            var acc = UnsafeRawPointer(d + k).loadUnaligned(as: SIMD16<Float>.self)
                            let v = UnsafeRawPointer(row + k).loadUnaligned(as: SIMD16<Float>.self)
                            for lane in 0..<16 { acc[lane] = combine(acc[lane], v[lane]) }
                            UnsafeMutableRawPointer(d + k).storeBytes(of: acc, as: SIMD16<Float>.self)
                            k += 16
                        }
                        while k < inner { d[k] = combine(d[k], row[k]); k += 1 }
                    }
                }
            }
        }
    }

    /// Sum of elements (all, or along `axis`).
    public func sum(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try resolveAxis(axis, op: "sum")
        let values = reduce(axis: ax, initial: 0, contiguous: { Reduce.sum($0, $1) }, combine: +)
        let inShape = shape, keep = reducedShape(ax, keepDims: true)
        return Tensor(unchecked: reducedShape(ax, keepDims: keepDims), values).recorded("sum", inputs: [self]) { g in
            [Elementwise.expand(Tensor(unchecked: keep, g.scalars), to: inShape)]
        }
    }

    /// Arithmetic mean (all, or along `axis`).
    public func mean(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try resolveAxis(axis, op: "mean")
        let n = ax.map { shape[$0] } ?? count
        guard n > 0 else { throw EngineError("mean: cannot average an empty axis (shape \(shape))") }
        return try sum(axis: ax, keepDims: keepDims) * (1 / Float(n))
    }

    /// Variance with `correction` subtracted from the count (0: population, numpy's default; 1: sample).
    public func variance(axis: Int? = nil, keepDims: Bool = false, correction: Int = 0) throws -> Tensor {
        let ax = try resolveAxis(axis, op: "var")
        let n = ax.map { shape[$0] } ?? count
        guard n - correction > 0 else {
            throw EngineError("var: \(n) elements with correction \(correction) leave nothing to divide by")
        }
        let centered = try self - mean(axis: ax, keepDims: true)
        return try (centered * centered).sum(axis: ax, keepDims: keepDims) * (1 / Float(n - correction))
    }

    /// Largest element (all, or along `axis`); the gradient goes to the first maximal element.
    public func max(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try extremum(axis: axis, keepDims: keepDims, op: "max", largest: true)
    }

    /// Smallest element (all, or along `axis`); the gradient goes to the first minimal element.
    public func min(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try extremum(axis: axis, keepDims: keepDims, op: "min", largest: false)
    }

    private func extremum(axis: Int?, keepDims: Bool, op: String, largest: Bool) throws -> Tensor {
        let ax = try resolveAxis(axis, op: op)
        guard (ax.map { shape[$0] } ?? count) > 0 else { throw EngineError("\(op): empty tensor of shape \(shape)") }
        let values = largest
            ? reduce(axis: ax, initial: -.infinity, contiguous: { Reduce.max($0, $1) }, combine: { Swift.max($0, $1) })
            : reduce(axis: ax, initial: .infinity, contiguous: { Reduce.min($0, $1) }, combine: { Swift.min($0, $1) })
        let input = self
        return Tensor(unchecked: reducedShape(ax, keepDims: keepDims), values).recorded(op, inputs: [self]) { g in
            let idx = input.argIndices(axis: ax, largest: largest)
            var out = [Float](repeating: 0, count: input.count)
            for (i, flat) in idx.enumerated() { out[flat] += g.scalars[i] }
            return [Tensor(unchecked: input.shape, out)]
        }
    }

    /// Index of the largest element: over the flattened tensor (axis nil) or along `axis`.
    public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try resolveAxis(axis, op: "argmax")
        guard (ax.map { shape[$0] } ?? count) > 0 else { throw EngineError("argmax: empty tensor of shape \(shape)") }
        let flat = argIndices(axis: ax, largest: true)
        let inner = ax.map { Shape.product(shape[($0 + 1)...]) } ?? 1
        let n = ax.map { shape[$0] } ?? count
        // Convert flat offsets into positions along the axis.
        let positions = flat.map { Float(($0 / inner) % n) }
        return Tensor(unchecked: reducedShape(ax, keepDims: keepDims), positions)
    }

    /// Index of the smallest element, like `argmax`.
    public func argmin(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
        try negated().detached.argmax(axis: axis, keepDims: keepDims)
    }

    /// Flat offsets of the first extremal element of each reduced slice.
    private func argIndices(axis: Int?, largest: Bool) -> [Int] {
        let (outer, n, inner): (Int, Int, Int)
        if let axis {
            (outer, n, inner) = (Shape.product(shape[..<axis]), shape[axis], Shape.product(shape[(axis + 1)...]))
        } else {
            (outer, n, inner) = (1, count, 1)
        }
        var result = [Int](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { s in
            for o in 0..<outer {
                for k in 0..<inner {
                    var best = o * n * inner + k
                    var bestValue = s[best]
                    for j in 1..<Swift.max(n, 1) {
                        let at = (o * n + j) * inner + k
                        let v = s[at]
                        if largest ? v > bestValue : v < bestValue { best = at; bestValue = v }
                    }
                    result[o * inner + k] = best
                }
            }
        }
        return result
    }
}
