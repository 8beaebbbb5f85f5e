import Engine

extension Builtins {
    /// Installs the `tokenizer` namespace: `tokenizer.bytes()`, `tokenizer.bpe(texts, vocab:)`,
    /// `tokenizer.load(path)`, and the help topics of the tokenizer methods.
    static func installTokenizers() {
        let functions: [(name: String, help: String, body: (Arguments) throws -> Value)] = [
            ("bytes", "tokenizer.bytes(): the byte-level tokenizer: 256 byte tokens plus the special tokens (vocab 266)", { args in
                try args.expect(0)
                return .native(TokenizerValue(ByteTokenizer()))
            }),
            ("bpe", "tokenizer.bpe(texts, vocab: 1024): a byte-level BPE tokenizer trained on a list of strings (or one string); stops early if no pair is left to merge", { args in
                try args.expect(1, 1, labels: ["vocab"])
                let texts = try trainingTexts(args)
                let vocab = args["vocab"] == nil ? 1024 : try args.integer(1, "vocab")
                return .native(TokenizerValue(try BPETokenizer.train(texts: texts, vocabularySize: vocab)))
            }),
            ("load", "tokenizer.load(path): reads a tokenizer saved with tok.save(path), or a Hugging Face tokenizer.json (with the tokenizer_config.json beside it) or a folder holding one", { args in
                try args.expect(1)
                return .native(TokenizerValue(try TokenizerFile.load(path: try args.string(0))))
            }),
        ]
        let namespace = RecordObject()
        for f in functions {
            namespace.set(f.name, .builtin(Builtin(name: "tokenizer.\(f.name)", f.body)))
            registerHelp(topic: "tokenizer.\(f.name)", help: f.help)
        }
        register(name: "tokenizer", help: "tokenizer: makes tokenizers: tokenizer.bytes(), tokenizer.bpe(texts, vocab: 1024), tokenizer.load(path)",
                 value: .record(namespace))
        for (member, help) in TokenizerValue.memberHelp { registerHelp(topic: "tokenizer.\(member)", help: help) }
    }

    /// The training texts of `tokenizer.bpe`: a list of strings, or one string.
    private static func trainingTexts(_ args: Arguments) throws -> [String] {
        switch args[0] {
        case .string(let s)?: return [s]
        case .list(let l)?:
            return try l.items.enumerated().map { i, item in
                guard case .string(let s) = item else {
                    throw ScriptError("\(args.callee): item \(i) of the texts must be a string, not \(item.typeName)")
                }
                return s
            }
        case let v?: throw ScriptError("\(args.callee): texts must be a list of strings, not \(v.typeName)")
        case nil: throw ScriptError("\(args.callee): missing argument 1")
        }
    }
}
