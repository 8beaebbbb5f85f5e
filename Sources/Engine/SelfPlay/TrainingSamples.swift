/// One role's training sample from a game: which episode, which role, the text it generated after its
/// prompt, and the reward to put on its last token.
public struct RoleSample: Sendable, Equatable {
    public let episodeIndex: Int
    public let role: RoleKind
    public let reward: Double
}

extension Ledger {
    /// The samples RL trains on. A game gives a defender sample, plus an attacker sample when the
    /// attacker played; with `removeTies` (the paper's setting) every sample of a tie game is dropped,
    /// and a game with a judge error never gives a sample.
    /// `roles` limits the samples to some roles (attacker-only and defender-only baselines).
    public func trainingSamples(removeTies: Bool = true, roles: Set<RoleKind> = [.attacker, .defender]) -> [RoleSample] {
        var out: [RoleSample] = []
        for (i, e) in episodes.enumerated() {
            if e.judgeError != nil || (removeTies && e.tie) { continue }
            if roles.contains(.attacker), e.attackerPlayed, let a = e.attackerReward {
                out.append(RoleSample(episodeIndex: i, role: .attacker, reward: a.total))
            }
            if roles.contains(.defender) {
                out.append(RoleSample(episodeIndex: i, role: .defender, reward: e.defenderReward.total))
            }
        }
        return out
    }
}
