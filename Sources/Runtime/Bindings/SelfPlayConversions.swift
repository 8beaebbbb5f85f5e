import Engine

/// Conversions between the self-play engine types and Spar values, shared by the world, role, judge
/// and reward bindings. Labels are records `{prompt_harmful:, refusal:, response_harmful:}` whose
/// values are true, false, or nil for unknown.
enum SelfPlayConversions {
    /// A positional index no call has, for reading an argument by label only (never negative:
    /// `Arguments` subscripts only check the upper bound).
    static let labelOnly = Int.max

    static func tri(_ t: TriState) -> Value {
        t.bool.map { .bool($0) } ?? .null
    }

    static func labels(_ l: SafetyLabels) -> Value {
        .record([("prompt_harmful", tri(l.promptHarmful)), ("refusal", tri(l.refusal)), ("response_harmful", tri(l.responseHarmful))])
    }

    /// Labels from a record; missing keys are unknown, or with `complete` an error (a judge must
    /// answer every label, nil for "cannot tell"). Any other key, or a value that is not a boolean or
    /// nil, is an error naming it.
    static func labels(from value: Value, _ callee: String, complete: Bool = false) throws -> SafetyLabels {
        guard case .record(let r) = value else {
            throw ScriptError("\(callee): labels must be a record like {prompt_harmful: true, refusal: false, response_harmful: nil}, not \(value.typeName)")
        }
        var out = SafetyLabels.unknown
        for (key, v) in zip(r.keys, r.values) {
            let t: TriState
            switch v {
            case .bool(let b): t = TriState(b)
            case .null: t = .unknown
            default: throw ScriptError("\(callee): label '\(key)' must be true, false or nil, not \(v.typeName)")
            }
            switch key {
            case "prompt_harmful": out.promptHarmful = t
            case "refusal": out.refusal = t
            case "response_harmful": out.responseHarmful = t
            default: throw ScriptError("\(callee): unknown judge label '\(key)' (known: \(SafetyLabels.names.joined(separator: ", ")))")
            }
        }
        if complete {
            let missing = SafetyLabels.names.filter { r[$0] == nil }
            if !missing.isEmpty {
                throw ScriptError("\(callee): the result has no \(missing.map { "'\($0)'" }.joined(separator: ", ")) (give every label; nil means the judge cannot tell)")
            }
        }
        return out
    }

    static func seed(_ s: WorldSeed) -> Value {
        .record([("text", .string(s.text)), ("type", .string(s.type.rawValue)), ("category", .string(s.category)),
                 ("key", .string(s.key)), ("alarming", .bool(s.alarming))])
    }

    static func parts(_ p: RoleRewardParts?) -> Value {
        guard let p else { return .null }
        return .record([("format", .number(p.format)), ("faithfulness", .number(p.faithfulness)), ("refusal", .number(p.refusal)),
                        ("harm", .number(p.harm)), ("total", .number(p.total))])
    }

    static func parts(from value: Value, _ callee: String) throws -> RoleRewardParts? {
        if case .null = value { return nil }
        guard case .record(let r) = value else {
            throw ScriptError("\(callee): reward parts must be a record like {format: 1, refusal: -1}, not \(value.typeName)")
        }
        var p = RoleRewardParts()
        for (key, v) in zip(r.keys, r.values) {
            guard case .number(let d) = v else { throw ScriptError("\(callee): reward part '\(key)' must be a number, not \(v.typeName)") }
            switch key {
            case "format": p.format = d
            case "faithfulness": p.faithfulness = d
            case "refusal": p.refusal = d
            case "harm": p.harm = d
            case "total": break  // derived; ignored so a record printed by Spar can be passed back
            default: throw ScriptError("\(callee): unknown reward part '\(key)' (known: format, faithfulness, refusal, harm)")
            }
        }
        return p
    }

    static func gameRewards(_ g: GameRewards) -> Value {
        .record([("attacker", parts(g.attacker)), ("defender", parts(g.defender)), ("tie", .bool(g.tie))])
    }

    static func split(_ args: Arguments, _ label: String, default d: WorldSplit) throws -> WorldSplit {
        guard args[label] != nil else { return d }
        let name = try args.string(SelfPlayConversions.labelOnly, label)
        guard let s = WorldSplit(rawValue: name) else {
            throw ScriptError("\(args.callee): \(label) must be \"train\", \"heldout\" or \"all\", not \"\(name)\"")
        }
        return s
    }

    static func seedType(_ name: String, _ callee: String) throws -> SeedType {
        guard let t = SeedType(rawValue: name) else { throw ScriptError("\(callee): seed type must be \"harmful\" or \"benign\", not \"\(name)\"") }
        return t
    }

    /// A random seed argument: a non-negative integer.
    static func randomSeed(_ args: Arguments, _ i: Int, _ label: String, default d: UInt64) throws -> UInt64 {
        guard args.value(i, label) != nil else { return d }
        let n = try args.integer(i, label)
        guard n >= 0 else { throw ScriptError("\(args.callee): \(label) must not be negative, got \(n)") }
        return UInt64(n)
    }

    static func bool(_ args: Arguments, _ i: Int, _ label: String, default d: Bool) throws -> Bool {
        guard let v = args.value(i, label) else { return d }
        guard case .bool(let b) = v else { throw ScriptError("\(args.callee): \(label) must be true or false, not \(v.typeName)") }
        return b
    }

    static func optionalBool(_ args: Arguments, _ label: String) throws -> Bool? {
        guard let v = args[label] else { return nil }
        switch v {
        case .bool(let b): return b
        case .null: return nil
        default: throw ScriptError("\(args.callee): \(label) must be true, false or nil, not \(v.typeName)")
        }
    }

    static func number(_ args: Arguments, _ label: String, default d: Double) throws -> Double {
        args[label] == nil ? d : try args.number(SelfPlayConversions.labelOnly, label)
    }

    static func record(_ r: RecordObject, _ key: String, _ callee: String) throws -> Value {
        guard let v = r[key] else { throw ScriptError("\(callee): record is missing '\(key)'") }
        return v
    }
}
