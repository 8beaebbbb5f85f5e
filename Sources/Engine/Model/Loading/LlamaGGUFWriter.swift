/// Writing a `LlamaModel`'s weights as a GGUF file of architecture `llama`, matrices in a chosen
/// type (norm gains stay F32), with the Q/K rows permuted the way llama.cpp's conversion does: the
/// inverse of `LlamaGGUF.load`. Tests build quantized models with it; no tokenizer metadata is
/// written (`extraMetadata` can add it).
extension LlamaGGUF {
    public static func writer(for model: LlamaModel, matrixType: (String) -> GGMLType,
                              extraMetadata: [(key: String, value: GGUFValue)] = []) throws -> GGUFWriter {
        let c = model.config
        var w = GGUFWriter()
        w.metadata = [
            ("general.architecture", .string("llama")),
            ("llama.block_count", .int(Int64(c.layers))),
            ("llama.embedding_length", .int(Int64(c.width))),
            ("llama.feed_forward_length", .int(Int64(c.ffnHidden))),
            ("llama.attention.head_count", .int(Int64(c.heads))),
            ("llama.attention.head_count_kv", .int(Int64(c.kvHeads))),
            ("llama.context_length", .int(Int64(c.context))),
            ("llama.rope.freq_base", .float(c.ropeTheta)),
            ("llama.attention.layer_norm_rms_epsilon", .float(Double(c.normEps))),
            ("llama.rope.dimension_count", .int(Int64(c.headSize))),
        ] + extraMetadata
        var names: [String: String] = ["model.embed_tokens.weight": "token_embd.weight", "model.norm.weight": "output_norm.weight",
                                       "lm_head.weight": "output.weight"]
        let blockNames = [("input_layernorm", "attn_norm"), ("self_attn.q_proj", "attn_q"), ("self_attn.k_proj", "attn_k"),
                          ("self_attn.v_proj", "attn_v"), ("self_attn.o_proj", "attn_output"),
                          ("post_attention_layernorm", "ffn_norm"), ("mlp.gate_proj", "ffn_gate"),
                          ("mlp.up_proj", "ffn_up"), ("mlp.down_proj", "ffn_down")]
        for l in 0..<c.layers { for (hf, gg) in blockNames { names["model.layers.\(l).\(hf).weight"] = "blk.\(l).\(gg).weight" } }
        for (name, shape) in model.layout.tensors {
            guard let g = names[name] else { throw EngineError("gguf writer: no GGUF name for \(name)") }
            var values = try model.floatValues(of: name)
            if shape.count == 2 {
                let order = name.hasSuffix("q_proj.weight") ? ggufOrder(rows: shape[0], heads: c.heads)
                    : name.hasSuffix("k_proj.weight") ? ggufOrder(rows: shape[0], heads: c.kvHeads) : nil
                if let order {
                    let cols = shape[1], src = values
                    for (r, from) in order.enumerated() { values.replaceSubrange((r * cols)..<((r + 1) * cols), with: src[(from * cols)..<((from + 1) * cols)]) }
                }
            }
            let type = shape.count == 2 ? matrixType(name) : .f32
            w.tensors.append(.init(name: g, dims: shape.reversed(), type: type, bytes: try Quantize.bytes(type, values)))
        }
        return w
    }
}

extension LlamaModel {
    /// The values of any weight tensor as Float32, row-major (quantized matrices dequantized).
    public func floatValues(of name: String) throws -> [Float] {
        if let slot = layout.slot(named: name) { return weights.array(offset: slot.offset, length: slot.count) }
        guard let m = externalMatrices[name] else { throw EngineError("model: no weight named \"\(name)\"") }
        switch m {
        case .quantized(let q): return q.dequantized()
        case .dense(let p):
            let count = layout.tensors.first { $0.name == name }.map { $0.shape.reduce(1, *) } ?? 0
            return Array(UnsafeBufferPointer(start: p, count: count))
        }
    }

    /// A trainable Float32 copy: every quantized matrix dequantized into one flat buffer. (The
    /// dequantized values are exactly what the quantized model computes with.)
    public func dequantizedCopy() throws -> LlamaModel {
        let dense = LlamaLayout(config)
        let buffer = FloatBuffer(count: dense.count)
        for slot in dense.slots {
            let values = try floatValues(of: slot.name)
            values.withUnsafeBufferPointer { if let b = $0.baseAddress { buffer[slot.offset].update(from: b, count: slot.count) } }
        }
        return try LlamaModel(config: config, tokenizer: tokenizer, layout: dense, weights: buffer, external: [:],
                              frozen: false, source: "\(source) (dequantized to F32)")
    }
}
