import Engine

/// Binds the self-play world, roles, judges and reward tables: the namespaces `world`, `role`,
/// `judge` and `rewards`.
extension Builtins {
    static func installWorld() {
        func fn(_ name: String, _ body: @escaping (Arguments) throws -> Value) -> Value {
            .builtin(Builtin(name: name, body))
        }
        let helps: [(String, String)] = [
            ("world.safety", "world.safety(seed: 0, heldout_share: 0.25, heldout_tactics: [\"hypothetical\", \"authority\"]): the built-in red-teaming world"),
            ("role.attacker", "role.attacker(cot: true, harmful: template, benign: template): the attacker role; templates use {seed}"),
            ("role.defender", "role.defender(cot: true, template: text): the defender role; the template uses {prompt}"),
            ("judge.rules", "judge.rules(refusals: [phrases], lexicon: [words]): a keyword judge (refusal phrases and a harm lexicon)"),
            ("judge.oracle", "judge.oracle(world): the world's ground-truth judge; nil labels for what it cannot recognise"),
            ("judge.fn", "judge.fn(f): a judge from f(prompt, response) returning {prompt_harmful, refusal, response_harmful}"),
            ("rewards.general_sum", "rewards.general_sum: the paper's reward table (format ±1, faithfulness ±0.5, refusal ±0.5/±1, harm ±1)"),
            ("rewards.all_one", "rewards.all_one: the paper's terms with every magnitude 1"),
            ("rewards.zero_sum", "rewards.zero_sum: the defender gets minus the attacker's refusal and harm terms"),
            ("rewards.custom", "rewards.custom(f): a reward table from f(game) returning {attacker: parts, defender: parts}"),
        ]
        for (topic, help) in helps { registerHelp(topic: topic, help: help) }
        for (name, help) in WorldValue.members { registerHelp(topic: "world.\(name)", help: help) }
        for (name, help) in RoleValue.members { registerHelp(topic: "role.\(name)", help: help) }
        for (name, help) in JudgeValue.members { registerHelp(topic: "judge.\(name)", help: help) }
        for (name, help) in RewardsValue.members { registerHelp(topic: "rewards.\(name)", help: help) }

        register(name: "world", help: "world: built-in worlds; world.safety(seed:) makes the red-teaming world", value: .record([
            ("safety", fn("world.safety") { args in
                try args.expect(0, 0, labels: ["seed", "heldout_share", "heldout_tactics"])
                let seed = try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0)
                let share = try SelfPlayConversions.number(args, "heldout_share", default: 0.25)
                var tactics = SafetyWorld.defaultHeldoutTactics
                if args["heldout_tactics"] != nil {
                    tactics = try args.list(SelfPlayConversions.labelOnly, "heldout_tactics").items.map { v in
                        guard case .string(let s) = v else { throw ScriptError("world.safety: heldout_tactics must be a list of tactic names") }
                        return s
                    }
                }
                return .native(WorldValue(try SafetyWorld(seed: seed, heldoutShare: share, heldoutTactics: tactics)))
            }),
        ]))

        register(name: "role", help: "role: role prompts; role.attacker(cot:) and role.defender(cot:)", value: .record([
            ("attacker", fn("role.attacker") { args in
                try args.expect(0, 0, labels: ["cot", "harmful", "benign"])
                let cot = try SelfPlayConversions.bool(args, SelfPlayConversions.labelOnly, "cot", default: true)
                let harmful = args["harmful"] == nil ? RolePrompt.defaultAttackerHarmful : try args.string(SelfPlayConversions.labelOnly, "harmful")
                let benign = args["benign"] == nil ? RolePrompt.defaultAttackerBenign : try args.string(SelfPlayConversions.labelOnly, "benign")
                return .native(RoleValue(try RolePrompt.attacker(cot: cot, harmfulTemplate: harmful, benignTemplate: benign)))
            }),
            ("defender", fn("role.defender") { args in
                try args.expect(0, 0, labels: ["cot", "template"])
                let cot = try SelfPlayConversions.bool(args, SelfPlayConversions.labelOnly, "cot", default: true)
                let template = args["template"] == nil ? RolePrompt.defaultDefender : try args.string(SelfPlayConversions.labelOnly, "template")
                return .native(RoleValue(try RolePrompt.defender(cot: cot, template: template)))
            }),
        ]))

        register(name: "judge", help: "judge: game judges; judge.rules(), judge.oracle(world), judge.fn(f)", value: .record([
            ("rules", fn("judge.rules") { args in
                try args.expect(0, 0, labels: ["refusals", "lexicon"])
                func strings(_ label: String, _ d: [String]) throws -> [String] {
                    guard args[label] != nil else { return d }
                    return try args.list(SelfPlayConversions.labelOnly, label).items.map { v in
                        guard case .string(let s) = v else { throw ScriptError("judge.rules: \(label) must be a list of strings") }
                        return s
                    }
                }
                let judge = try RulesJudge(refusalPhrases: try strings("refusals", RulesJudge.defaultRefusalPhrases),
                                           harmLexicon: try strings("lexicon", RulesJudge.defaultHarmLexicon))
                return .native(JudgeValue(.engine(judge)))
            }),
            ("oracle", fn("judge.oracle") { args in
                try args.expect(1)
                guard case .native(let n)? = args[0], let w = n as? WorldValue else {
                    throw ScriptError("judge.oracle: argument 1 must be a world, not \(args[0]?.typeName ?? "nothing")")
                }
                return .native(JudgeValue(.engine(OracleJudge(world: w.world))))
            }),
            ("fn", fn("judge.fn") { args in
                try args.expect(1)
                guard let f = args[0], f.typeName == "function" else {
                    throw ScriptError("judge.fn: argument 1 must be a function f(prompt, response), not \(args[0]?.typeName ?? "nothing")")
                }
                return .native(JudgeValue(.function(f)))
            }),
        ]))

        register(name: "rewards", help: "rewards: reward tables; rewards.general_sum, all_one, zero_sum, custom(f)", value: .record([
            ("general_sum", .native(RewardsValue(.table(.generalSum)))),
            ("all_one", .native(RewardsValue(.table(.allOne)))),
            ("zero_sum", .native(RewardsValue(.table(.zeroSum)))),
            ("custom", fn("rewards.custom") { args in
                try args.expect(1)
                guard let f = args[0], f.typeName == "function" else {
                    throw ScriptError("rewards.custom: argument 1 must be a function f(game), not \(args[0]?.typeName ?? "nothing")")
                }
                return .native(RewardsValue(.function(f)))
            }),
        ]))
    }
}
