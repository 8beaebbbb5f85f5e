import Engine

extension Builtins {
    /// Installs the `model` namespace: `model.llama(tok, ...)` and `model.load(path)`, and the help
    /// topics of the model methods (`:help model.generate`).
    static func installModels() {
        let functions: [(name: String, help: String, body: (Arguments) throws -> Value)] = [
            ("llama", "model.llama(tok, layers: 2, width: 128, heads: 4, kv_heads: heads, context: 256, ffn: 8/3 width, vocab: tok.vocab, tied: true, seed: 0): a new Llama-style decoder for the tokenizer, with seeded random weights", { args in
                try args.expect(1, 1, labels: ["layers", "width", "heads", "kv_heads", "context", "ffn", "vocab", "tied", "rope_theta", "seed"])
                guard case .native(let t as TokenizerValue)? = args[0] else {
                    throw ScriptError("model.llama: argument 1 must be a tokenizer, not \(args[0]?.typeName ?? "nothing")")
                }
                let tok = t.tokenizer
                func int(_ label: String, _ fallback: Int) throws -> Int {
                    args[label] == nil ? fallback : try args.integer(Int.max, label)
                }
                let width = try int("width", 128), heads = try int("heads", 4)
                var config = LlamaConfig(vocabularySize: try int("vocab", tok.vocabularySize), context: try int("context", 256),
                                         layers: try int("layers", 2), width: width, heads: heads,
                                         kvHeads: try int("kv_heads", heads),
                                         ffnHidden: try int("ffn", LlamaConfig.defaultFFNHidden(width: width)))
                if let tied = args["tied"] { config.tiedOutput = try ModelValue.bool(tied, "tied", args.callee) }
                if args["rope_theta"] != nil { config.ropeTheta = try args.number(Int.max, "rope_theta") }
                let seed = try ModelValue.seed(args)
                return .native(ModelValue(try LlamaModel(config: config, tokenizer: tok, seed: seed)))
            }),
            ("load", "model.load(name or path): a fetched asset (\"smollm2\", after `spar fetch smollm2`), a GGUF file, a Hugging Face folder (config.json, model.safetensors, tokenizer.json) or a checkpoint saved with m.save", { args in
                try args.expect(1)
                return .native(ModelValue(try ModelLoading.load(try args.string(0), callee: args.callee)))
            }),
        ]
        let namespace = RecordObject()
        for f in functions {
            namespace.set(f.name, .builtin(Builtin(name: "model.\(f.name)", f.body)))
            registerHelp(topic: "model.\(f.name)", help: f.help)
        }
        register(name: "model", help: "model: language models: model.llama(tok, layers:, width:, heads:, context:, seed:), model.load(\"smollm2\" or path)",
                 value: .record(namespace))
        for (member, help) in ModelValue.memberHelp { registerHelp(topic: "model.\(member)", help: help) }
    }
}
