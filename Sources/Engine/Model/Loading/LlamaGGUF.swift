import CKernels

/// Loading a `LlamaModel` from a GGUF file of architecture `llama` (SmolLM2, TinyLlama, Llama 2 and
/// 3 shapes). The file is mapped, not read: quantized matrices stay in the mapping (frozen), while
/// norm gains and any F32/F16/BF16 matrices are converted into the model's flat Float32 buffer.
///
/// Names (GGUF → the Hugging Face names of `LlamaLayout`):
///
///     token_embd.weight                 model.embed_tokens.weight
///     blk.N.attn_norm.weight            model.layers.N.input_layernorm.weight
///     blk.N.attn_q / attn_k / attn_v / attn_output.weight   ...self_attn.{q,k,v,o}_proj.weight
///     blk.N.ffn_norm.weight             model.layers.N.post_attention_layernorm.weight
///     blk.N.ffn_gate / ffn_up / ffn_down.weight             ...mlp.{gate,up,down}_proj.weight
///     output_norm.weight                model.norm.weight
///     output.weight                     lm_head.weight (absent: the output is tied to the embedding)
///
/// llama.cpp's conversion permutes the rows of Q and K within each head so that rotary pairs are
/// adjacent, (2i, 2i+1), where Hugging Face rotates halves, (i, i + D/2). Loading undoes it (for
/// quantized matrices by copying their rows in the original order: whole rows move, no value
/// changes), so inside Spar every model has the Hugging Face layout and one rotary kernel.
public enum LlamaGGUF {
    /// Keys read, with llama.cpp's defaults where the file may omit them.
    struct Hyper {
        var layers = 0, width = 0, ffn = 0, heads = 0, kvHeads = 0, context = 0
        var ropeTheta = 10_000.0, eps: Float = 1e-5
    }

    /// Largest context a loaded model gets (rotary tables and position checks); real files declare
    /// up to 131072 positions, far beyond what this CPU generates.
    public static let maxContext = 32_768

    /// Loads `path`; `tokenizer` builds the tokenizer from the file's metadata.
    public static func load(path: String, tokenizer makeTokenizer: (GGUFFile) throws -> any Tokenizer) throws -> LlamaModel {
        let file = try GGUFFile(path: path)
        func bad(_ problem: String) -> EngineError { EngineError("load: \(path): \(problem)") }
        guard let arch = try file.string("general.architecture") else { throw bad("general.architecture is missing") }
        guard arch == "llama" else {
            throw bad("architecture \"\(arch)\" is not supported (Spar runs \"llama\": SmolLM2, TinyLlama, Llama 2 and 3 shapes)")
        }
        func need(_ key: String) throws -> Int {
            guard let v = try file.int(key) else { throw bad("\(key) is missing") }
            guard v >= 1 else { throw bad("\(key) is \(v)") }
            return v
        }
        var h = Hyper()
        h.layers = try need("llama.block_count")
        h.width = try need("llama.embedding_length")
        h.ffn = try need("llama.feed_forward_length")
        h.heads = try need("llama.attention.head_count")
        h.kvHeads = try file.int("llama.attention.head_count_kv") ?? h.heads
        h.context = try need("llama.context_length")
        h.ropeTheta = try file.double("llama.rope.freq_base") ?? 10_000
        h.eps = Float(try file.double("llama.attention.layer_norm_rms_epsilon") ?? 1e-5)
        if let experts = try file.int("llama.expert_count"), experts > 0 {
            throw bad("llama.expert_count is \(experts): mixture-of-experts models are not supported")
        }
        if let scaling = try file.string("llama.rope.scaling.type"), scaling != "none" {
            throw bad("llama.rope.scaling.type \"\(scaling)\" is not supported (plain rotary positions only)")
        }
        if file.tensor(named: "rope_freqs.weight") != nil {
            throw bad("rope_freqs.weight (Llama 3.1 rotary frequency factors) is not supported")
        }
        guard h.heads > 0, h.width % h.heads == 0 else { throw bad("llama.attention.head_count \(h.heads) does not divide the width \(h.width)") }
        if let rope = try file.int("llama.rope.dimension_count"), rope != h.width / h.heads {
            throw bad("llama.rope.dimension_count \(rope) differs from the head size \(h.width / h.heads); partial rotary positions are not supported")
        }
        guard let embd = file.tensor(named: "token_embd.weight") else { throw bad("tensor \"token_embd.weight\" is missing") }
        guard embd.dims.count == 2 else { throw bad("tensor \"token_embd.weight\" has dimensions \(embd.dims), expected [width, vocab]") }
        let tied = file.tensor(named: "output.weight") == nil
        var config = LlamaConfig(vocabularySize: embd.dims[1], context: Swift.min(h.context, maxContext), layers: h.layers,
                                 width: h.width, heads: h.heads, kvHeads: h.kvHeads, ffnHidden: h.ffn,
                                 ropeTheta: h.ropeTheta, normEps: h.eps, tiedOutput: tied)
        do { try config.validate() } catch let e as EngineError { throw bad(e.message) }
        config.tiedOutput = tied

        // Which GGUF tensor fills which layout tensor.
        var source: [String: String] = ["model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight"]
        if !tied { source["lm_head.weight"] = "output.weight" }
        let blockNames = [("input_layernorm", "attn_norm"), ("self_attn.q_proj", "attn_q"), ("self_attn.k_proj", "attn_k"),
                          ("self_attn.v_proj", "attn_v"), ("self_attn.o_proj", "attn_output"),
                          ("post_attention_layernorm", "ffn_norm"), ("mlp.gate_proj", "ffn_gate"),
                          ("mlp.up_proj", "ffn_up"), ("mlp.down_proj", "ffn_down")]
        for l in 0..<h.layers {
            for (hf, gg) in blockNames { source["model.layers.\(l).\(hf).weight"] = "blk.\(l).\(gg).weight" }
        }
        let used = Set(source.values)
        if let extra = file.tensors.first(where: { !used.contains($0.name) }) {
            throw bad("unexpected tensor \"\(extra.name)\" (not part of a llama model of this shape)")
        }
        // Matrices kept quantized are outside the flat buffer.
        let full = LlamaLayout(config)
        var external = Set<String>()
        for (name, shape) in full.tensors where shape.count == 2 {
            if let g = source[name], let t = file.tensor(named: g), t.type.isQuantized { external.insert(name) }
        }
        let layout = LlamaLayout(config, external: external)
        let weights = FloatBuffer(count: layout.count)
        var matrices: [String: WeightMatrix] = [:]
        for (name, shape) in layout.tensors {
            guard let g = source[name], let t = file.tensor(named: g) else { throw bad("tensor \"\(source[name] ?? name)\" is missing") }
            guard t.shape == shape else { throw bad("tensor \"\(g)\" has shape \(t.shape) (GGUF dimensions \(t.dims)), the config needs \(shape)") }
            let permutation = name.hasSuffix("q_proj.weight") ? rotaryOrder(rows: shape[0], heads: h.heads)
                : name.hasSuffix("k_proj.weight") ? rotaryOrder(rows: shape[0], heads: h.kvHeads) : nil
            if external.contains(name) {
                let q = QuantizedMatrix(type: t.type, rows: shape[0], cols: shape[1], data: file.data(of: t), owner: file)
                matrices[name] = .quantized(try permutation.map { try q.permutingRows($0) } ?? q)
                continue
            }
            guard let slot = layout.slot(named: name) else { throw bad("tensor \"\(g)\" has no place in the model") }
            let rows = shape.count == 2 ? shape[0] : 1, cols = shape.count == 2 ? shape[1] : shape[0]
            let rowBytes = t.type.rowBytes(cols) ?? 0
            let base = file.data(of: t)
            for r in 0..<rows {
                let from = permutation?[r] ?? r
                spar_dequantize_row(Int32(t.type.rawValue), base + from * rowBytes, weights[slot.offset + r * cols], cols)
            }
            let values = UnsafeBufferPointer(start: weights[slot.offset], count: slot.count)
            if let i = values.firstIndex(where: { !$0.isFinite }) {
                throw bad("tensor \"\(g)\" holds \(values[i]) at element \(i)")
            }
        }
        let tokenizer = try makeTokenizer(file)
        try LlamaModel.check(config, tokenizer, source: "load: \(path)")
        return try LlamaModel(config: config, tokenizer: tokenizer, layout: layout, weights: weights, external: matrices,
                              frozen: false, source: path)
    }

    /// Row order that undoes llama.cpp's rotary permutation of a Q or K matrix of `heads` heads:
    /// Hugging Face row h D + a D/2 + i is GGUF row h D + 2 i + a (a in {0, 1}, i < D/2).
    static func rotaryOrder(rows: Int, heads: Int) -> [Int] {
        let d = rows / heads, half = d / 2
        var order = [Int](repeating: 0, count: rows)
        for hd in 0..<heads {
            for a in 0..<2 { for i in 0..<half { order[hd * d + a * half + i] = hd * d + 2 * i + a } }
        }
        return order
    }

    /// The inverse permutation, Hugging Face order to GGUF order (for writing GGUF files).
    static func ggufOrder(rows: Int, heads: Int) -> [Int] {
        let forward = rotaryOrder(rows: rows, heads: heads)
        var inverse = [Int](repeating: 0, count: rows)
        for (hf, gg) in forward.enumerated() { inverse[gg] = hf }
        return inverse
    }
}
