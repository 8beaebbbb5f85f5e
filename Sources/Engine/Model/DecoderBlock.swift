/// The one definition of a Llama decoder block. The training forward pass (every position of a
/// batch, activations kept for backward; LlamaForward.swift) and cached generation (the new
/// positions only; LlamaInference.swift) both call `runBlock`; they differ only in the attention
/// step, which each passes in: full causal attention over the batch, or attention over a KV cache.
///
/// Legend: R rows (positions) in this call, C width, QW = heads*head, KW = kv_heads*head, F ffn.
///     norm1 = RMSNorm(input) g1                         [R, C]
///     q, k, v = norm1 Wq^T, norm1 Wk^T, norm1 Wv^T      [R, QW], [R, KW], [R, KW]; rotary on q, k
///     attn = attend(q, k, v)                            [R, QW]   causal softmax(q k^T / sqrt(D)) v
///     mid = input + attn Wo^T                           [R, C]
///     norm2 = RMSNorm(mid) g2                           [R, C]
///     gate, up = norm2 Wgate^T, norm2 Wup^T             [R, F]
///     act = silu(gate) * up                             [R, F]
///     output = mid + act Wdown^T                        [R, C]    (may be the input buffer)
struct BlockBuffers {
    typealias P = UnsafeMutablePointer<Float>
    let input: P, norm1: P, rstd1: P
    let q: P, k: P, v: P, attn: P
    let mid: P, norm2: P, rstd2: P
    let gate: P, up: P, act: P
    let output: P
}

extension LlamaModel {
    /// Block `l` over `rows` positions whose rotary positions are `positions` [R]. `attend` must fill
    /// `b.attn` from the rotated `b.q`, `b.k` and `b.v`.
    func runBlock(_ l: Int, _ b: BlockBuffers, rows: Int, positions: UnsafePointer<Int32>, attend: () -> Void) {
        let c = config, w = weightSet.blocks[l]
        RMSNormKernel.forward(b.norm1, b.rstd1, b.input, w.attnNorm, rows: rows, width: c.width, eps: c.normEps)
        Linear.project(b.norm1, m: rows, k: c.width, [
            .init(y: b.q, w: w.wq, n: c.queryWidth), .init(y: b.k, w: w.wk, n: c.keyValueWidth),
            .init(y: b.v, w: w.wv, n: c.keyValueWidth)])
        rotary.apply(b.q, rows: rows, heads: c.heads, positions: positions, inverse: false)
        rotary.apply(b.k, rows: rows, heads: c.kvHeads, positions: positions, inverse: false)
        attend()
        b.mid.update(from: b.input, count: rows * c.width)
        Linear.forward(b.mid, b.attn, w.wo, m: rows, n: c.width, k: c.queryWidth, accumulate: true)
        RMSNormKernel.forward(b.norm2, b.rstd2, b.mid, w.ffnNorm, rows: rows, width: c.width, eps: c.normEps)
        Linear.project(b.norm2, m: rows, k: c.width, [
            .init(y: b.gate, w: w.gate, n: c.ffnHidden), .init(y: b.up, w: w.up, n: c.ffnHidden)])
        SwiGLUKernel.forward(b.act, b.gate, b.up, count: rows * c.ffnHidden)
        b.output.update(from: b.mid, count: rows * c.width)
        Linear.forward(b.output, b.act, w.down, m: rows, n: c.width, k: c.ffnHidden, accumulate: true)
    }

    /// Embedding lookup: row r of `out` [R, C] becomes the embedding of `tokens[r]` (ids checked).
    func embed(_ tokens: UnsafePointer<Int32>, rows: Int, into out: UnsafeMutablePointer<Float>) {
        let c = config.width
        for r in 0..<rows { weightSet.embedding.copyRow(Int(tokens[r]), width: c, to: out + r * c) }
    }
}
