import Foundation

/// Loading a `LlamaModel` from a Hugging Face folder of the llama family: `config.json`
/// (`model_type` "llama"), the weights in `model.safetensors` (or shards listed by
/// `model.safetensors.index.json`) in F32, F16 or BF16, and `tokenizer.json` (with
/// `tokenizer_config.json`). Tensor names are already Spar's (`LlamaLayout`), and the rotary layout
/// is Hugging Face's, so weights are copied as they are, converted to Float32: the model is trainable.
public enum LlamaHuggingFace {
    /// config.json files larger than this are refused before reading.
    static let maxConfigBytes = 1 << 20

    public static func load(folder: String) throws -> LlamaModel {
        func bad(_ problem: String) -> EngineError { EngineError("load: \(folder): \(problem)") }
        let configPath = (folder as NSString).appendingPathComponent("config.json")
        let config = try readConfig(configPath)
        let tokenizer = try HuggingFaceTokenizer.load(path: folder)
        try LlamaModel.check(config, tokenizer, source: "load: \(folder)")
        let layout = LlamaLayout(config)
        let weights = FloatBuffer(count: layout.count)
        var filled = Set<String>()
        for file in try weightFiles(folder) {
            let contents = try SafeTensors.load(file)
            for (name, t) in contents.tensors {
                // Buffers some exports keep beside the weights (recomputed by Spar).
                if name.hasSuffix("rotary_emb.inv_freq") { continue }
                guard let slot = layout.slot(named: name) else {
                    throw bad("unexpected tensor \"\(name)\" in \(file) (not part of a llama model of this config)")
                }
                guard t.shape == slot.shape else {
                    throw bad("tensor \"\(name)\" in \(file) has shape \(t.shape), the config needs \(slot.shape)")
                }
                if let i = t.scalars.firstIndex(where: { !$0.isFinite }) {
                    throw bad("tensor \"\(name)\" in \(file) holds \(t.scalars[i]) at element \(i)")
                }
                t.scalars.withUnsafeBufferPointer { if let b = $0.baseAddress { weights[slot.offset].update(from: b, count: slot.count) } }
                filled.insert(name)
            }
        }
        if let missing = layout.slots.first(where: { !filled.contains($0.name) }) {
            throw bad("tensor \"\(missing.name)\" is missing")
        }
        return try LlamaModel(config: config, tokenizer: tokenizer, layout: layout, weights: weights, external: [:],
                              frozen: false, source: folder)
    }

    /// The safetensors files of the folder: the shards of the index, or model.safetensors.
    static func weightFiles(_ folder: String) throws -> [String] {
        let index = (folder as NSString).appendingPathComponent("model.safetensors.index.json")
        if FileManager.default.fileExists(atPath: index) {
            let root = try readJSON(index, limit: 64 << 20)
            guard let map = root["weight_map"] as? [String: Any] else {
                throw EngineError("load: \(index): \"weight_map\" is missing or not an object")
            }
            let files = Set(map.values.compactMap { $0 as? String })
            guard !files.isEmpty else { throw EngineError("load: \(index): \"weight_map\" names no files") }
            for f in files where f.contains("/") || f.hasPrefix(".") {
                throw EngineError("load: \(index): shard name \"\(f)\" must be a file in the folder")
            }
            return files.sorted().map { (folder as NSString).appendingPathComponent($0) }
        }
        let single = (folder as NSString).appendingPathComponent("model.safetensors")
        guard FileManager.default.fileExists(atPath: single) else {
            throw EngineError("load: \(folder): no model.safetensors (nor model.safetensors.index.json) in the folder")
        }
        return [single]
    }

    static func readJSON(_ path: String, limit: Int) throws -> [String: Any] {
        let data = try TokenizerFile.readBounded(path, limit: limit, what: "file")
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw EngineError("load: \(path): not a JSON object")
        }
        return root
    }

    /// The model config of a config.json; unsupported variants are errors naming the field.
    static func readConfig(_ path: String) throws -> LlamaConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            throw EngineError("load: \((path as NSString).deletingLastPathComponent): no config.json in the folder")
        }
        let root = try readJSON(path, limit: maxConfigBytes)
        func bad(_ problem: String) -> EngineError { EngineError("load: \(path): \(problem)") }
        let type = root["model_type"] as? String ?? "?"
        guard type == "llama" else {
            throw bad("model_type \"\(type)\" is not supported (Spar runs \"llama\": SmolLM2, TinyLlama, Llama 2 and 3 shapes)")
        }
        func int(_ key: String, _ fallback: Int? = nil) throws -> Int {
            if let n = root[key] as? NSNumber, String(cString: n.objCType) != "c", let v = Int(exactly: n.doubleValue) { return v }
            if root[key] == nil || root[key] is NSNull, let fallback { return fallback }
            throw bad("\(key) must be an integer")
        }
        func number(_ key: String, _ fallback: Double) throws -> Double {
            if root[key] == nil || root[key] is NSNull { return fallback }
            guard let n = root[key] as? NSNumber, String(cString: n.objCType) != "c" else { throw bad("\(key) must be a number") }
            return n.doubleValue
        }
        if let scaling = root["rope_scaling"], !(scaling is NSNull) { throw bad("rope_scaling is not supported (plain rotary positions only)") }
        // transformers 5 writes rope_parameters {rope_theta, rope_type} instead of rope_theta.
        var theta = try number("rope_theta", 10_000)
        if let rope = root["rope_parameters"] as? [String: Any] {
            let kind = rope["rope_type"] as? String ?? "default"
            guard kind == "default" else { throw bad("rope_parameters.rope_type \"\(kind)\" is not supported (plain rotary positions only)") }
            if let t = rope["rope_theta"] as? NSNumber { theta = t.doubleValue }
        }
        for key in ["attention_bias", "mlp_bias"] where (root[key] as? Bool) == true { throw bad("\(key) true is not supported") }
        if let act = root["hidden_act"] as? String, act != "silu" { throw bad("hidden_act \"\(act)\" is not supported (silu only)") }
        let width = try int("hidden_size"), heads = try int("num_attention_heads")
        if root["head_dim"] != nil, !(root["head_dim"] is NSNull), heads > 0, try int("head_dim") != width / heads {
            throw bad("head_dim differs from hidden_size / num_attention_heads")
        }
        var config = LlamaConfig(vocabularySize: try int("vocab_size"),
                                 context: Swift.min(try int("max_position_embeddings", 2048), LlamaGGUF.maxContext),
                                 layers: try int("num_hidden_layers"), width: width, heads: heads,
                                 kvHeads: try int("num_key_value_heads", heads), ffnHidden: try int("intermediate_size"),
                                 ropeTheta: theta, normEps: Float(try number("rms_norm_eps", 1e-6)))
        config.tiedOutput = (root["tie_word_embeddings"] as? Bool) ?? false
        do { try config.validate() } catch let e as EngineError { throw bad(e.message) }
        return config
    }
}
