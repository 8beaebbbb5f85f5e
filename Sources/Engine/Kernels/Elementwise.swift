/// Element-wise kernels: unary maps and binary ops with numpy broadcasting.
///
/// Hot loops run on unsafe buffer pointers; bounds are established once, from the shapes, before
/// entering them. The closures are non-escaping and the functions `@inline(__always)`, so in release
/// builds each call site compiles to its own vectorized loop.
enum Elementwise {
    /// A buffer of `count` floats filled by `body` (no zero-initialization first).
    @inline(__always)
    static func makeBuffer(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
        guard count > 0 else { return [] }
        return [Float](unsafeUninitializedCapacity: count) { buf, initialized in
            if let base = buf.baseAddress { body(base) }
            initialized = count
        }
    }

    /// `f` applied to every element.
    @inline(__always)
    static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        let n = x.count
        let out = x.scalars.withUnsafeBufferPointer { src -> [Float] in
            makeBuffer(n) { dst in
                guard let s = src.baseAddress else { return }
                for i in 0..<n { dst[i] = f(s[i]) }
            }
        }
        return Tensor(unchecked: x.shape, out)
    }

    /// `f(x[i], y[i])` for two tensors of the same count (shape taken from `x`).
    @inline(__always)
    static func zipSameShape(_ x: Tensor, _ y: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let n = x.count
        let out = x.scalars.withUnsafeBufferPointer { a -> [Float] in
            y.scalars.withUnsafeBufferPointer { b -> [Float] in
                makeBuffer(n) { dst in
                    guard let pa = a.baseAddress, let pb = b.baseAddress else { return }
                    for i in 0..<n { dst[i] = f(pa[i], pb[i]) }
                }
            }
        }
        return Tensor(unchecked: x.shape, out)
    }

    /// `f(a, b)` with numpy broadcasting; the error names `op` and both shapes.
    @inline(__always)
    static func binary(_ x: Tensor, _ y: Tensor, op: String, _ f: (Float, Float) -> Float) throws -> Tensor {
        if x.shape == y.shape { return zipSameShape(x, y, f) }
        let shape = try Shape.broadcast(x.shape, y.shape, op: op)
        let n = Shape.product(shape)
        let out = x.scalars.withUnsafeBufferPointer { a -> [Float] in
            y.scalars.withUnsafeBufferPointer { b -> [Float] in
                makeBuffer(n) { dst in
                    guard let pa = a.baseAddress, let pb = b.baseAddress else { return }
                    if y.count == 1 && x.count == n {
                        let s = pb[0]
                        for i in 0..<n { dst[i] = f(pa[i], s) }
                    } else if x.count == 1 && y.count == n {
                        let s = pa[0]
                        for i in 0..<n { dst[i] = f(s, pb[i]) }
                    } else {
                        let sa = Shape.broadcastStrides(x.shape, to: shape)
                        let sb = Shape.broadcastStrides(y.shape, to: shape)
                        forEachRow(shape, sa, sb) { oa, ob, ia, ib, o, len in
                            if ia == 1 && ib == 1 {
                                for j in 0..<len { dst[o + j] = f(pa[oa + j], pb[ob + j]) }
                            } else if ia == 1 {
                                let s = pb[ob]
                                for j in 0..<len { dst[o + j] = f(pa[oa + j], s) }
                            } else if ib == 1 {
                                let s = pa[oa]
                                for j in 0..<len { dst[o + j] = f(s, pb[ob + j]) }
                            } else {
                                let v = f(pa[oa], pb[ob])
                                for j in 0..<len { dst[o + j] = v }
                            }
                        }
                    }
                }
            }
        }
        return Tensor(unchecked: shape, out)
    }

    /// Visits every row (last axis) of `shape`: `body(offsetA, offsetB, strideA, strideB, offsetOut,
    /// length)` where the offsets come from the per-axis strides `sa`, `sb` (0 on broadcast axes).
    @inline(__always)
    static func forEachRow(_ shape: [Int], _ sa: [Int], _ sb: [Int],
                           _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let rank = shape.count
        guard rank > 0 else { body(0, 0, 0, 0, 0, 1); return }
        let len = shape[rank - 1]
        let rows = Shape.product(shape.dropLast())
        guard len > 0, rows > 0 else { return }
        var counter = [Int](repeating: 0, count: rank - 1)
        var oa = 0, ob = 0
        for r in 0..<rows {
            body(oa, ob, sa[rank - 1], sb[rank - 1], r * len, len)
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                counter[axis] += 1
                oa += sa[axis]; ob += sb[axis]
                if counter[axis] < shape[axis] { break }
                oa -= sa[axis] * shape[axis]; ob -= sb[axis] * shape[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
    }

    /// Materializes `x` broadcast to `shape` (which must be a valid broadcast target).
    static func expand(_ x: Tensor, to shape: [Int]) -> Tensor {
        if x.shape == shape { return x.detached }
        let n = Shape.product(shape)
        let sa = Shape.broadcastStrides(x.shape, to: shape)
        let zeros = [Int](repeating: 0, count: shape.count)
        let out = x.scalars.withUnsafeBufferPointer { a -> [Float] in
            makeBuffer(n) { dst in
                guard let pa = a.baseAddress else { return }
                forEachRow(shape, sa, zeros) { oa, _, ia, _, o, len in
                    if ia == 1 { for j in 0..<len { dst[o + j] = pa[oa + j] } }
                    else { let v = pa[oa]; for j in 0..<len { dst[o + j] = v } }
                }
            }
        }
        return Tensor(unchecked: shape, out)
    }

    /// Sums `g` (of a broadcast shape) down to `shape`: the adjoint of broadcasting.
    static func sumBroadcast(_ g: Tensor, to shape: [Int]) -> Tensor {
        let n = Shape.product(shape)
        let so = Shape.broadcastStrides(shape, to: g.shape)
        let own = Shape.strides(g.shape)
        var out = [Float](repeating: 0, count: n)
        g.scalars.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in
                guard let pa = a.baseAddress, let po = o.baseAddress else { return }
                forEachRow(g.shape, own, so) { oa, ob, _, ib, _, len in
                    if ib == 1 { for j in 0..<len { po[ob + j] += pa[oa + j] } }
                    else { po[ob] += Reduce.sum(pa + oa, len) }
                }
            }
        }
        return Tensor(unchecked: shape, out)
    }
}

extension Tensor {
    /// This gradient summed down to `target` (undoing broadcasting), or an error naming the op if
    /// the shapes are not broadcast-compatible (a bug in that op's derivative).
    func sumToShape(_ target: [Int], op: String) throws -> Tensor {
        if shape == target { return self }
        if count == Shape.product(target) { return Tensor(unchecked: target, scalars) }
        guard (try? Shape.broadcast(target, shape, op: op)) == shape else {
            throw EngineError("\(op): gradient of shape \(shape) does not fit input of shape \(target)")
        }
        return Elementwise.sumBroadcast(self, to: target)
    }
}
