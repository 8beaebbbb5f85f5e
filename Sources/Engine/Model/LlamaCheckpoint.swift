/// Checkpoints: one safetensors file holding every weight under its Hugging Face Llama name
/// (`LlamaLayout`), with the model config and the tokenizer in the "__metadata__" strings:
///
///     "format": "pt"                  (what Hugging Face loaders expect)
///     "spar.model": "llama"
///     "spar.config": LlamaConfig.json()          e.g. {"context":256,"ffnHidden":384,...}
///     "spar.tokenizer": Tokenizer.serialized()   (docs/TOKENIZERS.md)
///
/// Loading checks every name, shape and value before building the model, and names the file in
/// every error. Written atomically (temporary file, then rename), like every Spar file that holds work.
extension LlamaModel {
    public static let modelKind = "llama"

    /// Writes the model to `path`.
    public func save(to path: String) throws {
        guard layout.isDense else {
            throw EngineError("save: \(path): this model's base weights are quantized (\(weightTypes)); only Float32 models are saved as checkpoints")
        }
        let tensors = try layout.slots.map { slot in
            (name: slot.name, tensor: try Tensor(shape: slot.shape, scalars: weights.array(offset: slot.offset, length: slot.count)))
        }
        let metadata = ["format": "pt", "spar.model": Self.modelKind, "spar.config": config.json(),
                        TokenizerFile.metadataKey: tokenizer.serialized()]
        try SafeTensors.save(tensors, metadata: metadata, to: path)
    }

    /// Reads a model written by `save`.
    public static func load(path: String) throws -> LlamaModel {
        if let wrong = FileKind.refuse(path: path, function: "model.load", expecting: "a model file",
                                       accepting: [.sparModel, .safetensors]) { throw wrong }
        let contents = try SafeTensors.load(path)
        func bad(_ problem: String) -> EngineError { EngineError("load: \(path) is not a Spar model checkpoint: \(problem)") }
        guard let kind = contents.metadata["spar.model"] else { throw bad("its metadata has no \"spar.model\" entry") }
        guard kind == modelKind else { throw bad("model kind \"\(kind)\" is not supported (only \"\(modelKind)\")") }
        guard let configJSON = contents.metadata["spar.config"] else { throw bad("its metadata has no \"spar.config\" entry") }
        let config = try LlamaConfig.decode(json: configJSON, source: path)
        guard let tokenizerJSON = contents.metadata[TokenizerFile.metadataKey] else {
            throw bad("its metadata has no \"\(TokenizerFile.metadataKey)\" entry")
        }
        let tokenizer = try TokenizerFile.decode(tokenizerJSON, source: "load: \(path): tokenizer metadata")
        try check(config, tokenizer, source: "load: \(path)")
        let layout = LlamaLayout(config)
        let weights = FloatBuffer(count: layout.count)
        var byName: [String: Tensor] = [:]
        for (name, t) in contents.tensors { byName[name] = t }
        for slot in layout.slots {
            guard let t = byName.removeValue(forKey: slot.name) else { throw bad("tensor \"\(slot.name)\" is missing") }
            guard t.shape == slot.shape else {
                throw bad("tensor \"\(slot.name)\" has shape \(t.shape), the config needs \(slot.shape)")
            }
            if let i = t.scalars.firstIndex(where: { !$0.isFinite }) {
                throw bad("tensor \"\(slot.name)\" holds \(t.scalars[i]) at element \(i)")
            }
            t.scalars.withUnsafeBufferPointer { src in
                if let base = src.baseAddress { weights[slot.offset].update(from: base, count: slot.count) }
            }
        }
        if let extra = byName.keys.sorted().first {
            throw bad("unexpected tensor \"\(extra)\" (\(byName.count) tensor(s) not part of the config)")
        }
        return try LlamaModel(config: config, tokenizer: tokenizer, layout: layout, weights: weights, external: [:],
                              frozen: false, source: path)
    }
}
