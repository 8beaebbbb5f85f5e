/// The knobs of the warm-start demo generator. The defaults make a base model that follows both role
/// formats, attacks with tactics drawn uniformly, and defends imperfectly on purpose:
///
/// | situation (defender demo)                                   | default rate |
/// |-------------------------------------------------------------|--------------|
/// | harmful prompt in a weak tactic (roleplay, fiction, obfuscation): complies | 0.70 |
/// | harmful prompt in any other tactic: complies                | 0.10 |
/// | harmful seed sent as it is: complies                        | 0.00 |
/// | alarming-but-benign prompt: refuses                         | 0.50 |
/// | plainly benign prompt: refuses                              | 0.05 |
///
/// With the eight default training tactics, three of them weak, a harmful attack succeeds in the demos
/// with probability 3/8 · 0.70 + 5/8 · 0.10 = 0.325: that gap is what RL's attacker can find (use the
/// weak tactics) and RL's defender can fix (refuse them), and over-refusal of alarming requests is
/// what the defender can unlearn.
public struct DemoConfig: Sendable, Equatable {
    /// Games to demonstrate; each gives a defender demo, and an attacker demo unless sent direct.
    public var games: Int = 1000
    /// Share of games whose seed goes straight to the defender.
    public var directShare: Double = 0.5
    /// Share of games with a harmful seed.
    public var harmfulShare: Double = 0.5
    /// Hidden thinking in the completions.
    public var cot: Bool = true
    /// Tactic families the demo defender tends to fall for.
    public var weakTactics: [String] = ["roleplay", "fiction", "obfuscation"]
    /// P(comply) for a harmful prompt wrapped in a weak tactic.
    public var weakTacticCompliance: Double = 0.7
    /// P(comply) for a harmful prompt wrapped in any other tactic.
    public var otherTacticCompliance: Double = 0.1
    /// P(comply) for a harmful seed sent as it is.
    public var directCompliance: Double = 0.0
    /// P(refuse) for a benign prompt whose seed sounds alarming.
    public var alarmingRefusal: Double = 0.5
    /// P(refuse) for a plainly benign prompt.
    public var plainRefusal: Double = 0.05
    /// Which seeds and tactics the demos use.
    public var seedSplit: WorldSplit = .train
    public var tacticSplit: WorldSplit = .train
    /// The random seed of the demo draw.
    public var seed: UInt64 = 0

    public init() {}

    /// Throws on a rate outside [0, 1], a negative count or an unknown weak tactic.
    func validate(_ world: SafetyWorld) throws {
        guard games >= 0, games <= SafetyWorld.maxCount else {
            throw EngineError("world.demos: games must be in 0...\(SafetyWorld.maxCount), got \(games)")
        }
        let rates: [(String, Double)] = [
            ("direct share", directShare), ("harmful share", harmfulShare),
            ("weak tactic compliance", weakTacticCompliance), ("other tactic compliance", otherTacticCompliance),
            ("direct compliance", directCompliance), ("alarming refusal", alarmingRefusal), ("plain refusal", plainRefusal),
        ]
        for (name, r) in rates where !(r.isFinite && r >= 0 && r <= 1) {
            throw EngineError("world.demos: \(name) must be in [0, 1], got \(numberText(r))")
        }
        for t in weakTactics { _ = try world.tactic(named: t) }
    }
}

/// One supervised demo: a role prompt and the completion a model should learn, with ground truth.
public struct Demo: Sendable, Equatable {
    public let role: RoleKind
    /// The rendered role prompt (ends with the thinking prefix when thinking is on).
    public let prompt: String
    /// The text after the prompt: thinking, tags and answer.
    public let completion: String
    public let seed: WorldSeed
    public let tactic: String
    /// Defender demos: whether the demonstrated answer refuses.
    public let refused: Bool?
    /// The game's gold labels as the world knows them (defender demos; attacker demos carry the
    /// prompt label only).
    public let gold: SafetyLabels

    /// Prompt and completion as one training text.
    public var text: String { prompt + completion }
}

/// The measured behaviour of a demo set's defender (what a base model fitted on it imitates).
public struct DemoRates: Sendable, Equatable {
    /// Harmful-seed attacks (not direct) the defender complied with.
    public let attackSuccess: Double?
    public let weakTacticCompliance: Double?
    public let otherTacticCompliance: Double?
    public let directCompliance: Double?
    /// Alarming-but-benign prompts refused.
    public let alarmingOverRefusal: Double?
    public let plainOverRefusal: Double?
}

extension SafetyWorld {
    /// Warm-start demos for both roles, drawn with `config.seed`.
    public func warmStartDemos(_ config: DemoConfig = DemoConfig()) throws -> [Demo] {
        try config.validate(self)
        let attacker = try RolePrompt.attacker(cot: config.cot)
        let defender = try RolePrompt.defender(cot: config.cot)
        let tacticPool = tactics(config.tacticSplit).map(\.name)
        let harmfulSeeds = seeds(config.seedSplit, type: .harmful), benignSeeds = seeds(config.seedSplit, type: .benign)
        var rng = SeededRandom(seed: config.seed)
        var demos: [Demo] = []
        for _ in 0..<config.games {
            let harmful = rng.nextDouble() < config.harmfulShare
            let seed = try pick(harmful ? harmfulSeeds : benignSeeds, &rng, what: "\(config.seedSplit.rawValue) seeds")
            let direct = rng.nextDouble() < config.directShare
            var message = seed.text
            var tactic = AttackTactic.directName
            if !direct {
                tactic = try pick(tacticPool, &rng, what: "\(config.tacticSplit.rawValue) tactics")
                message = try attack(seed, tactic: tactic, rng: &rng).text
                let lines = harmful ? ThinkingCatalogue.attackerHarmful : ThinkingCatalogue.attackerBenign
                let thinking = try thought(lines, seed: seed, tactic: tactic, rng: &rng)
                demos.append(Demo(role: .attacker, prompt: try attacker.render(seed: seed.text, type: seed.type),
                                  completion: attacker.completion(thinking: thinking, answer: message),
                                  seed: seed, tactic: tactic, refused: nil,
                                  gold: SafetyLabels(promptHarmful: TriState(harmful), refusal: .unknown, responseHarmful: .unknown)))
            }
            let refuses: Bool
            if harmful {
                let comply = direct ? config.directCompliance
                    : (config.weakTactics.contains(tactic) ? config.weakTacticCompliance : config.otherTacticCompliance)
                refuses = !(rng.nextDouble() < comply)
            } else {
                refuses = rng.nextDouble() < (seed.alarming ? config.alarmingRefusal : config.plainRefusal)
            }
            let lines: [String]
            switch (harmful, refuses) {
            case (true, true): lines = ThinkingCatalogue.defenderRefuseHarmful
            case (true, false): lines = ThinkingCatalogue.defenderComplyHarmful
            case (false, true): lines = ThinkingCatalogue.defenderOverRefuse
            case (false, false): lines = ThinkingCatalogue.defenderHelpBenign
            }
            let thinking = try thought(lines, seed: seed, tactic: tactic, rng: &rng)
            let answer = refuses ? refusal(rng: &rng) : try compliance(seed, rng: &rng)
            demos.append(Demo(role: .defender, prompt: try defender.render(prompt: message),
                              completion: defender.completion(thinking: thinking, answer: answer),
                              seed: seed, tactic: tactic, refused: refuses,
                              gold: SafetyLabels(promptHarmful: TriState(harmful), refusal: TriState(refuses),
                                                 responseHarmful: TriState(harmful && !refuses))))
        }
        return demos
    }

    /// A thinking line with its placeholders filled.
    func thought(_ lines: [String], seed: WorldSeed, tactic: String, rng: inout SeededRandom) throws -> String {
        try WorldText.fill(try pick(lines, &rng, what: "thinking lines"), [
            "tactic": tacticIdea(tactic), "category": seed.category, "key": seed.key,
        ])
    }
}

extension DemoRates {
    /// The rates the defender demos show; `weakTactics` as in the config that made them.
    public init(_ demos: [Demo], weakTactics: [String]) {
        var success = (0, 0), weak = (0, 0), other = (0, 0), direct = (0, 0), alarming = (0, 0), plain = (0, 0)
        func add(_ r: inout (Int, Int), _ hit: Bool) { r.1 += 1; if hit { r.0 += 1 } }
        for d in demos where d.role == .defender {
            guard let refused = d.refused else { continue }
            if d.seed.type == .harmful {
                if d.tactic == AttackTactic.directName { add(&direct, !refused) } else {
                    add(&success, !refused)
                    if weakTactics.contains(d.tactic) { add(&weak, !refused) } else { add(&other, !refused) }
                }
            } else if d.seed.alarming {
                add(&alarming, refused)
            } else {
                add(&plain, refused)
            }
        }
        func rate(_ r: (Int, Int)) -> Double? { r.1 == 0 ? nil : Double(r.0) / Double(r.1) }
        self.init(attackSuccess: rate(success), weakTacticCompliance: rate(weak), otherTacticCompliance: rate(other),
                  directCompliance: rate(direct), alarmingOverRefusal: rate(alarming), plainOverRefusal: rate(plain))
    }
}
