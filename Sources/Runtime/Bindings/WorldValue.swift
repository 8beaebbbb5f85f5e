import Engine

/// The built-in safety world as a Spar value (`world.safety(seed: 7)`).
final class WorldValue: NativeValue {
    let world: SafetyWorld

    init(_ world: SafetyWorld) { self.world = world }

    var typeName: String { "world" }

    var summary: String {
        let all = world.seeds(.all)
        return "<world safety seed \(world.seed): \(all.filter { $0.type == .harmful }.count) harmful and "
            + "\(all.filter { $0.type == .benign }.count) benign seeds, \(world.categories.count) categories, \(world.tactics.count) tactics>"
    }

    var showText: String {
        let train = world.seeds(.train), held = world.seeds(.heldout)
        return """
            \(summary)
              categories: \(world.categories.joined(separator: ", "))
              tactics (train): \(world.tactics(.train).map(\.name).joined(separator: ", "))
              tactics (held out): \(world.heldoutTacticNames.joined(separator: ", "))
              seeds: \(train.count) train (\(train.filter { $0.type == .harmful }.count) harmful), \(held.count) held out (\(held.filter { $0.type == .harmful }.count) harmful), \(world.seeds(.all).filter(\.alarming).count) alarming benign
            """
    }

    static let members: [(String, String)] = [
        ("seed", "world.seed: the random seed the world was made with"),
        ("seeds", "world.seeds: the training seeds, records {text, type, category, key, alarming}"),
        ("heldout", "world.heldout: the held-out seeds (topics never seen in training)"),
        ("categories", "world.categories: the harm category names"),
        ("tactics", "world.tactics: the training tactic family names"),
        ("heldout_tactics", "world.heldout_tactics: the tactic family names kept out of training"),
        ("attacks", "world.attacks(n, seeds: \"train\", tactics: \"train\", seed: 0): n tactic-wrapped prompts {text, seed, type, category, tactic}, half harmful"),
        ("labelled", "world.labelled(n, seeds: \"all\", tactics: \"all\", seed: 0): n games {prompt, response, tactic, labels} with gold labels"),
        ("demos", "world.demos(games: 1000, seed: 0, cot: true, ...rates): warm-start demos {role, prompt, completion, text, tactic, type}"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "seed": return .number(Double(world.seed))
        case "seeds": return .list(world.seeds(.train).map(SelfPlayConversions.seed))
        case "heldout": return .list(world.seeds(.heldout).map(SelfPlayConversions.seed))
        case "categories": return .list(world.categories.map { .string($0) })
        case "tactics": return .list(world.tactics(.train).map { .string($0.name) })
        case "heldout_tactics": return .list(world.heldoutTacticNames.map { .string($0) })
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "attacks":
            try args.expect(1, 1, labels: ["seeds", "tactics", "seed"])
            var rng = SeededRandom(seed: try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0))
            let prompts = try world.attacks(count: try args.integer(0), seeds: try SelfPlayConversions.split(args, "seeds", default: .train),
                                            tactics: try SelfPlayConversions.split(args, "tactics", default: .train), rng: &rng)
            return .list(prompts.map { p in
                .record([("text", .string(p.text)), ("seed", .string(p.seed.text)), ("type", .string(p.seed.type.rawValue)),
                         ("category", .string(p.seed.category)), ("tactic", .string(p.tactic))])
            })
        case "labelled":
            try args.expect(1, 1, labels: ["seeds", "tactics", "seed"])
            var rng = SeededRandom(seed: try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0))
            let set = try world.labelledSet(count: try args.integer(0), seeds: try SelfPlayConversions.split(args, "seeds", default: .all),
                                            tactics: try SelfPlayConversions.split(args, "tactics", default: .all), rng: &rng)
            return .list(set.map { p in
                .record([("prompt", .string(p.prompt)), ("response", .string(p.response)), ("tactic", .string(p.tactic)),
                         ("labels", SelfPlayConversions.labels(p.gold))])
            })
        case "demos":
            let rates = ["weak_compliance", "other_compliance", "direct_compliance", "alarming_refusal", "plain_refusal",
                         "direct_share", "harmful_share"]
            try args.expect(0, 0, labels: ["games", "seed", "cot", "weak_tactics"] + rates)
            var c = DemoConfig()
            if args["games"] != nil { c.games = try args.integer(SelfPlayConversions.labelOnly, "games") }
            c.seed = try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0)
            c.cot = try SelfPlayConversions.bool(args, SelfPlayConversions.labelOnly, "cot", default: true)
            if args["weak_tactics"] != nil {
                c.weakTactics = try args.list(SelfPlayConversions.labelOnly, "weak_tactics").items.map { v in
                    guard case .string(let s) = v else { throw ScriptError("world.demos: weak_tactics must be a list of tactic names") }
                    return s
                }
            }
            c.weakTacticCompliance = try SelfPlayConversions.number(args, "weak_compliance", default: c.weakTacticCompliance)
            c.otherTacticCompliance = try SelfPlayConversions.number(args, "other_compliance", default: c.otherTacticCompliance)
            c.directCompliance = try SelfPlayConversions.number(args, "direct_compliance", default: c.directCompliance)
            c.alarmingRefusal = try SelfPlayConversions.number(args, "alarming_refusal", default: c.alarmingRefusal)
            c.plainRefusal = try SelfPlayConversions.number(args, "plain_refusal", default: c.plainRefusal)
            c.directShare = try SelfPlayConversions.number(args, "direct_share", default: c.directShare)
            c.harmfulShare = try SelfPlayConversions.number(args, "harmful_share", default: c.harmfulShare)
            return .list(try world.warmStartDemos(c).map { d in
                .record([("role", .string(d.role.rawValue)), ("prompt", .string(d.prompt)), ("completion", .string(d.completion)),
                         ("text", .string(d.text)), ("tactic", .string(d.tactic)), ("type", .string(d.seed.type.rawValue)),
                         ("refused", d.refused.map { .bool($0) } ?? .null)])
            })
        default:
            return nil
        }
    }
}
