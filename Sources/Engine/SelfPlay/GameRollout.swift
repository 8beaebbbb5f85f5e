/// One role's turn as the RL update needs it: the prompt the policy saw, the sampled tokens and their
/// log-probs, whether the live policy produced it, and the group (seed draw) it belongs to.
public struct RoleTurn: Sendable, Equatable {
    public let prompt: String
    public let sample: PolicySample
    /// True when the live policy generated this turn (only such turns can train).
    public let live: Bool
}

/// The games of one `play`: episodes (the public record) and, beside each, the token-level turns.
public struct Rollout {
    public var episodes: [Episode] = []
    /// Per episode: the attacker's turn (nil when the seed went straight to the defender or the attack
    /// came from a fixed list) and the defender's turn.
    public var attackerTurns: [RoleTurn?] = []
    public var defenderTurns: [RoleTurn] = []
    /// Per episode: the seed draw it came from (games of one seed share a group).
    public var groups: [Int] = []
    /// Per episode: which roles may train on it (from its match).
    public var trainable: [Set<RoleKind>] = []
    /// Time spent sampling and judging these games.
    public var generateSeconds = 0.0
    public var judgeSeconds = 0.0

    public init() {}

    public var count: Int { episodes.count }

    public mutating func append(contentsOf other: Rollout, groupOffset: Int) {
        episodes += other.episodes
        attackerTurns += other.attackerTurns
        defenderTurns += other.defenderTurns
        groups += other.groups.map { $0 + groupOffset }
        trainable += other.trainable
    }
}
