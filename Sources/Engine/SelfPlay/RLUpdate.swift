import Foundation

/// What one RL update did.
public struct UpdateStats: Sendable, Equatable {
    /// Samples (role turns) trained on, and their action tokens.
    public var samples = 0
    public var tokens = 0
    /// Mean PPO-clip loss per token over the buffer.
    public var loss: Double?
    /// Mean k1 KL estimate log π − log π_ref per token (under the sampling policy).
    public var kl: Double?
    /// Share of tokens whose clipped branch was taken.
    public var clipFraction: Double?
    /// Mean gradient norm (before clipping) over the optimizer steps.
    public var gradNorm: Double?
    /// Mean negative log-likelihood per token of the auxiliary demos (nil when off).
    public var auxLoss: Double?
    /// The learning rate used.
    public var learningRate = 0.0
    public var seconds = 0.0
}

/// One role turn in the training buffer with everything REINFORCE++ computes for it.
struct BufferEntry {
    let role: RoleKind
    let prompt: String
    let tokens: [Int]
    let group: Int
    var reward: Double
    var oldLogprobs: [Double] = []
    var advantages: [Double] = []
}

extension Game {
    /// The learning rate at game step `step`: the warm-up and cosine over `rl.totalSteps`, or the
    /// constant `rl.learningRate` when no total is set. A function of the step alone, so split,
    /// continued and resumed runs follow one schedule.
    func learningRate(at step: Int) throws -> Double {
        let rl = config.rl
        guard let total = rl.totalSteps else { return rl.learningRate }
        guard step < total else { throw Self.pastTotal(step: step, total: total) }
        return RLMath.cosineLearningRate(step: step, total: total, peak: rl.learningRate, warmupShare: rl.warmupShare,
                                         minShare: rl.minLearningRateShare)
    }

    static func pastTotal(step: Int, total: Int) -> EngineError {
        EngineError("reinforce_pp: step \(step) is past total_steps \(total), where the learning-rate schedule ends; make the game with a larger total_steps (or total_steps: nil for a constant rate)")
    }

    /// The samples an update trains on: turns the live policy played in a role its match trains,
    /// without ties when `removeTies` is on and never with a judge error (the paper drops games its
    /// judge could not score). Direct games give a defender sample only.
    func trainingBuffer(_ rollout: Rollout) -> [BufferEntry] {
        var buffer: [BufferEntry] = []
        for (i, e) in rollout.episodes.enumerated() {
            if e.judgeError != nil || (config.rl.removeTies && e.tie) { continue }
            let train = rollout.trainable[i]
            if train.contains(.attacker), let t = rollout.attackerTurns[i], t.live, let r = e.attackerReward, !t.sample.tokens.isEmpty {
                buffer.append(BufferEntry(role: .attacker, prompt: t.prompt, tokens: t.sample.tokens, group: rollout.groups[i], reward: r.total,
                                          oldLogprobs: t.sample.logprobs))
            }
            let d = rollout.defenderTurns[i]
            if train.contains(.defender), d.live, !d.sample.tokens.isEmpty {
                buffer.append(BufferEntry(role: .defender, prompt: d.prompt, tokens: d.sample.tokens, group: rollout.groups[i],
                                          reward: e.defenderReward.total, oldLogprobs: d.sample.logprobs))
            }
        }
        return buffer
    }

    /// REINFORCE++ on one rollout (REFERENCE.md, "Training"): per-token rewards −β·k1 plus the game
    /// reward on the last token, reward-to-go, advantages whitened separately per role, PPO-clip on the
    /// token ratio averaged over tokens, one pass over the shuffled buffer of both roles in
    /// `rl.minibatches` Adam steps, with the optional supervised auxiliary loss added to each step.
    public func update(_ rollout: Rollout, step: Int, rng: inout SeededRandom) throws -> UpdateStats {
        let started = monotonicSeconds()
        let rl = config.rl
        try rl.validate()
        var stats = UpdateStats()
        stats.learningRate = try learningRate(at: step)
        var buffer = trainingBuffer(rollout)
        guard !buffer.isEmpty else { stats.seconds = monotonicSeconds() - started; return stats }

        // Old log-probs: the sampler's own when it sampled from the policy itself, else recomputed.
        let prompts = buffer.map(\.prompt), completions = buffer.map(\.tokens)
        let samplerIsPolicy = config.sampling.temperature == 1 && config.sampling.topP == 1
        if !samplerIsPolicy || buffer.contains(where: { $0.oldLogprobs.count != $0.tokens.count }) {
            let lps = try policy.logprobs(prompts: prompts, completions: completions)
            for i in buffer.indices { buffer[i].oldLogprobs = lps[i] }
        }
        // Always scored: the KL metric is reported even when β is 0.
        let refLogprobs = try reference.logprobs(prompts: prompts, completions: completions)

        // Game rewards after the group baseline (per role), then token rewards and returns.
        for role in [RoleKind.attacker, .defender] {
            let idx = buffer.indices.filter { buffer[$0].role == role }
            let adjusted = try RLMath.groupBaseline(idx.map { buffer[$0].reward }, groups: idx.map { buffer[$0].group }, kind: rl.baseline)
            for (j, i) in idx.enumerated() { buffer[i].reward = adjusted[j] }
        }
        var klSum = 0.0, tokenCount = 0
        var returns: [[Double]] = []
        for (i, e) in buffer.enumerated() {
            let r = try RLMath.tokenRewards(logprobs: e.oldLogprobs, referenceLogprobs: refLogprobs[i], klCoef: rl.klCoef, reward: e.reward)
            returns.append(RLMath.rewardToGo(r, gamma: rl.gamma))
            klSum += zip(e.oldLogprobs, refLogprobs[i]).reduce(0) { $0 + ($1.0 - $1.1) }
            tokenCount += e.tokens.count
        }
        stats.kl = klSum / Double(tokenCount)
        stats.tokens = tokenCount
        stats.samples = buffer.count
        let whitenAdvantages = rl.baseline == .whiten || rl.baseline == .groupMean
        let advantages = whitenAdvantages ? try RLMath.whitenPerRole(returns, roles: buffer.map(\.role)) : returns
        for i in buffer.indices { buffer[i].advantages = advantages[i] }

        // One pass over the shuffled buffer.
        var order = Array(buffer.indices)
        rng.shuffle(&order)
        let chunks = min(rl.minibatches, order.count)
        var lossSum = 0.0, clippedCount = 0, normSum = 0.0, auxSum = 0.0, auxTokens = 0
        for c in 0..<chunks {
            let part = Array(order[(c * order.count / chunks)..<((c + 1) * order.count / chunks)])
            let n = Double(part.reduce(0) { $0 + buffer[$1].tokens.count })
            if c == 0 {
                // No step yet: the weights are those that gave the old log-probs, every ratio is 1 and
                // PPO-clip's gradient is −A per token; skip the scoring pass.
                var grads: [[Double]] = []
                for i in part {
                    let e = buffer[i]
                    grads.append(e.advantages.indices.map { t in
                        let r = RLMath.ppoClip(logprob: e.oldLogprobs[t], oldLogprob: e.oldLogprobs[t], advantage: e.advantages[t], epsilon: rl.clipEpsilon)
                        lossSum += r.loss
                        return r.dLogprob / n
                    })
                }
                try policy.accumulateGradient(prompts: part.map { buffer[$0].prompt }, completions: part.map { buffer[$0].tokens }, weights: grads)
            } else {
                try policy.accumulateGradient(prompts: part.map { buffer[$0].prompt }, completions: part.map { buffer[$0].tokens }) { lps in
                    var grads: [[Double]] = []
                    for (j, i) in part.enumerated() {
                        let e = buffer[i]
                        grads.append(lps[j].indices.map { t in
                            let r = RLMath.ppoClip(logprob: lps[j][t], oldLogprob: e.oldLogprobs[t], advantage: e.advantages[t], epsilon: rl.clipEpsilon)
                            lossSum += r.loss
                            if r.clipped { clippedCount += 1 }
                            return r.dLogprob / n
                        })
                    }
                    return grads
                }
            }
            if rl.auxWeight > 0, !config.auxDemos.isEmpty {
                let (s, t) = try accumulateAuxiliary(rng: &rng)
                auxSum += s
                auxTokens += t
            }
            normSum += try policy.step(rl.optimizer(learningRate: stats.learningRate))
        }
        stats.loss = lossSum / Double(tokenCount)
        stats.clipFraction = Double(clippedCount) / Double(tokenCount)
        stats.gradNorm = normSum / Double(chunks)
        if auxTokens > 0 { stats.auxLoss = auxSum / Double(auxTokens) }
        stats.seconds = monotonicSeconds() - started
        return stats
    }

    /// Adds the gradient of auxWeight × (mean negative log-likelihood per token) of `auxBatch` demos
    /// drawn with `rng`; returns the summed NLL and the token count.
    func accumulateAuxiliary(rng: inout SeededRandom) throws -> (Double, Int) {
        let demos = config.auxDemos
        if encodedAuxDemos == nil { encodedAuxDemos = try demos.map { try policy.encode($0.completion) } }
        guard let encoded = encodedAuxDemos else { return (0, 0) }
        let picks = (0..<config.rl.auxBatch).map { _ in rng.nextInt(below: demos.count) }
        let n = picks.reduce(0) { $0 + encoded[$1].count }
        guard n > 0 else { return (0, 0) }
        let w = config.rl.auxWeight
        var nll = 0.0
        try policy.accumulateGradient(prompts: picks.map { demos[$0].prompt }, completions: picks.map { encoded[$0] }) { lps in
            nll = -lps.reduce(0) { $0 + $1.reduce(0, +) }
            return lps.map { s in s.map { _ in -w / Double(n) } }
        }
        return (nll, n)
    }
}
