import Engine

/// A Spar value that can play in a game: it hands out the `SelfPlayPolicy` the game trains or freezes.
/// Models (through their adapter), the tabular test policy and games (their live policy) conform.
protocol SelfPlayPolicyProvider: NativeValue {
    /// The live policy behind this value (training it changes the value).
    func selfPlayPolicy() throws -> SelfPlayPolicy
}

enum GameConversions {
    /// The policy behind a value, or an error naming what was passed.
    static func policy(_ v: Value?, _ callee: String, _ what: String) throws -> SelfPlayPolicy {
        guard case .native(let n)? = v, let p = n as? SelfPlayPolicyProvider else {
            throw ScriptError("\(callee): \(what) must be a model (or a game or policy.tabular), not \(v?.typeName ?? "nothing")")
        }
        return try p.selfPlayPolicy()
    }

    /// A seed from a record {text, type, category?, key?, alarming?} (what `world.seeds` holds), or
    /// a data set record {prompt, type, category, ...} (what `data.load` gives).
    static func seed(_ v: Value, _ callee: String, index: Int) throws -> WorldSeed {
        guard case .record(let r) = v else {
            throw ScriptError("\(callee): seed \(index + 1) must be a record {text, type}, not \(v.typeName)")
        }
        guard case .string(let text)? = r["text"] ?? r["prompt"] else {
            throw ScriptError("\(callee): seed \(index + 1) needs a text (or prompt) string")
        }
        guard case .string(let typeName)? = r["type"] else { throw ScriptError("\(callee): seed \(index + 1) needs a type, \"harmful\" or \"benign\"") }
        let type = try SelfPlayConversions.seedType(typeName, callee)
        func string(_ key: String) -> String? { if case .string(let s)? = r[key] { return s } else { return nil } }
        var alarming = false
        if case .bool(let b)? = r["alarming"] { alarming = b }
        return WorldSeed(text: text, type: type, category: string("category"), key: string("key"), request: nil, alarming: alarming)
    }

    static func seeds(_ v: Value?, _ callee: String) throws -> [WorldSeed] {
        guard case .list(let l)? = v else { throw ScriptError("\(callee): seeds must be a list of seed records, not \(v?.typeName ?? "nothing")") }
        return try l.items.enumerated().map { try seed($1, callee, index: $0) }
    }

    /// Attack prompts from records {text, seed, type, category?, tactic?} (what `world.attacks` gives).
    static func attacks(_ v: Value?, _ callee: String) throws -> [WorldPrompt] {
        guard case .list(let l)? = v else { throw ScriptError("\(callee): attacks must be a list of attack records, not \(v?.typeName ?? "nothing")") }
        return try l.items.enumerated().map { i, item in
            guard case .record(let r) = item, case .string(let text)? = r["text"], case .string(let typeName)? = r["type"] else {
                throw ScriptError("\(callee): attack \(i + 1) must be a record {text, seed, type, tactic}")
            }
            var seedText = text, category: String?, tactic = ""
            if case .string(let s)? = r["seed"] { seedText = s }
            if case .string(let c)? = r["category"] { category = c }
            if case .string(let t)? = r["tactic"] { tactic = t }
            let seed = WorldSeed(text: seedText, type: try SelfPlayConversions.seedType(typeName, callee), category: category)
            return WorldPrompt(attack: text, seed: seed, tactic: tactic)
        }
    }

    static func optionalNumber(_ d: Double?) -> Value { d.map { .number($0) } ?? .null }

    static func metrics(_ m: StepMetrics) -> Value {
        .record([("step", .number(Double(m.step)))] + zip(StepMetrics.names, m.values).map { ($0.0, optionalNumber($0.1)) })
    }

    static func episode(_ e: Episode) -> Value {
        func b(_ x: Bool?) -> Value { x.map { .bool($0) } ?? .null }
        return .record([
            ("step", .number(Double(e.step))), ("seed", .string(e.seed)), ("seed_type", .string(e.seedType.rawValue)),
            ("category", .string(e.category)), ("alarming", .bool(e.alarming)), ("tactic", .string(e.tactic)),
            ("attacker_played", .bool(e.attackerPlayed)), ("attacker_thinking", .string(e.attackerThinking)),
            ("attacker_answer", .string(e.attackerAnswer)), ("attacker_format_ok", b(e.attackerFormatOK)),
            ("defender_prompt", .string(e.defenderPrompt)), ("defender_thinking", .string(e.defenderThinking)),
            ("defender_answer", .string(e.defenderAnswer)), ("defender_format_ok", b(e.defenderFormatOK)),
            ("labels", SelfPlayConversions.labels(e.labels)), ("attacker_reward", SelfPlayConversions.parts(e.attackerReward)),
            ("defender_reward", SelfPlayConversions.parts(e.defenderReward)), ("tie", .bool(e.tie)),
            ("judge_error", e.judgeError.map { .string($0) } ?? .null),
        ])
    }

    /// A metric value for tables: 3 decimals, "-" for nil.
    static func cell(_ d: Double?) -> String {
        guard let d else { return "-" }
        if d == d.rounded(), abs(d) < 1e9 { return formatNumber(d) }
        return String(format: "%.3f", d)
    }
}
