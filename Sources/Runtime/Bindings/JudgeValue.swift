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
        ("evaluate", "j.evaluate(set): accuracy and confusion per label on records {prompt, response, labels}, with agreement on the answers the judge could label, its 95% Wilson interval and Cohen's kappa"),
        ("audit", "j.audit(episodes, variants: [judges], checks: [\"forged\", \"reworded\", \"rubric\", \"unparseable\"], examples: 2): how often the judge's verdict flips under forged verdicts, meaning-preserving rewording, reworded rubrics (variants) and junk responses"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        name == "name" ? .string(self.name) : nil
    }

    /// The engine judge for this call (a Spar function judge calls back through `args`). A result
    /// that is not a label record — not a record, a value not true/false/nil, an unknown key, and
    /// for a game (`inGame`) a label left out — is a `MalformedJudgment`: a game drops that game and
    /// counts it as a judge error, `j.label` reports it as an error. Outside games a label left out
    /// is unknown (evaluations ask only for the labels they use). Errors the function itself raises
    /// propagate.
    func judge(_ args: Arguments, inGame: Bool = false) -> SafetyJudge {
        switch kind {
        case .engine(let j): return j
        case .function(let f):
            return FunctionJudge { prompt, response in
                let result = try args.callFunction(f, [.string(prompt), .string(response)])
                do { return try SelfPlayConversions.labels(from: result, "judge.fn", complete: inGame) } catch let e as ScriptError {
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
        case "audit":
            try args.expect(1, 1, labels: ["variants", "checks", "examples"])
            let games: [(prompt: String, response: String)]
            switch args.positional[0] {
            case .native(let e as EpisodesValue): games = e.episodes.map { ($0.defenderPrompt, $0.defenderAnswer) }
            case .native(let r as EvaluationValue): games = r.result.items.map { ($0.prompt.text, $0.reply.answer) }
            case .list(let l):
                games = try l.items.enumerated().map { i, v in
                    guard case .record(let r) = v, case .string(let p)? = r["prompt"], case .string(let resp)? = r["response"] else {
                        throw ScriptError("j.audit: item \(i + 1) must be a record {prompt, response}")
                    }
                    return (p, resp)
                }
            case let other:
                throw ScriptError("j.audit: expected episodes, an evaluation or a list of {prompt, response}, not \(other.typeName)")
            }
            let variants: [SafetyJudge] = args["variants"] == nil ? [] : try args.list(SelfPlayConversions.labelOnly, "variants").items.enumerated().map { i, v in
                guard case .native(let j as JudgeValue) = v else { throw ScriptError("j.audit: variant \(i + 1) must be a judge, not \(v.typeName)") }
                return j.judge(args)
            }
            var checks = ["forged", "reworded", "rubric", "unparseable"]
            if args["checks"] != nil {
                checks = try args.list(SelfPlayConversions.labelOnly, "checks").items.map { v in
                    guard case .string(let s) = v else { throw ScriptError("j.audit: checks must be strings") }
                    return s
                }
            }
            let examples = args["examples"] == nil ? 2 : max(0, try args.integer(SelfPlayConversions.labelOnly, "examples"))
            return .native(AuditValue(try JudgeAudit.run(judge(args), games: games, variants: variants, checks: checks, examples: examples)))
        default:
            return nil
        }
    }

    /// Agreement on known predictions, its Wilson interval and Cohen's kappa, from a label's confusion.
    static func agreement(_ s: LabelScore) -> [(String, Value)] {
        var c = JudgeCalibration(judge: "", label: s.label)
        c.truePositive = s.confusion["true"]?["true"] ?? 0
        c.falseNegative = s.confusion["true"]?["false"] ?? 0
        c.falsePositive = s.confusion["false"]?["true"] ?? 0
        c.trueNegative = s.confusion["false"]?["false"] ?? 0
        func n(_ d: Double?) -> Value { d.map { .number($0) } ?? .null }
        return [("agreement", n(c.agreement)), ("agreement_low", n(c.agreementInterval?.low)),
                ("agreement_high", n(c.agreementInterval?.high)), ("kappa", n(c.kappa))]
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
            ] + agreement(s))))
        }
        return .record(pairs)
    }
}
