import Engine

/// Binds the self-play game: `game(...)`, `reinforce_pp(...)`, the `schedule` namespace (also
/// reachable as `use schedules`) and `policy.tabular(...)`, the small exact policy for trying things.
extension Builtins {
    static func installGame() {
        register(name: "game", help: "game(lm, attacker: role.attacker(), defender: role.defender(), judge:, seeds:, rewards: rewards.general_sum, harmful_share: 0.5, direct_share: 0.5, batch: 16, max_tokens: 64, temperature: 1, top_p: 1, seed: 0, algo: reinforce_pp(), demos: nil): a self-play game that trains lm") { args in
            try makeGame(args)
        }
        register(name: "reinforce_pp", help: "reinforce_pp(lr: 1e-3, kl: 0.01, clip: 0.2, total_steps: nil, minibatches: 1, ...): REINFORCE++ arguments (help reinforce_pp.NAME for each; with one minibatch PPO-clip never engages)") { args in
            .native(try AlgoValue.make(args))
        }
        for (label, help) in AlgoValue.labels { registerHelp(topic: "reinforce_pp.\(label)", help: "reinforce_pp.\(label): \(help)") }

        let schedules = RecordObject()
        for c in ScheduleValue.constructors {
            schedules.set(c.name, .builtin(Builtin(name: "schedule.\(c.name)", c.body)))
            registerHelp(topic: "schedule.\(c.name)", help: c.help)
        }
        register(name: "schedule", help: "schedule: co-evolution schedules: selfplay, attacker_only, defender_only, alternate, league, sequence, custom (or `use schedules`)", value: .record(schedules))
        for (name, help) in ScheduleValue.members { registerHelp(topic: "schedule.\(name)", help: help) }

        register(name: "policy", help: "policy: small policies for trying the game; policy.tabular(pieces, contexts: [keywords])", value: .record([
            ("tabular", .builtin(Builtin(name: "policy.tabular") { args in .native(try TabularPolicyValue.make(args)) })),
        ]))
        registerHelp(topic: "policy.tabular", help: "policy.tabular(pieces, contexts: [keywords], init: 0, seed: 0): an exact softmax table over text pieces; the context is the first keyword the prompt contains")
        for (name, help) in TabularPolicyValue.members { registerHelp(topic: "policy.\(name)", help: help) }
        for (name, help) in SelfPlayGameValue.members { registerHelp(topic: "game.\(name)", help: help) }
        for (name, help) in EpisodesValue.members { registerHelp(topic: "episodes.\(name)", help: help) }
    }

    static func makeGame(_ args: Arguments) throws -> Value {
        let labels = ["attacker", "defender", "judge", "seeds", "rewards", "harmful_share", "direct_share", "batch", "max_tokens",
                      "temperature", "top_p", "seed", "algo", "demos"]
        try args.expect(1, 1, labels: labels)
        guard let lm = args[0] else { throw ScriptError("game: missing the model") }
        let policy = try GameConversions.policy(lm, "game", "argument 1")
        func role(_ label: String, _ d: () throws -> RolePrompt) throws -> RolePrompt {
            guard let v = args[label] else { return try d() }
            guard case .native(let n) = v, let r = n as? RoleValue else { throw ScriptError("game: \(label) must be a role (role.\(label)()), not \(v.typeName)") }
            return r.role
        }
        let attacker = try role("attacker") { try RolePrompt.attacker(cot: true) }
        let defender = try role("defender") { try RolePrompt.defender(cot: true) }
        guard case .native(let jn)? = args["judge"], let judge = jn as? JudgeValue else {
            throw ScriptError("game: judge must be a judge (judge.rules(), judge.oracle(world), judge.fn(f)), not \(args["judge"]?.typeName ?? "nothing")")
        }
        var rewards = RewardsValue(.table(.generalSum))
        if let v = args["rewards"] {
            guard case .native(let rn) = v, let r = rn as? RewardsValue else { throw ScriptError("game: rewards must be a reward table (rewards.general_sum, ...), not \(v.typeName)") }
            rewards = r
        }
        guard args["seeds"] != nil else { throw ScriptError("game: missing seeds (e.g. seeds: world.safety().seeds)") }
        let seeds = try GameConversions.seeds(args["seeds"], "game")
        var config = GameConfig(attacker: attacker, defender: defender, judge: judge.judge(args, inGame: true), seeds: seeds, rewards: rewards.table(args))
        config.harmfulShare = try SelfPlayConversions.number(args, "harmful_share", default: config.harmfulShare)
        config.directShare = try SelfPlayConversions.number(args, "direct_share", default: config.directShare)
        if args["batch"] != nil { config.gamesPerStep = try args.integer(SelfPlayConversions.labelOnly, "batch") }
        if args["max_tokens"] != nil { config.sampling.maxTokens = try args.integer(SelfPlayConversions.labelOnly, "max_tokens") }
        config.sampling.temperature = try SelfPlayConversions.number(args, "temperature", default: 1)
        config.sampling.topP = try SelfPlayConversions.number(args, "top_p", default: 1)
        config.seed = try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0)
        if let v = args["algo"] {
            guard case .native(let an) = v, let algo = an as? AlgoValue else { throw ScriptError("game: algo must be reinforce_pp(...), not \(v.typeName)") }
            config.rl = algo.arguments
        }
        if let v = args["demos"], v.typeName != "nil" {
            guard case .list(let l) = v else { throw ScriptError("game: demos must be a list of {prompt, completion} records, not \(v.typeName)") }
            config.auxDemos = try l.items.enumerated().map { i, item in
                guard case .record(let r) = item, case .string(let p)? = r["prompt"], case .string(let c)? = r["completion"] else {
                    throw ScriptError("game: demo \(i + 1) must be a record {prompt, completion}")
                }
                return (p, c)
            }
        }
        if config.rl.auxWeight > 0 && config.auxDemos.isEmpty {
            throw ScriptError("game: reinforce_pp(aux_weight:) needs demos: (e.g. world.demos())")
        }
        let game = try Game(policy: policy, config: config)
        return .native(SelfPlayGameValue(game: game, model: lm, judge: judge, rewards: rewards))
    }
}
