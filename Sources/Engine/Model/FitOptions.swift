/// The arguments of `LlamaModel.fit`, cleanrl style: one documented field each.
public struct FitOptions: Sendable {
    /// Optimizer steps to take.
    public var steps: Int = 100
    /// Peak learning rate of the cosine schedule.
    public var learningRate: Float = 3e-3
    /// Sequences per step.
    public var batch: Int = 8
    /// Tokens per sequence for text training; nil means the model's context. (Pairs use their own
    /// lengths, padded to the longest in the batch.)
    public var length: Int? = nil
    /// Linear warm-up steps; nil means a tenth of the steps (at most 100).
    public var warmupSteps: Int? = nil
    /// Rate reached at the end of the cosine, as a fraction of the peak.
    public var finalRateFraction: Float = 0.1
    /// AdamW decoupled weight decay on matrices.
    public var weightDecay: Float = 0.1
    /// Global gradient-norm clipping threshold; 0 turns clipping off.
    public var clipNorm: Float = 1.0
    /// Seed of the batch sampling.
    public var seed: UInt64 = 0
    /// Report progress every this many steps (and at the last step); nil means about 10 times.
    public var progressEvery: Int? = nil

    public init(steps: Int = 100, learningRate: Float = 3e-3, batch: Int = 8, seed: UInt64 = 0) {
        self.steps = steps; self.learningRate = learningRate; self.batch = batch; self.seed = seed
    }

    func validate() throws {
        func need(_ ok: Bool, _ m: String) throws { if !ok { throw EngineError("fit: \(m)") } }
        try need(steps >= 1, "steps \(steps) must be at least 1")
        try need(steps <= 100_000_000, "steps \(steps) is above the limit of 100000000")
        try need(learningRate.isFinite && learningRate >= 0, "learning rate \(learningRate) must be a non-negative number")
        try need(batch >= 1, "batch \(batch) must be at least 1")
        try need(batch <= 1_000_000, "batch \(batch) is above the limit of 1000000")
        if let length { try need(length >= 1, "length \(length) must be at least 1") }
        if let w = warmupSteps { try need(w >= 0 && w <= steps, "warm-up \(w) must be between 0 and the steps (\(steps))") }
        try need(finalRateFraction >= 0 && finalRateFraction <= 1, "final rate fraction \(finalRateFraction) must be in [0, 1]")
        try need(weightDecay.isFinite && weightDecay >= 0, "weight decay \(weightDecay) must be a non-negative number")
        try need(clipNorm.isFinite && clipNorm >= 0, "clip \(clipNorm) must be a non-negative number")
        if let e = progressEvery { try need(e >= 1, "progress period \(e) must be at least 1") }
    }
}

/// What the progress callback of `fit` receives after every step (so a caller can stop a long run
/// promptly by throwing); `isReport` marks the steps to show, every `progressEvery` and the last.
public struct FitProgress: Sendable {
    /// Steps done so far (1-based) and in total.
    public let step: Int, steps: Int
    /// Mean loss (nats per scored token) of this step's batch.
    public let loss: Double
    /// Learning rate used at this step.
    public let learningRate: Float
    /// Global gradient norm before clipping.
    public let gradientNorm: Double
    /// Training throughput since the last report (input tokens per second); 0 on other steps.
    public let tokensPerSecond: Double
    /// Whether this step is one to show.
    public let isReport: Bool

    /// One plain line, as `fit` prints it: `step 20/200  loss 2.314  lr 2.9e-03  |g| 0.81  5210 tok/s`.
    public var line: String {
        func f(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
        return "step \(step)/\(steps)  loss \(f(loss, 3))  lr \(String(format: "%.1e", Double(learningRate)))  |g| \(f(gradientNorm, 2))  \(Int(tokensPerSecond.rounded())) tok/s"
    }
}
