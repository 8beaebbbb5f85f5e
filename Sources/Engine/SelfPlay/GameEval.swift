/// An evaluation's games and their metrics; evaluations never train and never touch the game's
/// random stream or ledger.
public struct Evaluation {
    public let rollout: Rollout
    public let metrics: StepMetrics
}

extension Game {
    /// Plays `games` seed draws of `attacker` against `defender` with its own `seed`, on `seeds` (the
    /// game's seeds by default). Every seed is attacked (`directShare` 0) unless the attacker is
    /// `.direct`.
    ///
    /// - the attacker against a fixed defender: `evaluate(attacker: .policy(.live), defender: .reference)`
    /// - the defender against held-out attacks: `evaluate(attacker: .attacks(heldout), defender: .live)`
    /// - the defender against another run's attacker: `evaluate(attacker: .policy(.other(p)), defender: .live)`
    public func evaluate(attacker: AttackerSource, defender: PolicyRef, seeds: [WorldSeed]? = nil, games: Int,
                         seed: UInt64 = 0) throws -> Evaluation {
        guard games >= 1 else { throw EngineError("eval: games must be at least 1, got \(games)") }
        if let seeds, seeds.isEmpty { throw EngineError("eval: the seed set is empty") }
        var rng = SeededRandom(seed: seed)
        let match = Match(attacker: attacker, defender: defender, train: [])
        let rollout = try play(seeds: games, match: match, step: step, rng: &rng, seedPool: seeds, directShare: 0)
        return Evaluation(rollout: rollout, metrics: StepMetrics(step: step, rollout: rollout, update: nil))
    }
}
