/// Row kernels: a tensor seen as rows of its last axis (`[N, C]`), for softmax and the norms.
enum Rows {
    /// A new tensor of `x`'s shape whose row `i` is written by `body(i, xRow, outRow)`.
    @inline(__always)
    static func mapIndexed(_ x: Tensor,
                           _ body: (Int, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let c = x.shape.last ?? 1
        let rows = c == 0 ? 0 : x.count / c
        let out = x.scalars.withUnsafeBufferPointer { src in
            Elementwise.makeBuffer(x.count) { dst in
                guard let s = src.baseAddress else { return }
                for r in 0..<rows { body(r, s + r * c, dst + r * c) }
            }
        }
        return Tensor(unchecked: x.shape, out)
    }

    @inline(__always)
    static func map(_ x: Tensor, _ body: (UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        mapIndexed(x) { _, s, d in body(s, d) }
    }

    /// Like `mapIndexed` over two tensors of the same shape.
    @inline(__always)
    static func zipIndexed(_ a: Tensor, _ b: Tensor,
                           _ body: (Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        let c = a.shape.last ?? 1
        let rows = c == 0 ? 0 : a.count / c
        let out = a.scalars.withUnsafeBufferPointer { pa in
            b.scalars.withUnsafeBufferPointer { pb in
                Elementwise.makeBuffer(a.count) { dst in
                    guard let sa = pa.baseAddress, let sb = pb.baseAddress else { return }
                    for r in 0..<rows { body(r, sa + r * c, sb + r * c, dst + r * c) }
                }
            }
        }
        return Tensor(unchecked: a.shape, out)
    }

    @inline(__always)
    static func zip(_ a: Tensor, _ b: Tensor,
                    _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> Tensor {
        zipIndexed(a, b) { _, x, y, d in body(x, y, d) }
    }
}

/// Helpers shared by layer norm and RMS norm: the optional per-channel weight and bias.
enum Norms {
    /// Checks that weight and bias, when given, have shape `[C]` for input `[..., C]`; returns C.
    static func checkAffine(_ x: Tensor, _ w: Tensor?, _ b: Tensor?, op: String) throws -> Int {
        guard let c = x.shape.last else { throw EngineError("\(op): needs a tensor of rank 1 or more, got a scalar") }
        guard c > 0 else { throw EngineError("\(op): the last axis of shape \(x.shape) is empty") }
        for (name, t) in [("weight", w), ("bias", b)] {
            if let t, t.shape != [c] {
                throw EngineError("\(op): \(name) of shape \(t.shape) does not match input of shape \(x.shape) (needs [\(c)])")
            }
        }
        return c
    }

    /// norm * w + b per row (either may be absent).
    static func affine(_ norm: Tensor, _ w: [Float]?, _ b: [Float]?, _ c: Int) -> Tensor {
        if w == nil && b == nil { return norm }
        let ws = w ?? [Float](repeating: 1, count: c), bs = b ?? [Float](repeating: 0, count: c)
        return ws.withUnsafeBufferPointer { pw in
            bs.withUnsafeBufferPointer { pb in
                Rows.map(norm) { s, d in
                    guard let w = pw.baseAddress, let b = pb.baseAddress else { return }
                    for j in 0..<c { d[j] = s[j] * w[j] + b[j] }
                }
            }
        }
    }

    /// g * w per row.
    static func scaleRows(_ g: Tensor, _ w: [Float], _ c: Int) -> Tensor {
        w.withUnsafeBufferPointer { pw in
            Rows.map(g) { s, d in
                guard let w = pw.baseAddress else { return }
                for j in 0..<c { d[j] = s[j] * w[j] }
            }
        }
    }

    /// Sum over rows of g (times `other` element-wise if given): shape [C].
    static func columnSum(_ g: Tensor, times other: Tensor?, _ c: Int) -> Tensor {
        var out = [Float](repeating: 0, count: c)
        let rows = g.count / c
        g.scalars.withUnsafeBufferPointer { pg in
            out.withUnsafeMutableBufferPointer { po in
                guard let s = pg.baseAddress, let o = po.baseAddress else { return }
                if let other {
                    other.scalars.withUnsafeBufferPointer { pn in
                        guard let n = pn.baseAddress else { return }
                        for r in 0..<rows { for j in 0..<c { o[j] += s[r * c + j] * n[r * c + j] } }
                    }
                } else {
                    for r in 0..<rows { for j in 0..<c { o[j] += s[r * c + j] } }
                }
            }
        }
        return Tensor(unchecked: [c], out)
    }
}
