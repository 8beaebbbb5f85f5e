import Engine

extension Builtins {
    /// Installs `meta_game` (listed in `Builtins.installers`) and the help of its members.
    static func installMetaGame() {
        register(name: "meta_game", help: "meta_game(g, attackers: [..] or {name: policy}, defenders: [..] or {name: policy}, games: 32, seeds: g's, judge: g's, seed: 0): every attacker plays every defender with g's roles on the same seeded seed draws; entries are attack success (rows attackers, columns defenders)") { args in
            try makeMetaGame(args)
        }
        for (name, help) in MetaGameValue.members { registerHelp(topic: "meta_game.\(name)", help: help) }
    }

    private static func makeMetaGame(_ args: Arguments) throws -> Value {
        try args.expect(1, labels: ["attackers", "defenders", "games", "seeds", "judge", "seed"])
        guard case .native(let n)? = args[0], let gv = n as? SelfPlayGameValue else {
            throw ScriptError("meta_game: argument 1 must be a game (its roles, judge and seeds are used), not \(args[0]?.typeName ?? "nothing")")
        }
        let attackers = try population(args["attackers"], role: "attacker")
        let defenders = try population(args["defenders"], role: "defender")
        let games = args["games"] == nil ? 32 : try args.integer(SelfPlayConversions.labelOnly, "games")
        guard games >= 1, games <= 100_000 else { throw ScriptError("meta_game: games must be 1...100000, got \(games)") }
        let seed = try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0)
        let seeds = args["seeds"] == nil ? nil : try GameConversions.seeds(args["seeds"], "meta_game")
        if let seeds, seeds.isEmpty { throw ScriptError("meta_game: the seed set is empty") }
        gv.prepare(args)
        if let v = args["judge"] {
            guard case .native(let j) = v, let judge = j as? JudgeValue else {
                throw ScriptError("meta_game: judge must be a judge (judge.rules(), judge.oracle(world), judge.fn(f)), not \(v.typeName)")
            }
            gv.game.config.judge = judge.judge(args, inGame: true)
        }
        let meta = try EmpiricalMetaGame.measure(game: gv.game, attackers: attackers, defenders: defenders,
                                                 seeds: seeds, games: games, seed: seed)
        return .native(MetaGameValue(meta))
    }

    /// A population: a list of policies (named a0, a1, ... or d0, d1, ...) or a record of named ones.
    private static func population(_ v: Value?, role: String) throws -> [(name: String, policy: SelfPlayPolicy)] {
        let label = role + "s"
        let prefix = role == "attacker" ? "a" : "d"
        let entries: [(String, Value)]
        switch v {
        case nil: throw ScriptError("meta_game: missing \(label): a list or record of models (or games, or policy.tabular)")
        case .list(let l)?: entries = l.items.enumerated().map { ("\(prefix)\($0)", $1) }
        case .record(let r)?: entries = Array(zip(r.keys, r.values))
        case let other?: throw ScriptError("meta_game: \(label) must be a list or record of models, not \(other.typeName)")
        }
        guard !entries.isEmpty else { throw ScriptError("meta_game: the \(role) population is empty") }
        return try entries.map { name, value in
            guard case .native(let n) = value, let p = n as? SelfPlayPolicyProvider else {
                let hint = value.typeName == "list" ? " (fixed attack lists cannot join a population)" : ""
                throw ScriptError("meta_game: \(role) \(name) must be a model, a game or policy.tabular, not \(value.typeName)\(hint)")
            }
            return (name, try p.selfPlayPolicy())
        }
    }
}
