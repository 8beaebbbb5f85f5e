/// How advantages get their baseline.
public enum AdvantageBaseline: String, Sendable, Codable, CaseIterable {
    /// REINFORCE++: no baseline but whitening over all action tokens of the role (the paper).
    case whiten
    /// REINFORCE++ with a group baseline: subtract the mean game reward of the seed's group, then whiten.
    case groupMean = "group_mean"
    /// RLOO: subtract the mean reward of the *other* samples of the group; no whitening.
    case rloo
    /// GRPO: (reward − group mean) / group std; no whitening.
    case grpo
}

/// The arguments of the RL update, one documented field each (cleanrl style). The defaults are the
/// paper's REINFORCE++ settings (REFERENCE.md, "Training") except the learning rate, which is sized
/// for the tiny models trained here.
public struct RLArguments: Sendable, Equatable, Codable {
    /// Peak learning rate of the cosine schedule (the paper uses 5e-7 on 8B models).
    public var learningRate: Double = 1e-3
    /// β of the per-token KL penalty −β·(log π − log π_ref) (k1 estimator), π_ref the frozen initial model.
    public var klCoef: Double = 0.01
    /// PPO-clip range ε: the token ratio is clipped to [1 − ε, 1 + ε].
    public var clipEpsilon: Double = 0.2
    /// Discount of the reward-to-go; 1 sums all later token rewards.
    public var gamma: Double = 1.0
    /// Adam β1.
    public var beta1: Double = 0.9
    /// Adam β2.
    public var beta2: Double = 0.95
    /// Adam ε.
    public var adamEpsilon: Double = 1e-8
    /// Decoupled weight decay (the paper: none).
    public var weightDecay: Double = 0
    /// Global gradient-norm clip; 0 turns it off.
    public var maxGradNorm: Double = 1.0
    /// Share of `totalSteps` spent warming the learning rate up linearly from 0.
    public var warmupShare: Double = 0.03
    /// The learning rate at the end of the cosine, as a share of the peak.
    public var minLearningRateShare: Double = 0
    /// The game steps the schedule spans, counted from the game's first step: a linear warm-up over
    /// `warmupShare` of them, then a cosine down to `minLearningRateShare`. The rate depends only on
    /// the game's step, so 10 steps run twice (or resumed from a checkpoint) train exactly like 20
    /// run once; a step at or past `totalSteps` is an error. nil (the default): a constant rate
    /// `learningRate`, no warm-up. The paper's schedule needs the run's length, e.g. `total_steps: 100`.
    public var totalSteps: Int? = nil
    /// Drop every sample of a game with an unknown label (the paper: always on).
    public var removeTies: Bool = true
    /// Optimizer steps per rollout: the shuffled buffer is split into this many minibatches and
    /// passed over once (the paper: one pass). With 1 (the default) the only step starts from the
    /// weights that sampled the tokens, so every ratio is 1 and PPO-clip never clips
    /// (`clip_fraction` stays 0): the update is then plain REINFORCE++ with the KL penalty. Clipping
    /// engages from the second minibatch on.
    public var minibatches: Int = 1
    /// Games played per seed; above 1 the baselines other than `whiten` compare samples of a seed.
    public var samplesPerSeed: Int = 1
    /// How advantages get their baseline (REINFORCE++ whitening per role by default).
    public var baseline: AdvantageBaseline = .whiten
    /// Weight of the supervised auxiliary loss on demos (0: off; the paper: 1.0).
    public var auxWeight: Double = 0
    /// Demo pairs per optimizer step for the auxiliary loss.
    public var auxBatch: Int = 8

    public init() {}

    /// Throws on values that would make the update meaningless or crash.
    public func validate() throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw EngineError("reinforce_pp: \(message)") } }
        try check(learningRate.isFinite && learningRate >= 0, "lr must be a finite non-negative number, got \(numberText(learningRate))")
        try check(klCoef.isFinite && klCoef >= 0, "kl must be a finite non-negative number, got \(numberText(klCoef))")
        try check(clipEpsilon > 0 && clipEpsilon < 1, "clip must be in (0, 1), got \(numberText(clipEpsilon))")
        try check(gamma > 0 && gamma <= 1, "gamma must be in (0, 1], got \(numberText(gamma))")
        try check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must be in [0, 1)")
        try check(adamEpsilon > 0, "Adam epsilon must be positive")
        try check(weightDecay.isFinite && weightDecay >= 0, "weight_decay must be non-negative")
        try check(maxGradNorm.isFinite && maxGradNorm >= 0, "max_grad_norm must be non-negative (0 turns clipping off)")
        try check(warmupShare >= 0 && warmupShare < 1, "warmup must be in [0, 1), got \(numberText(warmupShare))")
        try check(minLearningRateShare >= 0 && minLearningRateShare <= 1, "min_lr_share must be in [0, 1]")
        try check(totalSteps.map { $0 >= 1 } ?? true, "total_steps must be at least 1")
        try check(minibatches >= 1 && minibatches <= 4096, "minibatches must be 1...4096, got \(minibatches)")
        try check(samplesPerSeed >= 1 && samplesPerSeed <= 256, "samples_per_seed must be 1...256, got \(samplesPerSeed)")
        try check(baseline == .whiten || samplesPerSeed >= 2, "baseline \(baseline.rawValue) needs samples_per_seed of at least 2")
        try check(auxWeight.isFinite && auxWeight >= 0, "aux_weight must be non-negative")
        try check(auxBatch >= 1 && auxBatch <= 4096, "aux_batch must be 1...4096")
    }

    /// Adam's settings at one learning rate.
    public func optimizer(learningRate lr: Double) -> OptimizerSettings {
        OptimizerSettings(learningRate: lr, beta1: beta1, beta2: beta2, epsilon: adamEpsilon, weightDecay: weightDecay,
                          maxGradNorm: maxGradNorm > 0 ? maxGradNorm : nil)
    }
}
