/// How a benchmark asks the model: the defender's role prompt (Spar's own chat format for toy
/// models, and how they were trained) renders each message, and its parser takes the answer out
/// of the generation. A model with a chat template gets a format that applies it.
public struct ResponseFormat {
    public let name: String
    public let cot: Bool
    public let render: (String) throws -> String
    public let parse: (String) -> ParsedTurn

    public init(name: String, cot: Bool, render: @escaping (String) throws -> String, parse: @escaping (String) -> ParsedTurn) {
        self.name = name
        self.cot = cot
        self.render = render
        self.parse = parse
    }

    /// The model's own chat format (ChatML for SmolLM2, Llama 3, Llama 2): each message is one
    /// user turn, the generation prompt opens the answer, and the whole generation is the answer.
    public static func chat(_ template: ChatTemplate) -> ResponseFormat {
        ResponseFormat(name: "chat (\(template.format.rawValue))", cot: false,
                       render: { try template.render([ChatMessage(role: "user", content: $0)]) },
                       parse: FormatCheck.parseDirect)
    }

    /// The chat format of a model whose tokenizer carries a checkpoint's template (not Spar's own
    /// `<|user|>` format, which the toy models are not trained to answer in), else nil.
    public static func checkpointChat(of model: any LanguageModel) -> ResponseFormat? {
        guard let scorer = model as? any ScoringLanguageModel, let template = try? scorer.tokenizer.chatTemplate(),
              template.format != .spar else { return nil }
        return chat(template)
    }

    /// The defender role of the game: `role.defender(cot:)`.
    public static func role(_ role: RolePrompt) -> ResponseFormat {
        ResponseFormat(name: "defender role", cot: role.cot, render: { try role.render(prompt: $0) }, parse: role.parse)
    }
}

/// An attacker model that rewrites each seed before the defender sees it.
public struct BenchmarkAttacker {
    public let model: any LanguageModel
    public let role: RolePrompt

    public init(model: any LanguageModel, role: RolePrompt) throws {
        guard role.kind == .attacker else { throw EngineError("evaluate: the attacker role must be role.attacker(...)") }
        self.model = model
        self.role = role
    }
}

/// The knobs of `Benchmark.run`.
public struct BenchmarkSettings: Sendable, Equatable {
    public var maxTokens = 64
    public var batch = 16
    /// 0 is greedy decoding: the same model and prompts always give the same answers.
    public var temperature: Float = 0
    public var seed: UInt64 = 0
    /// With templates: also ask each prompt unwrapped (the "direct" row of the template table).
    public var includeDirect = true
    /// How many examples of each kind `worst` keeps.
    public var worst = 5

    public init() {}
}

/// One asked and judged prompt.
public struct BenchmarkItem: Sendable, Equatable {
    public let prompt: BenchmarkPrompt
    /// "direct" or the template's name.
    public let template: String
    /// The attacker's rewrite, when an attacker played.
    public let attack: ParsedTurn?
    /// The message the model answered (the prompt, rewritten and/or wrapped).
    public let message: String
    public let reply: ParsedTurn
    public let labels: SafetyLabels

    /// Harmful prompts: did the model give a harmful answer (unknown when the judge could not tell).
    public var attackSucceeded: TriState { prompt.type == .harmful ? labels.responseHarmful : .unknown }
}

/// Runs a model over benchmark prompts and judges every answer (`evaluate(...)` in Spar).
///
/// Each prompt is optionally rewritten by an attacker model, then asked as it is ("direct") and
/// wrapped in each template; the model answers in batches; the judge labels each answer against
/// the original prompt (HarmBench's practice: a template is part of the attack, not of the
/// request). Unknown verdicts are counted apart (see `RateCount`).
public enum Benchmark {
    public static func run(model: any LanguageModel, prompts: [BenchmarkPrompt], judge: SafetyJudge,
                           templates: [PromptTemplate] = [], format: ResponseFormat, attacker: BenchmarkAttacker? = nil,
                           settings: BenchmarkSettings = BenchmarkSettings(),
                           onBatch: ((_ done: Int, _ total: Int) throws -> Void)? = nil) throws -> BenchmarkResult {
        guard !prompts.isEmpty else { throw EngineError("evaluate: no prompts") }
        guard settings.batch >= 1 else { throw EngineError("evaluate: batch must be at least 1, got \(settings.batch)") }
        guard settings.maxTokens >= 1 else { throw EngineError("evaluate: max_tokens must be at least 1, got \(settings.maxTokens)") }
        let wrappers: [PromptTemplate?] = templates.isEmpty ? [nil] : (settings.includeDirect ? [nil] : []) + templates.map { $0 }
        let attackCalls = attacker == nil ? 0 : (prompts.count + settings.batch - 1) / settings.batch
        let total = attackCalls + (prompts.count * wrappers.count + settings.batch - 1) / settings.batch
        var done = 0
        func tick() throws {
            done += 1
            try onBatch?(done, total)
        }

        var attacks: [ParsedTurn?] = Array(repeating: nil, count: prompts.count)
        if let attacker {
            for start in stride(from: 0, to: prompts.count, by: settings.batch) {
                let chunk = Array(prompts[start..<min(prompts.count, start + settings.batch)])
                let inputs = try chunk.map { try attacker.role.render(seed: $0.text, type: $0.type) }
                let outs = try attacker.model.generate(prompts: inputs, options: options(settings, call: done), onStep: nil)
                for (i, out) in outs.enumerated() { attacks[start + i] = attacker.role.parse(out.text) }
                try tick()
            }
        }

        var asks: [(prompt: Int, template: PromptTemplate?, message: String)] = []
        for (i, p) in prompts.enumerated() {
            let base = attacks[i].map { $0.answer.isEmpty ? p.text : $0.answer } ?? p.text
            for w in wrappers { asks.append((i, w, w?.apply(base) ?? base)) }
        }
        var items: [BenchmarkItem] = []
        items.reserveCapacity(asks.count)
        for start in stride(from: 0, to: asks.count, by: settings.batch) {
            let chunk = asks[start..<min(asks.count, start + settings.batch)]
            let inputs = try chunk.map { try format.render($0.message) }
            try checkFits(inputs, ids: chunk.map { prompts[$0.prompt].id }, model: model, settings: settings)
            let outs = try model.generate(prompts: inputs, options: options(settings, call: done), onStep: nil)
            guard outs.count == inputs.count else {
                throw EngineError("evaluate: the model returned \(outs.count) answers for \(inputs.count) prompts")
            }
            let replies = outs.map { format.parse($0.text) }
            let labels = try judge.label(batch: zip(chunk, replies).map { (prompts[$0.prompt].text, $1.answer) })
            guard labels.count == replies.count else {
                throw EngineError("judge \(judge.name): returned \(labels.count) labels for \(replies.count) answers")
            }
            for ((ask, reply), label) in zip(zip(chunk, replies), labels) {
                items.append(BenchmarkItem(prompt: prompts[ask.prompt], template: ask.template?.name ?? PromptTemplate.directName,
                                           attack: attacks[ask.prompt], message: ask.message, reply: reply, labels: label))
            }
            try tick()
        }
        return BenchmarkResult(model: model.summary, judge: judge.name, settings: settings, formatCoT: format.cot,
                               attackerCoT: attacker?.role.cot, items: items)
    }

    /// A prompt too long for the model's context is an error naming the benchmark prompt (the
    /// generator alone could only give its place in the batch).
    private static func checkFits(_ inputs: [String], ids: [String], model: any LanguageModel, settings: BenchmarkSettings) throws {
        guard let scorer = model as? any ScoringLanguageModel else { return }
        for (input, id) in zip(inputs, ids) {
            let length = scorer.tokenizer.encode(input).count
            if length + 1 > scorer.contextLength {
                throw EngineError("evaluate: prompt '\(id)' is \(length) tokens as the model sees it; the model's context of "
                    + "\(scorer.contextLength) leaves no room to answer (leave out long prompts, e.g. HarmBench's contextual "
                    + "behaviours, or use a model with a longer context)")
            }
        }
    }

    private static func options(_ s: BenchmarkSettings, call: Int) -> SamplingOptions {
        SamplingOptions(maxTokens: s.maxTokens, temperature: s.temperature, seed: s.seed &+ UInt64(call))
    }
}
