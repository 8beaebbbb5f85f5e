import Engine

/// The tabular policy of the engine as a Spar value: a tiny, exact policy over a handful of text
/// pieces, for trying the game and its schedules in seconds (`policy.tabular(pieces, contexts:)`).
/// The context of a prompt is 1 + the index of the first keyword it contains, or 0.
final class TabularPolicyValue: SelfPlayPolicyProvider {
    let policy: TabularPolicy
    let keywords: [String]

    init(_ policy: TabularPolicy, keywords: [String]) {
        self.policy = policy
        self.keywords = keywords
    }

    /// Builds one from `policy.tabular(pieces, contexts: [keywords], init: 0, seed: 0)`.
    static func make(_ args: Arguments) throws -> TabularPolicyValue {
        try args.expect(1, 1, labels: ["contexts", "init", "seed"])
        let pieces = try args.list(0).items.enumerated().map { i, v -> String in
            guard case .string(let s) = v, !s.isEmpty else { throw ScriptError("policy.tabular: piece \(i + 1) must be a non-empty string") }
            return s
        }
        guard !pieces.isEmpty else { throw ScriptError("policy.tabular: needs at least one text piece") }
        var keywords: [String] = []
        if args["contexts"] != nil {
            keywords = try args.list(SelfPlayConversions.labelOnly, "contexts").items.map { v in
                guard case .string(let s) = v, !s.isEmpty else { throw ScriptError("policy.tabular: contexts must be non-empty strings") }
                return s
            }
        }
        let scale = try SelfPlayConversions.number(args, "init", default: 0)
        guard scale.isFinite, scale >= 0 else { throw ScriptError("policy.tabular: init must be a non-negative number") }
        let vocabulary = [""] + pieces
        let contexts = keywords.count + 1
        var rng = SeededRandom(seed: try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0))
        let n = contexts * vocabulary.count * vocabulary.count
        guard n <= 4_000_000 else { throw ScriptError("policy.tabular: too many pieces or contexts (\(n) parameters)") }
        let logits = (0..<n).map { _ in scale * rng.nextGaussian() }
        let words = keywords
        let policy = try TabularPolicy(vocabulary: vocabulary, contexts: contexts, initialLogits: logits) { prompt in
            (words.firstIndex { prompt.contains($0) } ?? -1) + 1
        }
        return TabularPolicyValue(policy, keywords: keywords)
    }

    func selfPlayPolicy() throws -> SelfPlayPolicy { policy }

    var typeName: String { "policy" }

    var summary: String { "<policy \(policy.summary)>" }

    static let members: [(String, String)] = [
        ("pieces", "p.pieces: the text pieces (token 0, the end, is not listed)"),
        ("generate", "p.generate(prompt or prompts, max_tokens: 16, temperature: 1, seed: 0): sampled texts"),
        ("logprob", "p.logprob(prompt, completion): the log-probability of a completion (its pieces, then the end)"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        name == "pieces" ? .list(policy.vocabulary.dropFirst().map { .string($0) }) : nil
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "generate":
            try args.expect(1, 1, labels: ["max_tokens", "temperature", "seed"])
            var prompts: [String] = []
            var single = false
            switch args[0] {
            case .string(let s)?: prompts = [s]; single = true
            case .list(let l)?:
                prompts = try l.items.map { v in
                    guard case .string(let s) = v else { throw ScriptError("p.generate: prompts must be strings") }
                    return s
                }
            default: throw ScriptError("p.generate: argument 1 must be a prompt or a list of prompts")
            }
            let options = PolicySampling(maxTokens: args["max_tokens"] == nil ? 16 : try args.integer(SelfPlayConversions.labelOnly, "max_tokens"),
                                          temperature: try SelfPlayConversions.number(args, "temperature", default: 1),
                                          topP: 1, seed: try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0))
            let texts = try policy.sample(prompts: prompts, options: options).map { Value.string($0.text) }
            return single ? texts[0] : .list(texts)
        case "logprob":
            try args.expect(2)
            let lps = try policy.logprobs(prompts: [try args.string(0)], completions: [try policy.encode(try args.string(1))])
            return .number(lps[0].reduce(0, +))
        default:
            return nil
        }
    }
}
