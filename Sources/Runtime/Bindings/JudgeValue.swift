import Engine

/// A judge as a Spar value: `judge.rules()`, `judge.oracle(w)` or `judge.fn(f)`.
///
/// A Spar function judge can only call back into Spar during a call from Spar, so `judge.fn` keeps the
/// function and builds the engine's `FunctionJudge` afresh for each `label`/`evaluate` call.
final class JudgeValue: NativeValue {
    enum Kind {
        case engine(SafetyJudge)
        case function(Value)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    var typeName: String { "judge" }

    var name: String {
        switch kind {
        case .engine(let j): return j.name
        case .function: return "fn"
        }
    }

    var summary: String { "<judge \(name)>" }

    static let members: [(String, String)] = [
        ("name", "judge.name: \"rules\", \"oracle\" or \"fn\""),
        ("label", "j.label(prompt, response): {prompt_harmful, refusal, response_harmful}, each true, false or nil (unknown)"),
        ("evaluate", "j.evaluate(set): accuracy and confusion per label on records {prompt, response, labels}"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        name == "name" ? .string(self.name) : nil
    }

    /// The engine judge for this call (a Spar function judge calls back through `args`). A result
    /// that is not a full label record — not a record, a label missing, a value not true/false/nil,
    /// an unknown key — is a `MalformedJudgment`: in a game that game is dropped and counted as a
    /// judge error; `j.label` reports it as an error. Errors the function itself raises propagate.
    func judge(_ args: Arguments) -> SafetyJudge {
        switch kind {
        case .engine(let j): return j
        case .function(let f):
            return FunctionJudge { prompt, response in
                let result = try args.callFunction(f, [.string(prompt), .string(response)])
                do { return try SelfPlayConversions.labels(from: result, "judge.fn", complete: true) } catch let e as ScriptError {
                    throw MalformedJudgment(e.message)
                }
            }
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "label":
            try args.expect(2)
            do {
                return SelfPlayConversions.labels(try judge(args).label(prompt: try args.string(0), response: try args.string(1)))
            } catch let e as MalformedJudgment { throw ScriptError(e.message) }
        case "evaluate":
            try args.expect(1)
            let set = try args.list(0).items.enumerated().map { i, item -> LabelledPair in
                guard case .record(let r) = item else {
                    throw ScriptError("j.evaluate: item \(i + 1) must be a record {prompt, response, labels}, not \(item.typeName)")
                }
                guard case .string(let prompt) = try SelfPlayConversions.record(r, "prompt", "j.evaluate"),
                      case .string(let response) = try SelfPlayConversions.record(r, "response", "j.evaluate") else {
                    throw ScriptError("j.evaluate: item \(i + 1): prompt and response must be strings")
                }
                let gold = try SelfPlayConversions.labels(from: try SelfPlayConversions.record(r, "labels", "j.evaluate"), "j.evaluate")
                var tactic = ""
                if case .string(let t)? = r["tactic"] { tactic = t }
                return LabelledPair(prompt: prompt, response: response, gold: gold, tactic: tactic)
            }
            return Self.report(try judge(args).evaluate(set))
        default:
            return nil
        }
    }

    static func report(_ r: JudgeReport) -> Value {
        var pairs: [(String, Value)] = [("judge", .string(r.judge)), ("examples", .number(Double(r.examples)))]
        for s in r.scores {
            func row(_ gold: String) -> Value {
                let c = s.confusion[gold] ?? [:]
                return .record(["true", "false", "unknown"].map { ($0, .number(Double(c[$0] ?? 0))) })
            }
            pairs.append((s.label, .record([
                ("accuracy", .number(s.accuracy)), ("correct", .number(Double(s.correct))), ("total", .number(Double(s.total))),
                ("unknown", .number(Double(s.unknown))), ("confusion", .record([("true", row("true")), ("false", row("false"))])),
            ])))
        }
        return .record(pairs)
    }
}
