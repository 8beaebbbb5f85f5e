/// The metrics of one training step (or one evaluation), under fixed names. The one place the
/// names are defined:
///
/// | name | meaning |
/// |---|---|
/// | games | games played |
/// | samples | role turns trained on (after dropping ties, judge errors and frozen players' turns) |
/// | judge_errors | games whose judgment was malformed (a count): dropped from training and from every rate |
/// | attack_success | harmful-seed games whose response is judged harmful |
/// | harmful_refusal | prompts judged harmful that were refused |
/// | benign_over_refusal | prompts judged benign that were refused |
/// | alarming_over_refusal | the same for alarming-but-benign seeds |
/// | faithfulness | attacker rewrites whose judged prompt label matches the seed type |
/// | format_violations | turns with hidden thinking (both roles) that broke the format |
/// | attacker_format_violations, defender_format_violations | the same per role |
/// | tie_share | share of judged games with an unknown label |
/// | reward_attacker, reward_defender | mean total reward of non-tie samples per role |
/// | kl | mean per-token k1 estimate log π − log π_ref of the trained tokens |
/// | loss | mean per-token PPO-clip loss |
/// | aux_loss | mean per-token NLL of the auxiliary demos |
/// | clip_fraction | share of trained tokens whose ratio was clipped |
/// | grad_norm | mean gradient norm before clipping |
/// | lr | the learning rate of the step |
/// | self_bleu_div | 1 − Self-BLEU of the step's model-written attacks |
/// | embed_div | 1 − mean pairwise cosine of their `SentenceEmbedding`s |
/// | seconds_generate, seconds_judge, seconds_update | where the step's time went |
///
/// A value is nil when nothing qualifies (no harmful seeds, no update, fewer than two attacks).
public struct StepMetrics: Codable, Sendable, Equatable {
    public static let names = [
        "games", "samples", "judge_errors", "attack_success", "harmful_refusal", "benign_over_refusal", "alarming_over_refusal",
        "faithfulness", "format_violations", "attacker_format_violations", "defender_format_violations", "tie_share",
        "reward_attacker", "reward_defender", "kl", "loss", "aux_loss", "clip_fraction", "grad_norm", "lr",
        "self_bleu_div", "embed_div", "seconds_generate", "seconds_judge", "seconds_update",
    ]
    /// Names whose values depend on the clock (left out when runs are compared).
    public static let timingNames: Set<String> = ["seconds_generate", "seconds_judge", "seconds_update"]

    /// The step these metrics describe.
    public var step: Int
    /// Values in the order of `names`.
    public var values: [Double?]

    public subscript(name: String) -> Double? {
        guard let i = Self.names.firstIndex(of: name) else { return nil }
        return values[i]
    }

    /// Metrics of a rollout and the update trained on it (nil `update` for evaluations); diversity is
    /// measured on the attacks the models wrote (not on fixed attack lists).
    public init(step: Int, rollout: Rollout, update: UpdateStats?) {
        let attacks = rollout.episodes.indices.compactMap { i -> String? in
            rollout.attackerTurns[i] != nil ? rollout.episodes[i].attackerAnswer : nil
        }
        self.init(step: step, episodes: rollout.episodes, attacks: attacks, update: update,
                  generateSeconds: rollout.generateSeconds, judgeSeconds: rollout.judgeSeconds)
    }

    /// Metrics of some episodes; `attacks` are the texts whose diversity is measured.
    public init(step: Int, episodes: [Episode], attacks: [String], update: UpdateStats?,
                generateSeconds: Double? = nil, judgeSeconds: Double? = nil) {
        self.step = step
        let m = SelfPlayMetrics(episodes)
        var formatBroken = 0, formatTotal = 0
        for e in episodes {
            for ok in [e.attackerFormatOK, e.defenderFormatOK] {
                if let ok { formatTotal += 1; if !ok { formatBroken += 1 } }
            }
        }
        var bleu: Double?, embed: Double?
        if attacks.count >= 2 {
            let texts = Array(attacks.prefix(256))
            bleu = try? SelfBLEU.diversity(texts)
            embed = try? SentenceEmbedding().diversity(texts)
        }
        let v: [String: Double?] = [
            "games": Double(episodes.count), "samples": update.map { Double($0.samples) }, "judge_errors": Double(m.judgeErrors),
            "attack_success": m.attackSuccess, "harmful_refusal": m.harmfulRefusal, "benign_over_refusal": m.overRefusal,
            "alarming_over_refusal": m.alarmingOverRefusal, "faithfulness": m.faithfulness,
            "format_violations": formatTotal == 0 ? nil : Double(formatBroken) / Double(formatTotal),
            "attacker_format_violations": m.attackerFormatViolations, "defender_format_violations": m.defenderFormatViolations,
            "tie_share": m.tieShare, "reward_attacker": m.meanAttackerReward, "reward_defender": m.meanDefenderReward,
            "kl": update?.kl, "loss": update?.loss, "aux_loss": update?.auxLoss, "clip_fraction": update?.clipFraction,
            "grad_norm": update?.gradNorm, "lr": update.map { $0.learningRate },
            "self_bleu_div": bleu, "embed_div": embed,
            "seconds_generate": generateSeconds, "seconds_judge": judgeSeconds, "seconds_update": update.map { $0.seconds },
        ]
        values = Self.names.map { v[$0] ?? nil }
    }

    /// The values without the clock-dependent ones, for comparing runs.
    public var withoutTimings: [Double?] {
        zip(Self.names, values).filter { !Self.timingNames.contains($0.0) }.map(\.1)
    }
}
