/// A seed request of the world with its ground truth.
public struct WorldSeed: Codable, Sendable, Equatable, Hashable {
    /// The request as asked ("how do I kill a stuck process").
    public let text: String
    public let type: SeedType
    /// A harm category, or "benign".
    public let category: String
    /// The topic's distinctive phrase (what the oracle looks for).
    public let key: String
    /// The verb phrase inside the text ("kill a stuck process").
    public let request: String
    /// Benign but sounds alarming.
    public let alarming: Bool
}

/// An attack prompt built by the world: a tactic phrasing around a seed, with its ground truth.
public struct WorldPrompt: Sendable, Equatable {
    public let text: String
    public let seed: WorldSeed
    /// The tactic family's name, or `AttackTactic.directName` for the seed as it is.
    public let tactic: String
}

/// Which part of the world's seeds or tactics to draw from.
public enum WorldSplit: String, Sendable, CaseIterable {
    /// Seeds and tactics used for warm start and training.
    case train
    /// Seeds of topics never seen in training; tactic families never seen in training.
    case heldout
    /// Everything.
    case all
}

/// The built-in red-teaming world: a seeded, self-contained generator of seed requests (harmful over
/// nine harm categories and benign, some benign ones alarming), attack tactics, defender answers and
/// hidden thinking, each with ground-truth labels, split into train and held-out parts.
///
///     let w = try SafetyWorld(seed: 7)
///     w.seeds(.train)                  // plain seed requests of the training topics
///     var rng = SeededRandom(seed: 1)
///     let p = try w.attack(w.seeds(.train)[0], tactic: "fiction", rng: &rng)
///     p.text                           // the seed wrapped in a fiction phrasing
///
/// The world seed decides which topics are held out (a share of each category, by topic, so held-out
/// seeds are about things training never saw) and the order of the seed lists. Held-out tactic
/// families are chosen by name. Every text is short and template-built, for tiny models.
public struct SafetyWorld: Sendable {
    public let seed: UInt64
    /// Every topic of the catalogue.
    public let topics: [WorldTopic]
    public let tactics: [AttackTactic]
    /// Names of the tactic families kept out of training.
    public let heldoutTacticNames: [String]
    /// Keys of the topics kept out of training.
    public let heldoutKeys: Set<String>

    private let trainSeeds: [WorldSeed]
    private let heldoutSeeds: [WorldSeed]

    /// The most prompts, examples or demo games one call may ask for (a guard against typos like 1e9).
    public static let maxCount = 1_000_000

    /// The default held-out tactic families.
    public static let defaultHeldoutTactics = ["hypothetical", "authority"]

    /// - Parameters:
    ///   - seed: decides the held-out topics and the seed order.
    ///   - heldoutShare: share of each category's topics (and of the alarming and plain benign topics)
    ///     held out, rounded, at least one each when positive; in [0, 0.5].
    ///   - heldoutTactics: names of the tactic families kept out of training (at most half of them).
    public init(seed: UInt64, heldoutShare: Double = 0.25, heldoutTactics: [String] = SafetyWorld.defaultHeldoutTactics) throws {
        guard heldoutShare.isFinite, heldoutShare >= 0, heldoutShare <= 0.5 else {
            throw EngineError("world.safety: heldout share must be in [0, 0.5], got \(numberText(heldoutShare))")
        }
        let tactics = WorldTacticCatalogue.all
        let names = Set(tactics.map(\.name))
        for name in heldoutTactics where !names.contains(name) {
            throw EngineError("world.safety: unknown tactic '\(name)' (known: \(tactics.map(\.name).joined(separator: ", ")))")
        }
        guard Set(heldoutTactics).count * 2 <= tactics.count else {
            throw EngineError("world.safety: at most \(tactics.count / 2) tactic families can be held out")
        }
        self.seed = seed
        self.tactics = tactics
        self.heldoutTacticNames = tactics.map(\.name).filter { heldoutTactics.contains($0) }
        let topics = WorldTopicCatalogue.all
        self.topics = topics

        var rng = SeededRandom(seed: seed)
        // Hold out a share of every group separately so each split covers every category.
        var groups: [String: [WorldTopic]] = [:]
        var groupOrder: [String] = []
        for t in topics {
            let g = t.type == .harmful ? t.category : (t.alarming ? "benign-alarming" : "benign-plain")
            if groups[g] == nil { groupOrder.append(g) }
            groups[g, default: []].append(t)
        }
        var heldKeys = Set<String>()
        for g in groupOrder {
            var members = groups[g] ?? []
            rng.shuffle(&members)
            var n = Int((Double(members.count) * heldoutShare).rounded())
            if heldoutShare > 0 { n = max(n, 1) }
            for t in members.prefix(n) { heldKeys.insert(t.key) }
        }
        self.heldoutKeys = heldKeys

        var train: [WorldSeed] = [], held: [WorldSeed] = []
        for t in topics {
            for frame in WorldTopicCatalogue.seedFrames {
                let text = frame.replacingOccurrences(of: "{request}", with: t.request)
                let s = WorldSeed(text: text, type: t.type, category: t.category, key: t.key, request: t.request, alarming: t.alarming)
                if heldKeys.contains(t.key) { held.append(s) } else { train.append(s) }
            }
        }
        rng.shuffle(&train)
        rng.shuffle(&held)
        self.trainSeeds = train
        self.heldoutSeeds = held
    }

    /// The world's harm categories, in catalogue order.
    public var categories: [String] { WorldTopicCatalogue.harmful.map(\.category) }

    /// The seeds of a split (`type` nil for both types).
    public func seeds(_ split: WorldSplit = .train, type: SeedType? = nil) -> [WorldSeed] {
        let base: [WorldSeed]
        switch split {
        case .train: base = trainSeeds
        case .heldout: base = heldoutSeeds
        case .all: base = trainSeeds + heldoutSeeds
        }
        guard let type else { return base }
        return base.filter { $0.type == type }
    }

    /// The tactic families of a split.
    public func tactics(_ split: WorldSplit) -> [AttackTactic] {
        switch split {
        case .train: return tactics.filter { !heldoutTacticNames.contains($0.name) }
        case .heldout: return tactics.filter { heldoutTacticNames.contains($0.name) }
        case .all: return tactics
        }
    }

    /// The tactic family called `name`.
    public func tactic(named name: String) throws -> AttackTactic {
        guard let t = tactics.first(where: { $0.name == name }) else {
            throw EngineError("world: unknown tactic '\(name)' (known: \(tactics.map(\.name).joined(separator: ", ")))")
        }
        return t
    }

    /// The seed wrapped by one of the tactic's phrasings, drawn from `rng`.
    public func attack(_ seed: WorldSeed, tactic name: String, rng: inout SeededRandom) throws -> WorldPrompt {
        if name == AttackTactic.directName { return WorldPrompt(text: seed.text, seed: seed, tactic: name) }
        let t = try tactic(named: name)
        let phrasing = try pick(t.phrasings, &rng, what: "phrasings of \(name)")
        return WorldPrompt(text: try fillTactic(phrasing, seed), seed: seed, tactic: name)
    }

    /// `count` attack prompts: seeds from `seedSplit`, tactics from `tacticSplit`, half harmful
    /// (rounded up) and half benign, in a seeded order.
    public func attacks(count: Int, seeds seedSplit: WorldSplit = .train, tactics tacticSplit: WorldSplit = .train,
                        rng: inout SeededRandom) throws -> [WorldPrompt] {
        guard count >= 0, count <= Self.maxCount else {
            throw EngineError("world.attacks: count must be in 0...\(Self.maxCount), got \(count)")
        }
        let harmful = seeds(seedSplit, type: .harmful), benign = seeds(seedSplit, type: .benign)
        let pool = tactics(tacticSplit)
        var out: [WorldPrompt] = []
        for i in 0..<count {
            let s = try pick(i % 2 == 0 ? harmful : benign, &rng, what: "\(seedSplit.rawValue) seeds")
            let t = try pick(pool, &rng, what: "\(tacticSplit.rawValue) tactics")
            out.append(try attack(s, tactic: t.name, rng: &rng))
        }
        return out
    }

    /// A refusal in one of the world's styles.
    public func refusal(rng: inout SeededRandom) -> String {
        let styles = DefenderStyleCatalogue.refusals
        return styles[rng.nextInt(below: styles.count)].text
    }

    /// Compliance with `seed`: placeholder "[redacted ...]" steps for a harmful seed, simple help for a
    /// benign one.
    public func compliance(_ seed: WorldSeed, rng: inout SeededRandom) throws -> String {
        let styles = seed.type == .harmful ? DefenderStyleCatalogue.harmfulCompliance : DefenderStyleCatalogue.benignHelp
        let style = try pick(styles, &rng, what: "compliance styles")
        return try WorldText.fill(style, ["request": seed.request, "category": seed.category])
    }

    /// The words a tactic's idea is described by, for thinking demos ("a fiction story").
    func tacticIdea(_ name: String) -> String {
        tactics.first(where: { $0.name == name })?.idea ?? "a plain request"
    }

    /// Fills a tactic phrasing for `seed`.
    func fillTactic(_ phrasing: String, _ seed: WorldSeed) throws -> String {
        try WorldText.fill(phrasing, [
            "seed": seed.text, "request": seed.request,
            "spaced": WorldText.spaced(seed.request), "dashed": WorldText.dashed(seed.request),
            "leet": WorldText.leet(seed.request), "reversed": WorldText.reversed(seed.request),
        ])
    }
}

/// A uniformly drawn element; throws instead of trapping on an empty list.
func pick<T>(_ items: [T], _ rng: inout SeededRandom, what: String) throws -> T {
    guard !items.isEmpty else { throw EngineError("world: no \(what) to draw from") }
    return items[rng.nextInt(below: items.count)]
}
