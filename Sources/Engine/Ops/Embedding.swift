import Foundation

// Embedding lookup, gathering along the last axis, cross entropy with an ignore index, and dropout.

extension Tensor {
    /// Reads integer indices stored in a tensor, checking each is integral and in `0..<bound`
    /// (or equal to `allowed`).
    static func indices(_ t: Tensor, bound: Int, allowed: Int? = nil, op: String) throws -> [Int] {
        try t.scalars.map { v in
            guard v.isFinite, v == v.rounded(), Swift.abs(v) < 1e9 else {
                throw EngineError("\(op): index \(v) is not an integer")
            }
            let i = Int(v)
            if let allowed, i == allowed { return i }
            guard i >= 0, i < bound else { throw EngineError("\(op): index \(i) is out of range for size \(bound)") }
            return i
        }
    }

    /// Rows of `table` (`[V, D]`) picked by integer `indices` of any shape: result `indices.shape + [D]`.
    /// The gradient of the table adds each output row back into the row it came from.
    public static func embedding(_ table: Tensor, _ indices: Tensor) throws -> Tensor {
        guard table.rank == 2 else { throw EngineError("embedding: table must have rank 2, got shape \(table.shape)") }
        let v = table.shape[0], d = table.shape[1]
        let ids = try Tensor.indices(indices, bound: v, op: "embedding")
        let outShape = indices.shape + [d]
        _ = try Shape.elementCount(outShape, op: "embedding")
        let out = table.scalars.withUnsafeBufferPointer { src in
            Elementwise.makeBuffer(ids.count * d) { dst in
                guard let s = src.baseAddress else { return }
                for (r, i) in ids.enumerated() { (dst + r * d).update(from: s + i * d, count: d) }
            }
        }
        return Tensor(unchecked: outShape, out).recorded("embedding", inputs: [table]) { g in
            var grad = [Float](repeating: 0, count: v * d)
            g.scalars.withUnsafeBufferPointer { pg in
                grad.withUnsafeMutableBufferPointer { pd in
                    guard let s = pg.baseAddress, let o = pd.baseAddress else { return }
                    for (r, i) in ids.enumerated() { for j in 0..<d { o[i * d + j] += s[r * d + j] } }
                }
            }
            return [Tensor(unchecked: [v, d], grad)]
        }
    }

    /// One element per row of the last axis: `result[r] = self[r, indices[r]]` for `self` of shape
    /// `[..., C]` and integer `indices` of shape `[...]` (numpy `take_along_axis` on the last axis,
    /// squeezed). Picks per-token log-probabilities out of a log-softmax, for policy gradients.
    public func gatherLast(_ indices: Tensor) throws -> Tensor {
        guard let c = shape.last else { throw EngineError("gather: needs a tensor of rank 1 or more, got a scalar") }
        guard indices.shape == Array(shape.dropLast()) else {
            throw EngineError("gather: tensor of shape \(shape) needs indices of shape \(Array(shape.dropLast())), got \(indices.shape)")
        }
        let ids = try Tensor.indices(indices, bound: c, op: "gather")
        let values = scalars.withUnsafeBufferPointer { src in
            ids.enumerated().map { r, i in src[r * c + i] }
        }
        let inShape = shape
        return Tensor(unchecked: indices.shape, values).recorded("gather", inputs: [self]) { g in
            var grad = [Float](repeating: 0, count: ids.count * c)
            for (r, i) in ids.enumerated() { grad[r * c + i] = g.scalars[r] }
            return [Tensor(unchecked: inShape, grad)]
        }
    }

    /// Mean cross entropy of `logits` (`[..., C]`) against integer class `targets` (`[...]`),
    /// skipping positions whose target is `ignoreIndex`. Fused log-softmax and negative log-likelihood;
    /// the gradient is (softmax - onehot) / count. If every target is ignored the loss is 0.
    public func crossEntropy(targets: Tensor, ignoreIndex: Int = -100) throws -> Tensor {
        guard let c = shape.last, rank >= 1 else { throw EngineError("cross_entropy: logits must have rank 1 or more") }
        guard targets.shape == Array(shape.dropLast()) else {
            throw EngineError("cross_entropy: logits of shape \(shape) need targets of shape \(Array(shape.dropLast())), got \(targets.shape)")
        }
        guard c > 0 else { throw EngineError("cross_entropy: logits of shape \(shape) have no classes") }
        let ts = try Tensor.indices(targets, bound: c, allowed: ignoreIndex, op: "cross_entropy")
        let logits = self
        let logProbs = try detached.logSoftmax(axis: -1)
        let used = ts.filter { $0 != ignoreIndex }.count
        var total = 0.0
        for (r, t) in ts.enumerated() where t != ignoreIndex { total -= Double(logProbs.scalars[r * c + t]) }
        let loss = used == 0 ? 0 : Float(total / Double(used))
        return Tensor(loss).recorded("cross_entropy", inputs: [logits]) { g in
            let scale = used == 0 ? 0 : g.scalars[0] / Float(used)
            var grad = VectorMath.apply(logProbs.scalars, VectorMath.exp)
            for (r, t) in ts.enumerated() {
                if t == ignoreIndex { for j in 0..<c { grad[r * c + j] = 0 }; continue }
                for j in 0..<c { grad[r * c + j] *= scale }
                grad[r * c + t] -= scale
            }
            return [Tensor(unchecked: logits.shape, grad)]
        }
    }

    /// Zeroes each element with probability `p` and scales the rest by 1/(1-p), drawing the mask from
    /// `seed`; the identity when `training` is false or `p` is 0.
    public func dropout(p: Float, seed: UInt64, training: Bool = true) throws -> Tensor {
        guard p >= 0, p <= 1 else { throw EngineError("dropout: probability \(p) is not in [0, 1]") }
        guard training, p > 0 else { return self }
        var rng = SeededRandom(seed: seed)
        let scale: Float = p == 1 ? 0 : 1 / (1 - p)
        let mask = (0..<count).map { _ in rng.nextFloat() < p ? Float(0) : scale }
        let m = Tensor(unchecked: shape, mask)
        let x = self
        return Elementwise.zipSameShape(x, m) { $0 * $1 }.recorded("dropout", inputs: [x]) { g in
            [Elementwise.zipSameShape(g, m) { $0 * $1 }]
        }
    }
}
