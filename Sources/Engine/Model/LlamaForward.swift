/// The forward pass over a `TokenBatch`, saving what the backward pass needs.
///
/// Per block (legend in LlamaActivations.swift):
///     norm1 = RMSNorm(input) g1                         [BT, C]
///     q, k, v = norm1 Wq^T, norm1 Wk^T, norm1 Wv^T      [BT, QW], [BT, KW], [BT, KW]; rotary on q, k
///     attn = softmax(q k^T / sqrt(D) + mask) v          [BT, QW]
///     mid = input + attn Wo^T                           [BT, C]
///     norm2 = RMSNorm(mid) g2                           [BT, C]
///     act = silu(norm2 Wgate^T) * (norm2 Wup^T)         [BT, F]
///     output = mid + act Wdown^T                        [BT, C]  (the next block's input)
/// then normF = RMSNorm(output) gF, logits = normF Wout^T [BT, V], logprob = log_softmax(logits)[target].
extension LlamaModel {
    /// Runs the forward pass and returns the filled activation buffers (valid until the next pass).
    @discardableResult
    func forward(_ batch: TokenBatch) throws -> LlamaActivations {
        try checkBatch(batch)
        let c = config, bt = batch.batch * batch.length
        let a = try activations(batch: batch.batch, length: batch.length)
        a.pads = batch.pads
        for b in 0..<batch.batch {
            for t in 0..<batch.length {
                let r = b * batch.length + t
                a.tokens[r] = batch.inputs[r]
                a.targets[r] = batch.targets[r]
                a.positions[r] = Int32(Swift.max(0, t - batch.pads[b]))
            }
        }
        // Embedding lookup into the first block's input.
        let first = a.blocks[0].input
        for r in 0..<bt {
            (first.pointer + r * c.width).update(from: weights[layout.embedding + Int(a.tokens[r]) * c.width], count: c.width)
        }
        let shape = AttentionKernel.Shape(batch: batch.batch, length: batch.length, heads: c.heads,
                                          kvHeads: c.kvHeads, headSize: c.headSize)
        for (l, blk) in a.blocks.enumerated() {
            let w = layout.blocks[l]
            let next = l + 1 < a.blocks.count ? a.blocks[l + 1].input : a.output
            RMSNormKernel.forward(blk.norm1.pointer, blk.rstd1.pointer, blk.input.pointer, weights[w.attnNorm],
                                  rows: bt, width: c.width, eps: c.normEps)
            Linear.forward(blk.q.pointer, blk.norm1.pointer, weights[w.wq], m: bt, n: c.queryWidth, k: c.width)
            Linear.forward(blk.k.pointer, blk.norm1.pointer, weights[w.wk], m: bt, n: c.keyValueWidth, k: c.width)
            Linear.forward(blk.v.pointer, blk.norm1.pointer, weights[w.wv], m: bt, n: c.keyValueWidth, k: c.width)
            rotary.apply(blk.q.pointer, rows: bt, heads: c.heads, positions: a.positions, inverse: false)
            rotary.apply(blk.k.pointer, rows: bt, heads: c.kvHeads, positions: a.positions, inverse: false)
            AttentionKernel.forward(blk.attn.pointer, blk.probs.pointer, blk.q.pointer, blk.k.pointer, blk.v.pointer,
                                    pads: a.pads, shape: shape)
            blk.mid.pointer.update(from: blk.input.pointer, count: bt * c.width)
            Linear.forward(blk.mid.pointer, blk.attn.pointer, weights[w.wo], m: bt, n: c.width, k: c.queryWidth, accumulate: true)
            RMSNormKernel.forward(blk.norm2.pointer, blk.rstd2.pointer, blk.mid.pointer, weights[w.ffnNorm],
                                  rows: bt, width: c.width, eps: c.normEps)
            Linear.forward(blk.gate.pointer, blk.norm2.pointer, weights[w.gate], m: bt, n: c.ffnHidden, k: c.width)
            Linear.forward(blk.up.pointer, blk.norm2.pointer, weights[w.up], m: bt, n: c.ffnHidden, k: c.width)
            SwiGLUKernel.forward(blk.act.pointer, blk.gate.pointer, blk.up.pointer, count: bt * c.ffnHidden)
            next.pointer.update(from: blk.mid.pointer, count: bt * c.width)
            Linear.forward(next.pointer, blk.act.pointer, weights[w.down], m: bt, n: c.width, k: c.ffnHidden, accumulate: true)
        }
        RMSNormKernel.forward(a.normF.pointer, a.rstdF.pointer, a.output.pointer, weights[layout.finalNorm],
                              rows: bt, width: c.width, eps: c.normEps)
        Linear.forward(a.logits.pointer, a.normF.pointer, weights[layout.output], m: bt, n: c.vocabularySize, k: c.width)
        LogitsKernel.logprobs(a.logprob.pointer, a.lse.pointer, a.logits.pointer, a.targets, rows: bt, vocab: c.vocabularySize)
        return a
    }

    /// Token ids in the vocabulary, targets in it or -1, and no more positions than the context.
    func checkBatch(_ batch: TokenBatch) throws {
        guard batch.length <= config.context else {
            throw EngineError("model: \(batch.length) positions is longer than the model's context of \(config.context) tokens")
        }
        let v = Int32(clamping: config.vocabularySize)
        if let i = batch.inputs.firstIndex(where: { $0 < 0 || $0 >= v }) {
            throw EngineError("model: token id \(batch.inputs[i]) at row \(i / batch.length), position \(i % batch.length) is outside the vocabulary 0..<\(v)")
        }
        if let i = batch.targets.firstIndex(where: { $0 < -1 || $0 >= v }) {
            throw EngineError("model: target id \(batch.targets[i]) at row \(i / batch.length), position \(i % batch.length) is outside the vocabulary 0..<\(v)")
        }
    }

    /// log p(target) at every position of the batch ([B*T], 0 where the target is -1). Forward only.
    public func tokenLogprobs(_ batch: TokenBatch) throws -> [Float] {
        let a = try forward(batch)
        return a.logprob.array(offset: 0, length: a.rows)
    }

    /// The logits of every position ([B*T*V], row-major). Forward only; for tests and inspection.
    public func logits(_ batch: TokenBatch) throws -> [Float] {
        let a = try forward(batch)
        return a.logits.array(offset: 0, length: a.rows * config.vocabularySize)
    }
}
