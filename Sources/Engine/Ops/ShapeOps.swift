// Ops that move values without changing them: reshape, permute, broadcast, slicing, concat, stack.
// Each derivative moves the gradient back the same way.

extension Tensor {
    /// The same values with a new shape of the same element count; one size may be -1 (inferred).
    /// Never copies the buffer.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        var target = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1 else {
            throw EngineError("reshape: at most one size may be -1, got \(newShape)")
        }
        if let i = inferred.first {
            var known = newShape; known[i] = 1
            let rest = try Shape.elementCount(known, op: "reshape", allocates: false)
            guard rest > 0, count % rest == 0 else {
                throw EngineError("reshape: cannot reshape tensor of shape \(shape) into \(newShape)")
            }
            target[i] = count / rest
        }
        let n = try Shape.elementCount(target, op: "reshape", allocates: false)
        guard n == count else {
            throw EngineError("reshape: cannot reshape tensor of shape \(shape) (\(count) elements) into \(newShape)")
        }
        let input = self
        return Tensor(unchecked: target, scalars).recorded("reshape", inputs: [self]) { g in
            [Tensor(unchecked: input.shape, g.scalars)]
        }
    }

    /// Axes reordered: result axis i is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) throws -> Tensor {
        guard axes.count == rank else {
            throw EngineError("permute: tensor of shape \(shape) needs \(rank) axes, got \(axes)")
        }
        let norm = try axes.map { try Shape.normalizeAxis($0, rank: rank, op: "permute") }
        guard Set(norm).count == rank else { throw EngineError("permute: \(axes) is not a permutation of the axes") }
        if norm == Array(0..<rank) { return self }
        let outShape = norm.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        let sa = norm.map { inStrides[$0] }
        let zeros = [Int](repeating: 0, count: rank)
        let out = scalars.withUnsafeBufferPointer { src in
            Elementwise.makeBuffer(count) { dst in
                guard let s = src.baseAddress else { return }
                Elementwise.forEachRow(outShape, sa, zeros) { oa, _, ia, _, o, len in
                    for j in 0..<len { dst[o + j] = s[oa + j * ia] }
                }
            }
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in norm.enumerated() { inverse[a] = i }
        return Tensor(unchecked: outShape, out).recorded("permute", inputs: [self]) { g in
            [try g.permuted(inverse)]
        }
    }

    /// The last two axes swapped (a matrix transpose; for rank 1 the tensor itself).
    public func transposed() throws -> Tensor {
        guard rank >= 2 else { return self }
        var axes = Array(0..<rank)
        axes.swapAt(rank - 1, rank - 2)
        return try permuted(axes)
    }

    /// Two axes swapped.
    public func transposed(_ axis0: Int, _ axis1: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis0, rank: rank, op: "transpose")
        let b = try Shape.normalizeAxis(axis1, rank: rank, op: "transpose")
        var axes = Array(0..<rank)
        axes.swapAt(a, b)
        return try permuted(axes)
    }

    /// The values repeated along broadcast axes to `target` (numpy `broadcast_to`).
    public func broadcast(to target: [Int]) throws -> Tensor {
        _ = try Shape.elementCount(target, op: "broadcast")
        guard try Shape.broadcast(shape, target, op: "broadcast") == target else {
            throw EngineError("broadcast: shapes \(shape) and \(target) cannot be broadcast together")
        }
        return Elementwise.expand(self, to: target).recorded("broadcast", inputs: [self]) { g in [g] }
    }

    /// A size-1 axis inserted at `axis`.
    public func unsqueezed(axis: Int) throws -> Tensor {
        let a = try Shape.normalizeAxis(axis, rank: rank + 1, op: "unsqueeze")
        var s = shape; s.insert(1, at: a)
        return try reshaped(s)
    }

    /// Elements `start, start+step, ...` before `end` along `axis`. Like Python slices, negative
    /// bounds count from the end and bounds beyond the size are clamped; `step` must be positive.
    public func sliced(axis: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) throws -> Tensor {
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "slice")
        guard step > 0 else { throw EngineError("slice: step must be positive, got \(step)") }
        let size = shape[ax]
        func clamp(_ v: Int?, _ dflt: Int) -> Int {
            guard let v else { return dflt }
            let k = v < 0 ? v + size : v
            return Swift.min(Swift.max(k, 0), size)
        }
        let lo = clamp(start, 0), hi = clamp(end, size)
        let m = hi > lo ? (hi - lo + step - 1) / step : 0
        if lo == 0 && m == size && step == 1 { return self }
        let outer = Shape.product(shape[..<ax]), inner = Shape.product(shape[(ax + 1)...])
        var outShape = shape; outShape[ax] = m
        let out = scalars.withUnsafeBufferPointer { src in
            Elementwise.makeBuffer(outer * m * inner) { dst in
                guard let s = src.baseAddress else { return }
                for o in 0..<outer {
                    for j in 0..<m {
                        (dst + (o * m + j) * inner).update(from: s + (o * size + lo + j * step) * inner, count: inner)
                    }
                }
            }
        }
        let inShape = shape
        return Tensor(unchecked: outShape, out).recorded("slice", inputs: [self]) { g in
            var full = [Float](repeating: 0, count: Shape.product(inShape))
            g.scalars.withUnsafeBufferPointer { src in
                full.withUnsafeMutableBufferPointer { dstBuf in
                    guard let s = src.baseAddress, let dst = dstBuf.baseAddress else { return }
                    for o in 0..<outer {
                        for j in 0..<m {
                            (dst + (o * size + lo + j * step) * inner).update(from: s + (o * m + j) * inner, count: inner)
                        }
                    }
                }
            }
            return [Tensor(unchecked: inShape, full)]
        }
    }

    /// The sub-tensor at `index` along `axis` (that axis removed); negative indices count from the end.
    public func selected(axis: Int = 0, index: Int) throws -> Tensor {
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: "index")
        let i = try Shape.normalizeIndex(index, size: shape[ax], what: "index: \(index) on axis \(ax)")
        var s = shape; s.remove(at: ax)
        return try sliced(axis: ax, start: i, end: i + 1).reshaped(s)
    }

    /// `t[i, j, ...]`: one index per leading axis.
    public func indexed(_ indices: [Int]) throws -> Tensor {
        guard indices.count <= rank else {
            throw EngineError("index: \(indices.count) indices for a tensor of shape \(shape)")
        }
        var t = self
        for i in indices { t = try t.selected(axis: 0, index: i) }
        return t
    }

    /// Tensors joined along an existing axis; all other sizes must agree.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw EngineError("concat: needs at least one tensor") }
        let ax = try Shape.normalizeAxis(axis, rank: first.rank, op: "concat")
        for t in tensors.dropFirst() {
            var a = first.shape, b = t.shape
            guard a.count == b.count else {
                throw EngineError("concat: shapes \(first.shape) and \(t.shape) have different ranks")
            }
            a[ax] = 0; b[ax] = 0
            guard a == b else {
                throw EngineError("concat: shapes \(first.shape) and \(t.shape) differ outside axis \(ax)")
            }
        }
        let sizes = tensors.map { $0.shape[ax] }
        var outShape = first.shape
        outShape[ax] = 0
        for size in sizes {
            let (sum, overflow) = outShape[ax].addingReportingOverflow(size)
            guard !overflow else { throw EngineError("concat: the joined axis \(ax) is too large") }
            outShape[ax] = sum
        }
        let total = try Shape.elementCount(outShape, op: "concat")
        let outer = Shape.product(first.shape[..<ax]), inner = Shape.product(first.shape[(ax + 1)...])
        let rowOut = outShape[ax] * inner
        var out = [Float](repeating: 0, count: total)
        out.withUnsafeMutableBufferPointer { dstBuf in
            guard let dst = dstBuf.baseAddress else { return }
            var offset = 0
            for t in tensors {
                let chunk = t.shape[ax] * inner
                t.scalars.withUnsafeBufferPointer { src in
                    guard let s = src.baseAddress else { return }
                    for o in 0..<outer { (dst + o * rowOut + offset).update(from: s + o * chunk, count: chunk) }
                }
                offset += chunk
            }
        }
        return Tensor(unchecked: outShape, out).recorded("concat", inputs: tensors) { g in
            var start = 0
            return try sizes.map { size in
                defer { start += size }
                return try g.sliced(axis: ax, start: start, end: start + size)
            }
        }
    }

    /// Tensors of one shape joined along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw EngineError("stack: needs at least one tensor") }
        for t in tensors where t.shape != first.shape {
            throw EngineError("stack: shapes \(first.shape) and \(t.shape) differ")
        }
        let ax = try Shape.normalizeAxis(axis, rank: first.rank + 1, op: "stack")
        return try concat(tensors.map { try $0.unsqueezed(axis: ax) }, axis: ax)
    }
}
