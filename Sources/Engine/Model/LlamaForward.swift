/// The training forward pass over a `TokenBatch`, saving what the backward pass needs.
///
/// Embedding lookup, then every decoder block (DecoderBlock.swift, with full causal attention over
/// the batch whose probabilities are kept), then (legend in LlamaActivations.swift)
///     normF = RMSNorm(output) gF                        [BT, C]
///     logits = normF Wout^T                             [BT, V]
///     logprob = log_softmax(logits)[target]             [BT]
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
        embed(a.tokens, rows: bt, into: a.blocks[0].input.pointer)
        let shape = AttentionKernel.Shape(batch: batch.batch, length: batch.length, heads: c.heads,
                                          kvHeads: c.kvHeads, headSize: c.headSize)
        for (l, blk) in a.blocks.enumerated() {
            let next = l + 1 < a.blocks.count ? a.blocks[l + 1].input : a.output
            let buffers = BlockBuffers(input: blk.input.pointer, norm1: blk.norm1.pointer, rstd1: blk.rstd1.pointer,
                                       q: blk.q.pointer, k: blk.k.pointer, v: blk.v.pointer, attn: blk.attn.pointer,
                                       mid: blk.mid.pointer, norm2: blk.norm2.pointer, rstd2: blk.rstd2.pointer,
                                       gate: blk.gate.pointer, up: blk.up.pointer, act: blk.act.pointer,
                                       output: next.pointer)
            runBlock(l, buffers, rows: bt, positions: a.positions) {
                AttentionKernel.forward(blk.attn.pointer, blk.probs.pointer, blk.q.pointer, blk.k.pointer, blk.v.pointer,
                                        pads: a.pads, shape: shape)
            }
        }
        RMSNormKernel.forward(a.normF.pointer, a.rstdF.pointer, a.output.pointer, weightSet.finalNorm,
                              rows: bt, width: c.width, eps: c.normEps)
        Linear.forward(a.logits.pointer, a.normF.pointer, weightSet.output, m: bt, n: c.vocabularySize, k: c.width)
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
