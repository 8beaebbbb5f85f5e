import Engine

/// A language model as a Spar value: `m.generate(...)`, `m.logprob(...)`, `m.fit(...)`, `m.save(path)`,
/// `m.snapshot()`, `m.params`, `m.config`.
///
/// Wraps an Engine `LanguageModel` (a `LlamaModel`, later remote models too) and reaches the
/// finer capabilities (scoring, training) by asking the model for them, so a model that lacks one
/// gives a clear error. Prints as `<model llama 2x128, 0.4M params, vocab 1024>`. The methods'
/// argument handling lives in ModelMethods.swift.
public final class ModelValue: NativeValue {
    public let model: any LanguageModel

    public init(_ model: any LanguageModel) { self.model = model }

    public var typeName: String { "model" }
    public var summary: String { model.summary }

    public var showText: String { ([summary] + model.details.map { "  " + $0 }).joined(separator: "\n") }

    /// The model as one that scores tokens, or an error naming what the caller wanted.
    func scoring(_ callee: String) throws -> any ScoringLanguageModel {
        guard let m = model as? any ScoringLanguageModel else {
            throw ScriptError("\(callee): \(model.summary) gives no token-level scores")
        }
        return m
    }

    /// The model as one with trainable parameters, or an error naming what the caller wanted.
    func trainable(_ callee: String) throws -> any TrainableLanguageModel {
        guard let m = model as? any TrainableLanguageModel else {
            throw ScriptError("\(callee): \(model.summary) cannot be trained or saved")
        }
        return m
    }

    /// The Llama model behind this value, for its shape (`m.config`, `m.params`).
    var llama: LlamaModel? { model as? LlamaModel }

    /// Help lines of the members, also registered as topics "model.generate", ... (`:help`).
    static let memberHelp: [(String, String)] = [
        ("generate", "m.generate(prompt or prompts, max_tokens: 64, temperature: 1, top_k: 0, top_p: 1, stop: [], seed: 0): completes a prompt (a record {text, tokens, logprobs, finish}) or a list of prompts (a list of records); temperature 0 is greedy"),
        ("logprob", "m.logprob(prompt, completion): the log-probability of the completion (a string, or token ids such as a generation's tokens) after the prompt, a number; per_token: true gives the list of per-token values"),
        ("fit", "m.fit(data, steps: 100, lr: 3e-3, batch: 8, warmup:, clip: 1, weight_decay: 0.1, length:, seed: 0, every:): trains on a list of texts, or on pairs ({prompt:, completion:} records or [prompt, completion] lists, loss on completions only); prints progress lines; returns the loss of every step"),
        ("save", "m.save(path): writes the model as safetensors, with its config and tokenizer in the metadata (to a temporary file, then renamed)"),
        ("snapshot", "m.snapshot(): a frozen copy sharing nothing with m (a reference model or a fixed opponent); it cannot be trained"),
        ("params", "m.params: the number of trainable parameters"),
        ("config", "m.config: a record of the shape: layers, width, heads, kv_heads, context, ffn, vocab, tied, rope_theta, norm_eps"),
        ("tokenizer", "m.tokenizer: the model's tokenizer"),
        ("frozen", "m.frozen: true for a snapshot"),
    ]

    public var memberNames: [String] { Self.memberHelp.map(\.0) }

    public func help(member: String) -> String? { Self.memberHelp.first { $0.0 == member }?.1 }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "params":
            guard let m = llama else { return .null }
            return .number(Double(m.parameterCount))
        case "config":
            guard let c = llama?.config else { return .null }
            return .record([("layers", .number(Double(c.layers))), ("width", .number(Double(c.width))),
                            ("heads", .number(Double(c.heads))), ("kv_heads", .number(Double(c.kvHeads))),
                            ("context", .number(Double(c.context))), ("ffn", .number(Double(c.ffnHidden))),
                            ("vocab", .number(Double(c.vocabularySize))), ("tied", .bool(c.tiedOutput)),
                            ("rope_theta", .number(c.ropeTheta)),
                            // Through its shortest decimal text, so 1e-5 shows as 1e-05, not 9.99999974e-06.
                            ("norm_eps", .number(Double(String(c.normEps)) ?? Double(c.normEps)))])
        case "tokenizer":
            guard let m = model as? any ScoringLanguageModel else { return .null }
            return .native(TokenizerValue(m.tokenizer))
        case "frozen": return .bool(model.isFrozen)
        default: return nil
        }
    }

    public func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "generate": return try generate(args)
        case "logprob": return try logprob(args)
        case "fit": return try fit(args)
        case "save":
            try args.expect(1)
            try trainable(args.callee).save(to: try args.string(0))
            return .null
        case "snapshot":
            try args.expect(0)
            return .native(ModelValue(try model.snapshotModel()))
        default: return nil
        }
    }

    /// A `true`/`false` argument.
    static func bool(_ v: Value, _ label: String, _ callee: String) throws -> Bool {
        guard case .bool(let b) = v else { throw ScriptError("\(callee): argument '\(label)' must be true or false, not \(v.typeName)") }
        return b
    }

    /// The `seed:` argument: a non-negative integer, 0 when absent.
    static func seed(_ args: Arguments) throws -> UInt64 {
        guard args["seed"] != nil else { return 0 }
        let s = try args.integer(Int.max, "seed")
        guard s >= 0 else { throw ScriptError("\(args.callee): argument 'seed' must be a non-negative integer, not \(s)") }
        return UInt64(s)
    }
}
