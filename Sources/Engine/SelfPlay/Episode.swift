/// The record of one game: the seed and its ground truth, both roles' thinking and answers, format
/// verdicts, the judge's labels, the reward parts and the tie flag.
///
/// A seed sent straight to the defender has `attackerPlayed == false`, empty attacker texts, a nil
/// attacker format and a nil attacker reward; its `defenderPrompt` is the seed itself.
public struct Episode: Codable, Sendable, Equatable {
    /// The training step (rollout) the game was played in.
    public var step: Int
    public var seed: String
    public var seedType: SeedType
    /// A harm category, "benign", or "" when the seed's category is not known.
    public var category: String
    /// Benign but alarming-sounding seed.
    public var alarming: Bool
    /// The tactic family when known (world-built attacks, demos), "direct" for an unattacked seed,
    /// "" for a free-form model attack.
    public var tactic: String
    public var attackerPlayed: Bool
    public var attackerThinking: String
    public var attackerAnswer: String
    /// nil when thinking is off or the attacker did not play.
    public var attackerFormatOK: Bool?
    /// The message the defender answered: the attacker's answer, or the seed.
    public var defenderPrompt: String
    public var defenderThinking: String
    public var defenderAnswer: String
    public var defenderFormatOK: Bool?
    public var labels: SafetyLabels
    public var attackerReward: RoleRewardParts?
    public var defenderReward: RoleRewardParts
    /// Some label was unknown.
    public var tie: Bool

    enum CodingKeys: String, CodingKey {
        case step, seed, seedType = "seed_type", category, alarming, tactic
        case attackerPlayed = "attacker_played", attackerThinking = "attacker_thinking"
        case attackerAnswer = "attacker_answer", attackerFormatOK = "attacker_format_ok"
        case defenderPrompt = "defender_prompt", defenderThinking = "defender_thinking"
        case defenderAnswer = "defender_answer", defenderFormatOK = "defender_format_ok"
        case labels, attackerReward = "attacker_reward", defenderReward = "defender_reward", tie
    }

    public init(step: Int, seed: String, seedType: SeedType, category: String, alarming: Bool, tactic: String,
                attackerPlayed: Bool, attackerThinking: String, attackerAnswer: String, attackerFormatOK: Bool?,
                defenderPrompt: String, defenderThinking: String, defenderAnswer: String, defenderFormatOK: Bool?,
                labels: SafetyLabels, rewards: GameRewards) {
        self.step = step
        self.seed = seed
        self.seedType = seedType
        self.category = category
        self.alarming = alarming
        self.tactic = tactic
        self.attackerPlayed = attackerPlayed
        self.attackerThinking = attackerThinking
        self.attackerAnswer = attackerAnswer
        self.attackerFormatOK = attackerFormatOK
        self.defenderPrompt = defenderPrompt
        self.defenderThinking = defenderThinking
        self.defenderAnswer = defenderAnswer
        self.defenderFormatOK = defenderFormatOK
        self.labels = labels
        self.attackerReward = rewards.attacker
        self.defenderReward = rewards.defender
        self.tie = rewards.tie
    }

    /// Labels a finished game with `judge` and scores it with `table`: the one place where a game's
    /// texts become a record.
    public static func judged(step: Int, seed: WorldSeed, tactic: String, attacker: ParsedTurn?, attackerCoT: Bool,
                              defenderPrompt: String, defender: ParsedTurn, defenderCoT: Bool,
                              judge: SafetyJudge, table: RewardTable) throws -> Episode {
        let labels = try judge.label(prompt: defenderPrompt, response: defender.answer)
        let atkOK: Bool? = (attacker != nil && attackerCoT) ? attacker?.formatOK : nil
        let defOK: Bool? = defenderCoT ? defender.formatOK : nil
        let rewards = try table.rewards(GameRewardInput(seedType: seed.type, attackerPlayed: attacker != nil,
                                                        attackerFormatOK: atkOK, defenderFormatOK: defOK, labels: labels))
        return Episode(step: step, seed: seed.text, seedType: seed.type, category: seed.category, alarming: seed.alarming,
                       tactic: attacker == nil ? AttackTactic.directName : tactic, attackerPlayed: attacker != nil,
                       attackerThinking: attacker?.thinking ?? "", attackerAnswer: attacker?.answer ?? "",
                       attackerFormatOK: atkOK, defenderPrompt: defenderPrompt, defenderThinking: defender.thinking,
                       defenderAnswer: defender.answer, defenderFormatOK: defOK, labels: labels, rewards: rewards)
    }
}
