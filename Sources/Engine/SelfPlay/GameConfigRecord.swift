/// A value in a `GameConfigRecord`: what a field holds, typed so run folders stay readable by other
/// tools (config.json holds numbers as numbers).
public enum ConfigValue: Codable, Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case null

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) } else { self = .string(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .null: try c.encodeNil()
        }
    }

    /// As Spar prints it: `16`, `0.001`, `rules`, `true`, `nil`.
    public var description: String {
        switch self {
        case .number(let d): return numberText(d)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "nil"
        }
    }

    /// A JSON literal (for config.json, written by hand so the fields keep their order).
    public var json: String {
        switch self {
        case .number(let d): return d.isFinite ? numberText(d) : "null"
        case .string(let s): return JSONText.string(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// Everything a game was made with, as named fields under the names a script passes them
/// (`batch`, `max_tokens`, `algo.lr`, ...), plus the model's description. Checkpoints store it, so
/// `g.load` into a game made with other arguments fails naming the fields; run folders store it as
/// config.json, so `spar runs` can show how runs differ.
///
/// Judges and reward tables are compared by name, texts (templates, seeds, demos) by count and an
/// FNV-1a fingerprint: a record says *that* two games differ, not everything about them.
public struct GameConfigRecord: Codable, Sendable, Equatable {
    public struct Field: Codable, Sendable, Equatable {
        public let name: String
        public let value: ConfigValue

        public init(_ name: String, _ value: ConfigValue) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// The record of a game's configuration and its policy.
    public init(config c: GameConfig, policy: SelfPlayPolicy) {
        func n(_ d: Double) -> ConfigValue { .number(d) }
        func i(_ k: Int) -> ConfigValue { .number(Double(k)) }
        func role(_ r: RolePrompt) -> ConfigValue {
            let templates = r.kind == .attacker ? [r.template, r.benignTemplate] : [r.template]
            return .string("thinking \(r.cot ? "on" : "off"), template \(Self.fingerprint(templates))")
        }
        let harmful = c.seeds.filter { $0.type == .harmful }.count
        var f: [Field] = [
            Field("model", .string(policy.summary)),
            Field("attacker", role(c.attacker)),
            Field("defender", role(c.defender)),
            Field("judge", .string(c.judge.name)),
            Field("rewards", .string(c.rewards.name)),
            Field("seeds", .string("\(c.seeds.count) (\(harmful) harmful), \(Self.fingerprint(c.seeds.map { "\($0.type.rawValue) \($0.text)" }))")),
            Field("harmful_share", n(c.harmfulShare)),
            Field("direct_share", n(c.directShare)),
            Field("batch", i(c.gamesPerStep)),
            Field("max_tokens", i(c.sampling.maxTokens)),
            Field("temperature", n(c.sampling.temperature)),
            Field("top_p", n(c.sampling.topP)),
            // Seeds above 2^53 would not survive a JSON number.
            Field("seed", c.seed < 1 << 53 ? .number(Double(c.seed)) : .string(String(c.seed))),
            Field("demos", c.auxDemos.isEmpty ? .null
                : .string("\(c.auxDemos.count), \(Self.fingerprint(c.auxDemos.flatMap { [$0.prompt, $0.completion] }))")),
        ]
        f += c.rl.fields.map { Field("algo." + $0.name, $0.value) }
        fields = f
    }

    /// The names `init(config:policy:)` gives, in order (run folders list their fields this way).
    public static let fieldOrder = ["model", "attacker", "defender", "judge", "rewards", "seeds", "harmful_share", "direct_share",
                                    "batch", "max_tokens", "temperature", "top_p", "seed", "demos"]
        + RLArguments().fields.map { "algo." + $0.name }

    public subscript(name: String) -> ConfigValue? { fields.first { $0.name == name }?.value }

    /// The fields whose values differ between `self` (e.g. a checkpoint's) and `other` (this game's),
    /// in order; a field only one side has counts as differing.
    public func differences(from other: GameConfigRecord) -> [(name: String, this: ConfigValue?, other: ConfigValue?)] {
        var names = fields.map(\.name)
        for f in other.fields where !names.contains(f.name) { names.append(f.name) }
        return names.compactMap { name in
            let a = self[name], b = other[name]
            return a == b ? nil : (name, a, b)
        }
    }

    /// "batch 16 there, 8 here; algo.lr 0.001 there, 0.01 here" for `differences(from:)`.
    public func differenceText(from other: GameConfigRecord) -> String? {
        let d = differences(from: other)
        guard !d.isEmpty else { return nil }
        return d.map { "\($0.name) \($0.this?.description ?? "(absent)") there, \($0.other?.description ?? "(absent)") here" }
            .joined(separator: "; ")
    }

    /// The fields as one JSON object in order, `indent` spaces deep.
    public func jsonObject(indent: Int = 2) -> String {
        let pad = String(repeating: " ", count: indent)
        let body = fields.map { "\(pad)  \(JSONText.string($0.name)): \($0.value.json)" }.joined(separator: ",\n")
        return "{\n\(body)\n\(pad)}"
    }

    /// 8 hex digits of FNV-1a over the texts (each followed by a 0 byte).
    static func fingerprint(_ texts: [String]) -> String {
        var h: UInt32 = 0x811C_9DC5
        for t in texts {
            for b in t.utf8 { h = (h ^ UInt32(b)) &* 0x0100_0193 }
            h = (h ^ 0) &* 0x0100_0193
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

extension RLArguments {
    /// Every argument under its `reinforce_pp` label, in the order of the help.
    public var fields: [(name: String, value: ConfigValue)] {
        [
            ("lr", .number(learningRate)), ("kl", .number(klCoef)), ("clip", .number(clipEpsilon)), ("gamma", .number(gamma)),
            ("beta1", .number(beta1)), ("beta2", .number(beta2)), ("adam_epsilon", .number(adamEpsilon)),
            ("weight_decay", .number(weightDecay)), ("max_grad_norm", .number(maxGradNorm)), ("warmup", .number(warmupShare)),
            ("min_lr_share", .number(minLearningRateShare)), ("total_steps", totalSteps.map { .number(Double($0)) } ?? .null),
            ("remove_ties", .bool(removeTies)), ("minibatches", .number(Double(minibatches))),
            ("samples_per_seed", .number(Double(samplesPerSeed))), ("baseline", .string(baseline.rawValue)),
            ("aux_weight", .number(auxWeight)), ("aux_batch", .number(Double(auxBatch))),
        ]
    }
}
