import Foundation

/// The pieces of REINFORCE++ (REFERENCE.md, "Training"), each a pure function so it can be checked on
/// hand-computed cases. Sequences are per-token arrays of one sample's action tokens.
public enum RLMath {
    /// Per-token rewards: −β·(log π − log π_ref) on every token (the k1 KL estimate), plus the game
    /// reward on the last token.
    public static func tokenRewards(logprobs: [Double], referenceLogprobs: [Double], klCoef: Double,
                                    reward: Double) throws -> [Double] {
        guard logprobs.count == referenceLogprobs.count else {
            throw EngineError("tokenRewards: \(logprobs.count) log-probs but \(referenceLogprobs.count) reference log-probs")
        }
        guard !logprobs.isEmpty else { throw EngineError("tokenRewards: a sample needs at least one token") }
        var r = zip(logprobs, referenceLogprobs).map { -klCoef * ($0 - $1) }
        r[r.count - 1] += reward
        return r
    }

    /// Reward-to-go: G_t = r_t + γ·G_{t+1}.
    public static func rewardToGo(_ rewards: [Double], gamma: Double = 1) -> [Double] {
        var out = rewards
        var running = 0.0
        for t in stride(from: rewards.count - 1, through: 0, by: -1) {
            running = rewards[t] + gamma * running
            out[t] = running
        }
        return out
    }

    /// Whitening over every token of every sequence together: (x − mean) / (std + ε), population std.
    /// A set with a single token (or no spread) is centred only.
    public static func whiten(_ sequences: [[Double]], epsilon: Double = 1e-8) -> [[Double]] {
        let n = sequences.reduce(0) { $0 + $1.count }
        guard n > 0 else { return sequences }
        let mean = sequences.reduce(0) { $0 + $1.reduce(0, +) } / Double(n)
        let variance = sequences.reduce(0) { acc, s in acc + s.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } } / Double(n)
        let std = variance.squareRoot()
        return sequences.map { s in s.map { ($0 - mean) / (std + epsilon) } }
    }

    /// Whitening done separately for each role's samples (REFERENCE.md: attacker and defender
    /// advantages are normalised apart); `roles[i]` is sequence i's role.
    public static func whitenPerRole(_ sequences: [[Double]], roles: [RoleKind]) throws -> [[Double]] {
        guard sequences.count == roles.count else { throw EngineError("whitenPerRole: \(sequences.count) sequences but \(roles.count) roles") }
        var out = sequences
        for role in [RoleKind.attacker, .defender] {
            let idx = roles.indices.filter { roles[$0] == role }
            let w = whiten(idx.map { sequences[$0] })
            for (j, i) in idx.enumerated() { out[i] = w[j] }
        }
        return out
    }

    /// The per-sample game rewards after a group baseline; `groups[i]` names sample i's group (its seed
    /// draw). `.whiten` returns the rewards unchanged.
    public static func groupBaseline(_ rewards: [Double], groups: [Int], kind: AdvantageBaseline,
                                     epsilon: Double = 1e-8) throws -> [Double] {
        guard rewards.count == groups.count else { throw EngineError("groupBaseline: \(rewards.count) rewards but \(groups.count) groups") }
        if kind == .whiten { return rewards }
        var members: [Int: [Int]] = [:]
        for (i, g) in groups.enumerated() { members[g, default: []].append(i) }
        var out = rewards
        for (_, idx) in members {
            let xs = idx.map { rewards[$0] }
            let sum = xs.reduce(0, +), n = Double(xs.count)
            let mean = sum / n
            switch kind {
            case .whiten: break
            case .groupMean:
                for i in idx { out[i] = rewards[i] - mean }
            case .rloo:
                for i in idx { out[i] = n > 1 ? rewards[i] - (sum - rewards[i]) / (n - 1) : 0 }
            case .grpo:
                let std = (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
                for i in idx { out[i] = (rewards[i] - mean) / (std + epsilon) }
            }
        }
        return out
    }

    /// One token's PPO-clip loss −min(ρA, clip(ρ, 1−ε, 1+ε)A) with ρ = exp(log π − log π_old), its
    /// derivative with respect to log π, and whether the clipped branch was taken (no gradient).
    public static func ppoClip(logprob: Double, oldLogprob: Double, advantage a: Double,
                               epsilon: Double) -> (loss: Double, dLogprob: Double, clipped: Bool) {
        let ratio = Foundation.exp(logprob - oldLogprob)
        let clippedRatio = min(max(ratio, 1 - epsilon), 1 + epsilon)
        let unclipped = ratio * a, clipped = clippedRatio * a
        if unclipped <= clipped {
            // min picks ρA: d(−ρA)/d log π = −ρA.
            return (-unclipped, -unclipped, false)
        }
        // min picks the clipped term: constant in log π when ρ is outside the range.
        let inside = ratio >= 1 - epsilon && ratio <= 1 + epsilon
        return (-clipped, inside ? -unclipped : 0, !inside)
    }

    /// The learning rate at `step` (0-based) of `total`: linear warm-up over the first
    /// w = ceil(warmupShare·total) steps (step s gets (s+1)/w of the peak), then a cosine from `peak` down to `minShare·peak`.
    public static func cosineLearningRate(step: Int, total: Int, peak: Double, warmupShare: Double,
                                          minShare: Double = 0) -> Double {
        let total = max(total, 1)
        let warmup = Int((warmupShare * Double(total)).rounded(.up))
        if step < warmup { return peak * Double(step + 1) / Double(warmup) }
        let span = max(total - warmup, 1)
        let progress = min(Double(step - warmup) / Double(span), 1)
        let low = minShare * peak
        return low + 0.5 * (peak - low) * (1 + Foundation.cos(Double.pi * progress))
    }
}
