/// Where each weight matrix of a Llama model lives inside its one flat parameter buffer.
///
/// One flat buffer lets the optimizer, gradient clipping, zeroing and snapshots each be one loop.
/// Matrices are row-major `[out, in]` as in PyTorch's `nn.Linear` (y = x W^T), and are named as in
/// Hugging Face Llama checkpoints, so those names are the safetensors keys:
///
///     model.embed_tokens.weight                      [vocab, width]
///     model.layers.{i}.input_layernorm.weight        [width]
///     model.layers.{i}.self_attn.q_proj.weight       [heads*head, width]
///     model.layers.{i}.self_attn.k_proj.weight       [kv_heads*head, width]
///     model.layers.{i}.self_attn.v_proj.weight       [kv_heads*head, width]
///     model.layers.{i}.self_attn.o_proj.weight       [width, heads*head]
///     model.layers.{i}.post_attention_layernorm.weight [width]
///     model.layers.{i}.mlp.gate_proj.weight          [ffn, width]
///     model.layers.{i}.mlp.up_proj.weight            [ffn, width]
///     model.layers.{i}.mlp.down_proj.weight          [width, ffn]
///     model.norm.weight                              [width]
///     lm_head.weight                                 [vocab, width]   (absent when tied)
public struct LlamaLayout: Sendable {
    /// One named tensor: its shape and its offset in the flat buffer.
    public struct Slot: Sendable {
        public let name: String
        public let shape: [Int]
        public let offset: Int
        public var count: Int { shape.reduce(1, *) }
        /// Whether weight decay applies (matrices yes; norm gains no, as in nanoGPT).
        public var decays: Bool { shape.count == 2 }
    }

    /// Offsets of one decoder block's weights.
    public struct Block: Sendable {
        public let attnNorm: Int, wq: Int, wk: Int, wv: Int, wo: Int
        public let ffnNorm: Int, gate: Int, up: Int, down: Int
    }

    public let slots: [Slot]
    public let embedding: Int
    public let blocks: [Block]
    public let finalNorm: Int
    /// Offset of the output matrix: the embedding's when the output is tied.
    public let output: Int
    /// Total floats.
    public let count: Int

    public init(_ c: LlamaConfig) {
        var slots: [Slot] = []
        var next = 0
        func add(_ name: String, _ shape: [Int]) -> Int {
            slots.append(Slot(name: name, shape: shape, offset: next))
            defer { next += shape.reduce(1, *) }
            return next
        }
        embedding = add("model.embed_tokens.weight", [c.vocabularySize, c.width])
        var blocks: [Block] = []
        for i in 0..<c.layers {
            let p = "model.layers.\(i)."
            let attnNorm = add(p + "input_layernorm.weight", [c.width])
            let wq = add(p + "self_attn.q_proj.weight", [c.queryWidth, c.width])
            let wk = add(p + "self_attn.k_proj.weight", [c.keyValueWidth, c.width])
            let wv = add(p + "self_attn.v_proj.weight", [c.keyValueWidth, c.width])
            let wo = add(p + "self_attn.o_proj.weight", [c.width, c.queryWidth])
            let ffnNorm = add(p + "post_attention_layernorm.weight", [c.width])
            let gate = add(p + "mlp.gate_proj.weight", [c.ffnHidden, c.width])
            let up = add(p + "mlp.up_proj.weight", [c.ffnHidden, c.width])
            let down = add(p + "mlp.down_proj.weight", [c.width, c.ffnHidden])
            blocks.append(Block(attnNorm: attnNorm, wq: wq, wk: wk, wv: wv, wo: wo,
                                ffnNorm: ffnNorm, gate: gate, up: up, down: down))
        }
        self.blocks = blocks
        finalNorm = add("model.norm.weight", [c.width])
        output = c.tiedOutput ? embedding : add("lm_head.weight", [c.vocabularySize, c.width])
        self.slots = slots
        count = next
    }
}
