extension SafetyWorld {
    /// A labelled set of games for scoring judges: attack prompts (every tactic of `tactics`, plus seeds
    /// sent as they are) paired with world refusals or compliances, half harmful seeds, with gold labels
    /// from the world's ground truth.
    ///
    /// - Parameters:
    ///   - count: number of examples.
    ///   - refusalShare: share of responses that are refusals (the rest comply), in [0, 1].
    public func labelledSet(count: Int, seeds seedSplit: WorldSplit = .all, tactics tacticSplit: WorldSplit = .all,
                            refusalShare: Double = 0.5, rng: inout SeededRandom) throws -> [LabelledPair] {
        guard count >= 0, count <= Self.maxCount else {
            throw EngineError("world.labelled: count must be in 0...\(Self.maxCount), got \(count)")
        }
        guard refusalShare.isFinite, refusalShare >= 0, refusalShare <= 1 else {
            throw EngineError("world.labelled: refusal share must be in [0, 1], got \(numberText(refusalShare))")
        }
        let tacticNames = tactics(tacticSplit).map(\.name) + [AttackTactic.directName]
        var out: [LabelledPair] = []
        for i in 0..<count {
            let s = try pick(seeds(seedSplit, type: i % 2 == 0 ? .harmful : .benign), &rng, what: "seeds")
            let tactic = try pick(tacticNames, &rng, what: "tactics")
            let prompt = try attack(s, tactic: tactic, rng: &rng)
            let refuses = rng.nextDouble() < refusalShare
            let response = refuses ? refusal(rng: &rng) : try compliance(s, rng: &rng)
            let gold = SafetyLabels(promptHarmful: TriState(s.type == .harmful), refusal: TriState(refuses),
                                    responseHarmful: TriState(!refuses && s.type == .harmful))
            out.append(LabelledPair(prompt: prompt.text, response: response, gold: gold, tactic: tactic))
        }
        return out
    }
}
