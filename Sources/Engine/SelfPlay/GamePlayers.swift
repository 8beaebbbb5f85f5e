/// Who plays a role in a match: the live (trained) policy, the frozen initial model, or a frozen copy.
public enum PolicyRef {
    /// The policy being trained.
    case live
    /// The frozen initial model (also the KL reference).
    case reference
    /// A frozen policy kept in the game's snapshot store under `name` (league pool members, user snapshots).
    case snapshot(name: String)
    /// Any other policy, e.g. another run's trained attacker in an evaluation (not saved in checkpoints).
    case other(SelfPlayPolicy)
    /// A member of the game's league pool, drawn each step by the schedule: a snapshot of the live
    /// policy joins every `every` steps and the last `pool` are kept (`Schedule` resolves it).
    case league(pool: Int, every: Int)

    var isLive: Bool { if case .live = self { return true } else { return false } }
}

/// Where the defender's messages come from in a match.
public enum AttackerSource {
    /// A policy rewrites seeds (a share of seeds still goes straight to the defender).
    case policy(PolicyRef)
    /// Every seed goes straight to the defender (the defender-only baseline: a static attacker).
    case direct
    /// A fixed list of attack prompts (e.g. the world's held-out attacks), drawn uniformly.
    case attacks([WorldPrompt])
}

/// One kind of game within a step: who attacks, who defends, which roles' samples train, and the
/// share of the step's games it gets.
public struct Match {
    public var attacker: AttackerSource
    public var defender: PolicyRef
    /// Roles whose samples train the live policy; a trained role must be played by `.live`.
    public var train: Set<RoleKind>
    /// Share of the step's seeds; the shares of a step's matches are normalised.
    public var share: Double

    public init(attacker: AttackerSource, defender: PolicyRef, train: Set<RoleKind>, share: Double = 1) {
        self.attacker = attacker
        self.defender = defender
        self.train = train
        self.share = share
    }

    /// Self-play: the live policy plays both roles and both train.
    public static let selfplay = Match(attacker: .policy(.live), defender: .live, train: [.attacker, .defender])
}
