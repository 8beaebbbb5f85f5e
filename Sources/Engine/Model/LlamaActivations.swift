/// Every buffer one forward/backward pass of a batch shape needs, allocated once per shape and reused
/// (llm.c style), so a training step allocates nothing.
///
/// Legend: B batch rows, T positions, BT = B*T, C width, QW = heads*head, KW = kv_heads*head,
/// F ffn hidden, H heads, V vocab.
final class LlamaActivations {
    /// Saved per decoder block for the backward pass.
    final class Block {
        let input: FloatBuffer      // [BT, C]   residual stream entering the block
        let norm1: FloatBuffer      // [BT, C]   RMSNorm(input) * attn norm gain
        let rstd1: FloatBuffer      // [BT]
        let q: FloatBuffer          // [BT, QW]  after rotary positions
        let k: FloatBuffer          // [BT, KW]  after rotary positions
        let v: FloatBuffer          // [BT, KW]
        let probs: FloatBuffer      // [B, H, T, T] attention weights
        let attn: FloatBuffer       // [BT, QW]  attention output before o_proj
        let mid: FloatBuffer        // [BT, C]   residual after attention
        let norm2: FloatBuffer      // [BT, C]
        let rstd2: FloatBuffer      // [BT]
        let gate: FloatBuffer       // [BT, F]   gate_proj output
        let up: FloatBuffer         // [BT, F]   up_proj output
        let act: FloatBuffer        // [BT, F]   silu(gate) * up

        init(_ c: LlamaConfig, batch: Int, length: Int) {
            let bt = batch * length
            input = FloatBuffer(count: bt * c.width); norm1 = FloatBuffer(count: bt * c.width)
            rstd1 = FloatBuffer(count: bt)
            q = FloatBuffer(count: bt * c.queryWidth)
            k = FloatBuffer(count: bt * c.keyValueWidth); v = FloatBuffer(count: bt * c.keyValueWidth)
            probs = FloatBuffer(count: batch * c.heads * length * length)
            attn = FloatBuffer(count: bt * c.queryWidth)
            mid = FloatBuffer(count: bt * c.width); norm2 = FloatBuffer(count: bt * c.width)
            rstd2 = FloatBuffer(count: bt)
            gate = FloatBuffer(count: bt * c.ffnHidden); up = FloatBuffer(count: bt * c.ffnHidden)
            act = FloatBuffer(count: bt * c.ffnHidden)
        }
    }

    let batch: Int, length: Int
    var rows: Int { batch * length }
    let tokens: UnsafeMutablePointer<Int32>     // [BT] input ids
    let targets: UnsafeMutablePointer<Int32>    // [BT] next ids, -1 = none
    let positions: UnsafeMutablePointer<Int32>  // [BT] rotary position (index minus the row's padding)
    var pads: [Int]                             // [B] left padding of each row
    let blocks: [Block]
    let output: FloatBuffer     // [BT, C]  residual stream after the last block
    let normF: FloatBuffer      // [BT, C]  final RMSNorm
    let rstdF: FloatBuffer      // [BT]
    let logits: FloatBuffer     // [BT, V]  (d loss / d logits after backward)
    let lse: FloatBuffer        // [BT]     log-sum-exp of each logits row
    let logprob: FloatBuffer    // [BT]     log p(target)
    let weights: FloatBuffer    // [BT]     d loss / d logprob, given by the caller
    // Gradient scratch, shared by all blocks (the backward pass visits one block at a time).
    let dResidual: FloatBuffer  // [BT, C]
    let dNorm: FloatBuffer      // [BT, C]
    let dQ: FloatBuffer         // [BT, QW]
    let dK: FloatBuffer         // [BT, KW]
    let dV: FloatBuffer         // [BT, KW]
    let dAttn: FloatBuffer      // [BT, QW]
    let dGate: FloatBuffer      // [BT, F]
    let dUp: FloatBuffer        // [BT, F]
    let dAct: FloatBuffer       // [BT, F]

    init(_ c: LlamaConfig, batch: Int, length: Int) {
        self.batch = batch; self.length = length
        let bt = batch * length
        tokens = .allocate(capacity: bt); tokens.initialize(repeating: 0, count: bt)
        targets = .allocate(capacity: bt); targets.initialize(repeating: -1, count: bt)
        positions = .allocate(capacity: bt); positions.initialize(repeating: 0, count: bt)
        pads = Array(repeating: 0, count: batch)
        blocks = (0..<c.layers).map { _ in Block(c, batch: batch, length: length) }
        output = FloatBuffer(count: bt * c.width); normF = FloatBuffer(count: bt * c.width)
        rstdF = FloatBuffer(count: bt)
        logits = FloatBuffer(count: bt * c.vocabularySize)
        lse = FloatBuffer(count: bt); logprob = FloatBuffer(count: bt); weights = FloatBuffer(count: bt)
        dResidual = FloatBuffer(count: bt * c.width); dNorm = FloatBuffer(count: bt * c.width)
        dQ = FloatBuffer(count: bt * c.queryWidth); dAttn = FloatBuffer(count: bt * c.queryWidth)
        dK = FloatBuffer(count: bt * c.keyValueWidth); dV = FloatBuffer(count: bt * c.keyValueWidth)
        dGate = FloatBuffer(count: bt * c.ffnHidden); dUp = FloatBuffer(count: bt * c.ffnHidden)
        dAct = FloatBuffer(count: bt * c.ffnHidden)
    }

    /// Bytes held, to refuse batch shapes that would not fit in memory before allocating them.
    static func byteCount(_ c: LlamaConfig, batch: Int, length: Int) -> Double {
        let bt = Double(batch * length)
        let perBlock = bt * Double(4 * c.width + 2 * c.queryWidth + 2 * c.keyValueWidth + 3 * c.ffnHidden + 2)
            + Double(batch * c.heads) * Double(length) * Double(length)
        let rest = bt * Double(4 * c.width + 2 * c.queryWidth + 2 * c.keyValueWidth + 3 * c.ffnHidden + c.vocabularySize + 4)
        return 4 * (Double(c.layers) * perBlock + rest)
    }

    deinit { tokens.deallocate(); targets.deallocate(); positions.deallocate() }
}
