/// The backward pass of `forward`, for any objective whose gradient with respect to each position's
/// log-probability the caller gives: cross-entropy training uses -1/N on the scored positions, a
/// PPO-clip or REINFORCE update its per-token advantage terms.
///
/// Visits the blocks in reverse, each step the transpose of its forward step (DecoderBlock.swift,
/// LlamaForward.swift):
///     dlogits = w (onehot - softmax)          dnormF = dlogits Wout, dWout += dlogits^T normF
///     doutput = RMSNorm'(dnormF)              (the residual stream's gradient, `dResidual`)
///     dact = dres Wdown, dWdown += dres^T act; dgate, dup = SwiGLU'(dact)
///     dnorm2 = dgate Wgate + dup Wup; dres += RMSNorm'(dnorm2) at mid
///     dattn = dres Wo; dq, dk, dv = attention'(dattn); un-rotate dq, dk
///     dnorm1 = dq Wq + dk Wk + dv Wv; dres += RMSNorm'(dnorm1) at input
///     dembedding[token] += dres
extension LlamaModel {
    /// Forward and backward in one call. `logprobGradient[r]` is d loss / d logprob[r] for each of the
    /// B*T positions (0 for unscored ones). Parameter gradients are ADDED to the model's gradient
    /// buffer (call `zeroGradients()` first); the per-position log-probabilities are returned.
    public func forwardBackward(_ batch: TokenBatch, logprobGradient: [Float]) throws -> [Float] {
        try requireTrainable("model")
        guard logprobGradient.count == batch.batch * batch.length else {
            throw EngineError("model: \(logprobGradient.count) log-prob gradients for a batch of \(batch.batch * batch.length) positions")
        }
        if let bad = logprobGradient.firstIndex(where: { !$0.isFinite }) {
            throw EngineError("model: log-prob gradient at position \(bad) is \(logprobGradient[bad])")
        }
        let a = try forward(batch)
        let result = a.logprob.array(offset: 0, length: a.rows)
        logprobGradient.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { a.weights.pointer.update(from: base, count: a.rows) }
        }
        backward(a)
        return result
    }

    /// Sets all gradients to zero (allocating the buffer the first time).
    public func zeroGradients() {
        if let g = gradients { g.zero() } else { gradients = FloatBuffer(count: layout.count) }
    }

    /// A copy of the accumulated gradient of one named weight (for tests and inspection).
    public func gradient(named name: String) throws -> Tensor {
        guard let slot = layout.slots.first(where: { $0.name == name }) else {
            throw EngineError("model: no weight named \"\(name)\"")
        }
        let values = gradients?.array(offset: slot.offset, length: slot.count) ?? Array(repeating: 0, count: slot.count)
        return try Tensor(shape: slot.shape, scalars: values)
    }

    /// Needs every matrix in the flat buffer (`layout.isDense`), which `requireTrainable` ensured.
    func backward(_ a: LlamaActivations) {
        if gradients == nil { gradients = FloatBuffer(count: layout.count) }
        guard let grads = gradients, layout.isDense else { return }
        // Weights and their gradients share offsets; `isDense` makes every `offset` non-nil.
        func at(_ r: LlamaLayout.MatrixRef) -> Int { r.offset ?? 0 }
        let c = config, bt = a.rows
        LogitsKernel.backward(a.logits.pointer, a.lse.pointer, a.targets, a.weights.pointer, rows: bt, vocab: c.vocabularySize)
        Linear.backwardInput(a.dNorm.pointer, a.logits.pointer, weights[at(layout.output)], m: bt, n: c.vocabularySize, k: c.width, accumulate: false)
        Linear.backwardWeight(grads[at(layout.output)], a.logits.pointer, a.normF.pointer, m: bt, n: c.vocabularySize, k: c.width)
        a.dResidual.zero()
        RMSNormKernel.backward(a.dResidual.pointer, grads[layout.finalNorm], a.dNorm.pointer, a.output.pointer,
                               weights[layout.finalNorm], a.rstdF.pointer, rows: bt, width: c.width)
        let shape = AttentionKernel.Shape(batch: a.batch, length: a.length, heads: c.heads,
                                          kvHeads: c.kvHeads, headSize: c.headSize)
        let dres = a.dResidual.pointer
        for l in stride(from: a.blocks.count - 1, through: 0, by: -1) {
            let blk = a.blocks[l], w = layout.blocks[l]
            // Feed-forward.
            Linear.backwardInput(a.dAct.pointer, dres, weights[at(w.down)], m: bt, n: c.width, k: c.ffnHidden, accumulate: false)
            Linear.backwardWeight(grads[at(w.down)], dres, blk.act.pointer, m: bt, n: c.width, k: c.ffnHidden)
            SwiGLUKernel.backward(a.dGate.pointer, a.dUp.pointer, a.dAct.pointer, blk.gate.pointer, blk.up.pointer, count: bt * c.ffnHidden)
            Linear.backwardInput(a.dNorm.pointer, a.dGate.pointer, weights[at(w.gate)], m: bt, n: c.ffnHidden, k: c.width, accumulate: false)
            Linear.backwardInput(a.dNorm.pointer, a.dUp.pointer, weights[at(w.up)], m: bt, n: c.ffnHidden, k: c.width, accumulate: true)
            Linear.backwardWeight(grads[at(w.gate)], a.dGate.pointer, blk.norm2.pointer, m: bt, n: c.ffnHidden, k: c.width)
            Linear.backwardWeight(grads[at(w.up)], a.dUp.pointer, blk.norm2.pointer, m: bt, n: c.ffnHidden, k: c.width)
            RMSNormKernel.backward(dres, grads[w.ffnNorm], a.dNorm.pointer, blk.mid.pointer, weights[w.ffnNorm],
                                   blk.rstd2.pointer, rows: bt, width: c.width)
            // Attention.
            Linear.backwardInput(a.dAttn.pointer, dres, weights[at(w.wo)], m: bt, n: c.width, k: c.queryWidth, accumulate: false)
            Linear.backwardWeight(grads[at(w.wo)], dres, blk.attn.pointer, m: bt, n: c.width, k: c.queryWidth)
            AttentionKernel.backward(a.dQ.pointer, a.dK.pointer, a.dV.pointer, a.dAttn.pointer, blk.probs.pointer,
                                     blk.q.pointer, blk.k.pointer, blk.v.pointer, shape: shape)
            rotary.apply(a.dQ.pointer, rows: bt, heads: c.heads, positions: a.positions, inverse: true)
            rotary.apply(a.dK.pointer, rows: bt, heads: c.kvHeads, positions: a.positions, inverse: true)
            Linear.backwardInput(a.dNorm.pointer, a.dQ.pointer, weights[at(w.wq)], m: bt, n: c.queryWidth, k: c.width, accumulate: false)
            Linear.backwardInput(a.dNorm.pointer, a.dK.pointer, weights[at(w.wk)], m: bt, n: c.keyValueWidth, k: c.width, accumulate: true)
            Linear.backwardInput(a.dNorm.pointer, a.dV.pointer, weights[at(w.wv)], m: bt, n: c.keyValueWidth, k: c.width, accumulate: true)
            Linear.backwardWeight(grads[at(w.wq)], a.dQ.pointer, blk.norm1.pointer, m: bt, n: c.queryWidth, k: c.width)
            Linear.backwardWeight(grads[at(w.wk)], a.dK.pointer, blk.norm1.pointer, m: bt, n: c.keyValueWidth, k: c.width)
            Linear.backwardWeight(grads[at(w.wv)], a.dV.pointer, blk.norm1.pointer, m: bt, n: c.keyValueWidth, k: c.width)
            RMSNormKernel.backward(dres, grads[w.attnNorm], a.dNorm.pointer, blk.input.pointer, weights[w.attnNorm],
                                   blk.rstd1.pointer, rows: bt, width: c.width)
        }
        // Embedding: scatter-add each position's gradient into its token's row.
        for r in 0..<bt {
            let row = grads[at(layout.embedding) + Int(a.tokens[r]) * c.width], d = dres + r * c.width
            for i in 0..<c.width { row[i] += d[i] }
        }
    }
}
