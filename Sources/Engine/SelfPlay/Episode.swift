/// The record of one game: the seed and its ground truth, both roles' thinking and answers, format
/// verdicts, the judge's labels, the reward parts and the tie flag.
///
/// A seed sent straight to the defender has `attackerPlayed == false`, empty attacker texts, a nil
/// attacker format and a nil attacker reward; its `defenderPrompt` is the seed itself. A game whose
/// judgment was malformed keeps the judge's complaint in `judgeError`, unknown labels and zero
/// rewards; it is dropped from training and counted as `judge_errors`, never as a tie.
///
/// JSONL records hold every field, `null` for a missing one, and each reward with its parts and
/// `total`, so they carry the same values as the CSV columns.
public struct Episode: Codable, Sendable, Equatable {
    /// The training step (rollout) the game was played in.
    public var step: Int
    public var seed: String
    public var seedType: SeedType
    /// A harm category, "benign", or "" when the seed's category is not known.
    public var category: String
    /// Benign but alarming-sounding seed.
    public var alarming: Bool
    /// The tactic family: the world's name for world-built attacks and demos, "direct" for an
    /// unattacked seed, and for an attack a model wrote "model:" + the family `TacticDetector` sees
    /// in its text ("model:fiction"), or "model:other" when it sees none.
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
    /// Some label was unknown (false for a game with a judge error).
    public var tie: Bool
    /// Why the judge's answer for this game could not be used, or nil.
    public var judgeError: String?

    enum CodingKeys: String, CodingKey {
        case step, seed, seedType = "seed_type", category, alarming, tactic
        case attackerPlayed = "attacker_played", attackerThinking = "attacker_thinking"
        case attackerAnswer = "attacker_answer", attackerFormatOK = "attacker_format_ok"
        case defenderPrompt = "defender_prompt", defenderThinking = "defender_thinking"
        case defenderAnswer = "defender_answer", defenderFormatOK = "defender_format_ok"
        case labels, attackerReward = "attacker_reward", defenderReward = "defender_reward", tie
        case judgeError = "judge_error"
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

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        step = try c.decode(Int.self, forKey: .step)
        seed = try c.decode(String.self, forKey: .seed)
        seedType = try c.decode(SeedType.self, forKey: .seedType)
        category = try c.decode(String.self, forKey: .category)
        alarming = try c.decode(Bool.self, forKey: .alarming)
        tactic = try c.decode(String.self, forKey: .tactic)
        attackerPlayed = try c.decode(Bool.self, forKey: .attackerPlayed)
        attackerThinking = try c.decode(String.self, forKey: .attackerThinking)
        attackerAnswer = try c.decode(String.self, forKey: .attackerAnswer)
        attackerFormatOK = try c.decodeIfPresent(Bool.self, forKey: .attackerFormatOK)
        defenderPrompt = try c.decode(String.self, forKey: .defenderPrompt)
        defenderThinking = try c.decode(String.self, forKey: .defenderThinking)
        defenderAnswer = try c.decode(String.self, forKey: .defenderAnswer)
        defenderFormatOK = try c.decodeIfPresent(Bool.self, forKey: .defenderFormatOK)
        labels = try c.decode(SafetyLabels.self, forKey: .labels)
        attackerReward = try c.decodeIfPresent(RoleRewardParts.self, forKey: .attackerReward)
        defenderReward = try c.decode(RoleRewardParts.self, forKey: .defenderReward)
        tie = try c.decode(Bool.self, forKey: .tie)
        judgeError = try c.decodeIfPresent(String.self, forKey: .judgeError)
    }

    /// Every key, missing values as `null` (the synthesized encoder would leave them out).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(step, forKey: .step)
        try c.encode(seed, forKey: .seed)
        try c.encode(seedType, forKey: .seedType)
        try c.encode(category, forKey: .category)
        try c.encode(alarming, forKey: .alarming)
        try c.encode(tactic, forKey: .tactic)
        try c.encode(attackerPlayed, forKey: .attackerPlayed)
        try c.encode(attackerThinking, forKey: .attackerThinking)
        try c.encode(attackerAnswer, forKey: .attackerAnswer)
        try c.encode(attackerFormatOK, forKey: .attackerFormatOK)
        try c.encode(defenderPrompt, forKey: .defenderPrompt)
        try c.encode(defenderThinking, forKey: .defenderThinking)
        try c.encode(defenderAnswer, forKey: .defenderAnswer)
        try c.encode(defenderFormatOK, forKey: .defenderFormatOK)
        try c.encode(labels, forKey: .labels)
        try c.encode(attackerReward, forKey: .attackerReward)
        try c.encode(defenderReward, forKey: .defenderReward)
        try c.encode(tie, forKey: .tie)
        try c.encode(judgeError, forKey: .judgeError)
    }

    /// What the reward table sees of this game.
    public var rewardInput: GameRewardInput {
        GameRewardInput(seedType: seedType, attackerPlayed: attackerPlayed, attackerFormatOK: attackerFormatOK,
                        defenderFormatOK: defenderFormatOK, labels: labels)
    }

    /// The same game scored by another reward table: the labels and format verdicts stay, the
    /// reward parts and the tie flag are recomputed (a game with a judge error stays as it is).
    public func rescored(with table: RewardTable) throws -> Episode {
        guard judgeError == nil else { return self }
        let r = try table.rewards(rewardInput)
        var e = self
        e.attackerReward = r.attacker
        e.defenderReward = r.defender
        e.tie = r.tie
        return e
    }

    /// Labels a finished game with `judge` and scores it with `table`: the one place where a game's
    /// texts become a record. A `MalformedJudgment` from the judge makes a game with a judge error
    /// (unknown labels, zero rewards, no tie); any other error propagates.
    public static func judged(step: Int, seed: WorldSeed, tactic: String, attacker: ParsedTurn?, attackerCoT: Bool,
                              defenderPrompt: String, defender: ParsedTurn, defenderCoT: Bool,
                              judge: SafetyJudge, table: RewardTable) throws -> Episode {
        var labels = SafetyLabels.unknown
        var judgeError: String?
        do { labels = try judge.label(prompt: defenderPrompt, response: defender.answer) } catch let e as MalformedJudgment {
            judgeError = e.message
        }
        let atkOK: Bool? = (attacker != nil && attackerCoT) ? attacker?.formatOK : nil
        let defOK: Bool? = defenderCoT ? defender.formatOK : nil
        var rewards = GameRewards(attacker: attacker == nil ? nil : RoleRewardParts(), defender: RoleRewardParts(), tie: false)
        if judgeError == nil {
            rewards = try table.rewards(GameRewardInput(seedType: seed.type, attackerPlayed: attacker != nil,
                                                        attackerFormatOK: atkOK, defenderFormatOK: defOK, labels: labels))
        }
        var e = Episode(step: step, seed: seed.text, seedType: seed.type, category: seed.category, alarming: seed.alarming,
                        tactic: attacker == nil ? AttackTactic.directName : tactic, attackerPlayed: attacker != nil,
                        attackerThinking: attacker?.thinking ?? "", attackerAnswer: attacker?.answer ?? "",
                        attackerFormatOK: atkOK, defenderPrompt: defenderPrompt, defenderThinking: defender.thinking,
                        defenderAnswer: defender.answer, defenderFormatOK: defOK, labels: labels, rewards: rewards)
        e.judgeError = judgeError
        return e
    }
}
