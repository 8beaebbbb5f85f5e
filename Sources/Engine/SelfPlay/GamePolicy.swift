import Foundation

/// How a policy samples completions: the same knobs for every role.
public struct PolicySampling: Sendable, Equatable, Codable {
    /// Longest completion in tokens.
    public var maxTokens: Int
    /// Softmax temperature; 1.0 samples from the policy itself (the paper's setting).
    public var temperature: Double
    /// Nucleus sampling mass; 1.0 turns it off.
    public var topP: Double
    /// Seed of the sampling stream; the same seed gives the same completions.
    public var seed: UInt64

    public init(maxTokens: Int = 64, temperature: Double = 1.0, topP: Double = 1.0, seed: UInt64 = 0) {
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.topP = topP
        self.seed = seed
    }
}

/// One sampled completion: its text, its token ids and the log-probability of each token under the
/// sampling distribution (`logprobs.count == tokens.count`).
public struct PolicySample: Sendable, Equatable {
    public let text: String
    public let tokens: [Int]
    public let logprobs: [Double]

    public init(text: String, tokens: [Int], logprobs: [Double]) {
        self.text = text
        self.tokens = tokens
        self.logprobs = logprobs
    }
}

/// What the self-play game needs from a language model, and nothing more: sampling, scoring,
/// one weighted backward pass, an optimizer step, frozen copies and a byte form for checkpoints.
///
/// RL objectives are written against per-token log-probabilities: `accumulateGradient` runs the
/// forward pass over (prompt, completion) pairs, hands the current per-token log-probs to the caller's
/// `gradient` closure, which returns d loss / d logprob for every token (PPO-clip needs the current
/// log-probs to form the ratio), and adds the resulting parameter gradients to the policy's buffers.
/// `step` then applies Adam with the given learning rate after clipping the global gradient norm.
///
///     let lp = try policy.accumulateGradient(prompts: ps, completions: cs) { lp in weights(lp) }
///     let norm = try policy.step(OptimizerSettings(learningRate: 1e-3))
public protocol SelfPlayPolicy: AnyObject {
    /// A short description for summaries ("tabular 12 tokens", "llama 2x128").
    var summary: String { get }
    /// Samples one completion per prompt, in order.
    func sample(prompts: [String], options: PolicySampling) throws -> [PolicySample]
    /// Per-token log-probabilities (temperature 1) of given completions after their prompts.
    func logprobs(prompts: [String], completions: [[Int]]) throws -> [[Double]]
    /// Tokens of a text, for supervised pairs (demos) whose completion is given as text.
    func encode(_ text: String) throws -> [Int]
    /// Forward and backward over the pairs; `gradient` maps the current per-token log-probs to
    /// d loss / d logprob of the same shape. Gradients add up until `step` or `zeroGradients`.
    /// Returns the log-probs the closure saw.
    @discardableResult
    func accumulateGradient(prompts: [String], completions: [[Int]],
                            gradient: ([[Double]]) throws -> [[Double]]) throws -> [[Double]]
    /// The same with d loss / d logprob known before the pass (no scoring forward needed): what an
    /// update uses while the weights are still those that sampled the tokens (ratio 1).
    func accumulateGradient(prompts: [String], completions: [[Int]], weights: [[Double]]) throws
    /// Clips the accumulated gradient to `settings.maxGradNorm` (global L2), applies one Adam step,
    /// clears the gradients and returns the norm before clipping.
    func step(_ settings: OptimizerSettings) throws -> Double
    /// Clears accumulated gradients without a step.
    func zeroGradients()
    /// A frozen deep copy: later updates of `self` never change it, and it never changes `self`.
    func snapshot() throws -> SelfPlayPolicy
    /// Weights and optimizer state as bytes (the policy's own format), for game checkpoints.
    func checkpointData() throws -> Data
    /// Restores what `checkpointData` wrote; a malformed blob is an error, never a crash.
    func restore(from data: Data) throws
    /// The strings that must encode as single tokens for the role formats (e.g. `<think>`); the game
    /// checks them when a role has hidden thinking. Empty when the policy reads any text.
    func missingFormatTokens(_ texts: [String]) -> [String]
    /// False for a frozen copy, which can play but never train.
    var canTrain: Bool { get }
}

extension SelfPlayPolicy {
    public func accumulateGradient(prompts: [String], completions: [[Int]], weights: [[Double]]) throws {
        try accumulateGradient(prompts: prompts, completions: completions) { _ in weights }
    }

    public func missingFormatTokens(_ texts: [String]) -> [String] { [] }
    public var canTrain: Bool { true }
}

/// Adam's settings for one step. The paper: betas (0.9, 0.95), no weight decay, clip 1.0.
public struct OptimizerSettings: Sendable, Equatable, Codable {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    /// Global L2 norm the gradient is clipped to; nil or non-positive turns clipping off.
    public var maxGradNorm: Double?

    public init(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.95, epsilon: Double = 1e-8,
                weightDecay: Double = 0, maxGradNorm: Double? = 1.0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.maxGradNorm = maxGradNorm
    }
}
