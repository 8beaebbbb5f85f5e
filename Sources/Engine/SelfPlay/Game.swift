import Foundation

/// Everything that defines a game apart from the policy: roles, judge, seeds, rewards, the seed mix,
/// sampling, batch size, the RL arguments and the optional demos of the auxiliary loss.
public struct GameConfig {
    public var attacker: RolePrompt
    public var defender: RolePrompt
    public var judge: SafetyJudge
    /// The seed requests games draw from (both types unless `harmfulShare` is 0 or 1).
    public var seeds: [WorldSeed]
    public var rewards: RewardTable
    /// Share of harmful seeds among the draws (the paper: half).
    public var harmfulShare: Double = 0.5
    /// Share of seeds sent straight to the defender without an attacker turn (the paper: half).
    public var directShare: Double = 0.5
    /// Sampling for both roles (its `seed` is ignored: every step draws its own).
    public var sampling = PolicySampling(maxTokens: 64)
    /// Seeds drawn per training step (each played `rl.samplesPerSeed` times).
    public var gamesPerStep: Int = 16
    /// The seed of the game's random stream: seed draws, sampling, shuffles, league opponents.
    public var seed: UInt64 = 0
    public var rl = RLArguments()
    /// (prompt, completion) pairs for the supervised auxiliary loss (`rl.auxWeight`).
    public var auxDemos: [(prompt: String, completion: String)] = []
    /// Names the tactic family of model-written attacks in the ledger ("model:fiction").
    public var tactics = TacticDetector.world

    public init(attacker: RolePrompt, defender: RolePrompt, judge: SafetyJudge, seeds: [WorldSeed], rewards: RewardTable) {
        self.attacker = attacker
        self.defender = defender
        self.judge = judge
        self.seeds = seeds
        self.rewards = rewards
    }

    /// Throws a clear error for anything the game cannot play with.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw EngineError("game: \(message)") } }
        try check(attacker.kind == .attacker, "attacker: must be an attacker role (role.attacker)")
        try check(defender.kind == .defender, "defender: must be a defender role (role.defender)")
        try check(!seeds.isEmpty, "seeds: the seed set is empty")
        try check(harmfulShare >= 0 && harmfulShare <= 1, "harmful_share must be in [0, 1], got \(numberText(harmfulShare))")
        try check(directShare >= 0 && directShare <= 1, "direct_share must be in [0, 1], got \(numberText(directShare))")
        try check(harmfulShare == 0 || seeds.contains { $0.type == .harmful }, "seeds: no harmful seeds but harmful_share is \(numberText(harmfulShare))")
        try check(harmfulShare == 1 || seeds.contains { $0.type == .benign }, "seeds: no benign seeds but harmful_share is \(numberText(harmfulShare))")
        try check(gamesPerStep >= 1 && gamesPerStep <= 100_000, "batch must be 1...100000, got \(gamesPerStep)")
        try check(sampling.maxTokens >= 1 && sampling.maxTokens <= 100_000, "max_tokens must be 1...100000")
        try check(sampling.temperature > 0 && sampling.temperature.isFinite, "temperature must be positive")
        try check(sampling.topP > 0 && sampling.topP <= 1, "top_p must be in (0, 1]")
        try rl.validate()
    }
}

/// The self-play game of REFERENCE.md: one live policy playing attacker and defender against itself
/// (or against frozen copies, as a schedule says), a judge, a reward table, REINFORCE++ updates, a
/// ledger of every game and a metrics history. Checkpoints hold the whole state.
///
///     let game = try Game(policy: lm, config: config)
///     try game.run(.selfplay, steps: 100)
///     game.ledger; game.history.last
public final class Game {
    public var config: GameConfig
    /// The policy being trained.
    public let policy: SelfPlayPolicy
    /// The frozen initial model: the KL reference and the default frozen opponent.
    public internal(set) var reference: SelfPlayPolicy
    /// Frozen policies by name (league pool members, user snapshots), saved in checkpoints.
    public internal(set) var snapshots: [String: SelfPlayPolicy] = [:]
    /// The league pool: snapshot names, oldest first.
    public internal(set) var leaguePool: [String] = []
    /// Rollout steps taken (the step recorded in episodes).
    public internal(set) var step = 0
    var rng: SeededRandom
    public internal(set) var ledger = Ledger()
    /// One metrics row per step.
    public internal(set) var history: [StepMetrics] = []
    /// Encoded demos for the auxiliary loss, made on first use.
    var encodedAuxDemos: [[Int]]?

    /// The tags a role with hidden thinking must be able to write (`<think>` is in the prompt).
    public static let formatTags = [FormatCheck.closeThink, FormatCheck.openAnswer, FormatCheck.closeAnswer]

    public init(policy: SelfPlayPolicy, config: GameConfig) throws {
        try config.validate()
        guard policy.canTrain else { throw EngineError("game: the model is a frozen snapshot; give the game a model it can train") }
        if config.attacker.cot || config.defender.cot {
            let missing = policy.missingFormatTokens(Self.formatTags)
            guard missing.isEmpty else {
                throw EngineError("game: the model cannot write the role tokens \(missing.joined(separator: " ")) (hidden thinking needs them; train its tokenizer with the special tokens or use cot: false)")
            }
        }
        self.config = config
        self.policy = policy
        self.reference = try policy.snapshot()
        self.rng = SeededRandom(seed: config.seed)
    }

    /// The policy a reference names.
    func resolve(_ ref: PolicyRef) throws -> SelfPlayPolicy {
        switch ref {
        case .live: return policy
        case .reference: return reference
        case .snapshot(let name):
            guard let p = snapshots[name] else { throw EngineError("game: no snapshot named '\(name)'") }
            return p
        case .other(let p): return p
        case .league: throw EngineError("game: a league opponent is drawn by a schedule's step, not named directly")
        }
    }

    /// Stores a frozen copy of the live policy under `name` (replacing one of the same name).
    @discardableResult
    public func addSnapshot(named name: String) throws -> SelfPlayPolicy {
        let s = try policy.snapshot()
        snapshots[name] = s
        return s
    }

    /// Stores a given frozen policy (e.g. a model snapshot the user made) under `name`.
    public func addSnapshot(_ frozen: SelfPlayPolicy, named name: String) {
        snapshots[name] = frozen
    }

    /// A fresh random stream for one step (or one `play`), drawn from the game's stream.
    func nextStepRandom() -> SeededRandom { SeededRandom(seed: rng.next()) }
}
