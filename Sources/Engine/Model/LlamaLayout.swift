/// Where each weight of a Llama model lives: its slot in the one flat Float32 parameter buffer, or
/// (for a matrix kept quantized, frozen, mapped from a GGUF file) outside it, by name.
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
///
/// Norm gains are always in the flat buffer; a matrix is outside it when its name is in `external`.
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

    /// Where one matrix is: at an offset of the flat buffer, or outside it under its name.
    public enum MatrixRef: Sendable, Equatable {
        case flat(Int)
        case external(String)

        /// The flat-buffer offset, nil for an external matrix.
        public var offset: Int? { if case .flat(let o) = self { return o } else { return nil } }
    }

    /// Offsets of one decoder block's norm gains and places of its matrices.
    public struct Block: Sendable {
        public let attnNorm: Int, ffnNorm: Int
        public let wq: MatrixRef, wk: MatrixRef, wv: MatrixRef, wo: MatrixRef
        public let gate: MatrixRef, up: MatrixRef, down: MatrixRef

        /// The seven matrices in checkpoint order.
        public var matrices: [MatrixRef] { [wq, wk, wv, wo, gate, up, down] }
    }

    /// The tensors in the flat buffer, in order.
    public let slots: [Slot]
    /// Every tensor of the architecture (flat or external): name and shape, in checkpoint order.
    public let tensors: [(name: String, shape: [Int])]
    public let embedding: MatrixRef
    public let blocks: [Block]
    public let finalNorm: Int
    /// The output matrix: the embedding's place when the output is tied.
    public let output: MatrixRef
    /// Total floats of the flat buffer.
    public let count: Int
    /// Whether every matrix is in the flat buffer (what the backward pass of full training needs).
    public var isDense: Bool { tensors.count == slots.count }

    public init(_ c: LlamaConfig, external: Set<String> = []) {
        var slots: [Slot] = [], tensors: [(String, [Int])] = []
        var next = 0
        func gain(_ name: String, _ shape: [Int]) -> Int {
            tensors.append((name, shape))
            slots.append(Slot(name: name, shape: shape, offset: next))
            defer { next += shape.reduce(1, *) }
            return next
        }
        func matrix(_ name: String, _ shape: [Int]) -> MatrixRef {
            if external.contains(name) { tensors.append((name, shape)); return .external(name) }
            return .flat(gain(name, shape))
        }
        embedding = matrix("model.embed_tokens.weight", [c.vocabularySize, c.width])
        var blocks: [Block] = []
        for i in 0..<c.layers {
            let p = "model.layers.\(i)."
            let attnNorm = gain(p + "input_layernorm.weight", [c.width])
            let wq = matrix(p + "self_attn.q_proj.weight", [c.queryWidth, c.width])
            let wk = matrix(p + "self_attn.k_proj.weight", [c.keyValueWidth, c.width])
            let wv = matrix(p + "self_attn.v_proj.weight", [c.keyValueWidth, c.width])
            let wo = matrix(p + "self_attn.o_proj.weight", [c.width, c.queryWidth])
            let ffnNorm = gain(p + "post_attention_layernorm.weight", [c.width])
            let gate = matrix(p + "mlp.gate_proj.weight", [c.ffnHidden, c.width])
            let up = matrix(p + "mlp.up_proj.weight", [c.ffnHidden, c.width])
            let down = matrix(p + "mlp.down_proj.weight", [c.width, c.ffnHidden])
            blocks.append(Block(attnNorm: attnNorm, ffnNorm: ffnNorm, wq: wq, wk: wk, wv: wv, wo: wo,
                                gate: gate, up: up, down: down))
        }
        self.blocks = blocks
        finalNorm = gain("model.norm.weight", [c.width])
        output = c.tiedOutput ? embedding : matrix("lm_head.weight", [c.vocabularySize, c.width])
        self.slots = slots
        self.tensors = tensors
        count = next
    }

    /// The flat slot called `name`, if it is in the flat buffer.
    public func slot(named name: String) -> Slot? { slots.first { $0.name == name } }
}
