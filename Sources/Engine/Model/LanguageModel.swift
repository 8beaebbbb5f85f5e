/// The model abstraction that Runtime values and game policies hold, split by capability so that
/// each kind of model implements only what it can do:
///
///     LanguageModel            text in, text out: generate, summary, description, snapshot
///       └ ScoringLanguageModel   its tokens are visible: tokenizer, generation from ids, exact
///                              per-token log-probabilities (what RL and KL penalties need)
///           └ TrainableLanguageModel  trainable parameters: fit, forwardBackward, optimizer steps,
///                              save; `trainingBlocker` says why a given model cannot train now
///
/// `LlamaModel` implements all three (Float32 trainable weights, or quantized frozen ones whose
/// `trainingBlocker` explains that). A remote OpenAI-compatible model implements `LanguageModel`
/// only: it returns text (and maybe sampled-token log-probabilities) but cannot score given tokens
/// or train. A LoRA-adapted model is a `TrainableLanguageModel` whose trainable parameters are the
/// adapters, over a base that stays frozen.
///
///     let lm: any LanguageModel = try LlamaModel.load(path: "lm.safetensors")
///     let out = try lm.generate(prompts: ["Once"], options: SamplingOptions(maxTokens: 20), onStep: nil)
///     if let scorer = lm as? any ScoringLanguageModel { _ = try scorer.logprobs(prompts: [[1]], completions: [[2]]) }
public protocol LanguageModel: AnyObject {
    /// One line for the REPL: `<model llama 2x128, 0.4M params, vocab 1024>`.
    var summary: String { get }
    /// Facts for `show(lm)`: architecture, shape, weight types, source. One fact per line.
    var details: [String] { get }
    /// True when the model can never change (a snapshot, a remote endpoint).
    var isFrozen: Bool { get }
    /// Completes each prompt. The same seed gives the same completions (for local models).
    /// `onStep` runs before each new position; throwing from it stops the generation.
    func generate(prompts: [String], options: SamplingOptions, onStep: (() throws -> Void)?) throws -> [Generation]
    /// A copy that later training of `self` never changes (a remote model may return itself).
    func snapshotModel() throws -> any LanguageModel
}

/// A model whose tokens are visible: generation from token ids and exact scoring of given tokens.
public protocol ScoringLanguageModel: LanguageModel {
    /// The tokenizer that turns text into this model's ids.
    var tokenizer: any Tokenizer { get }
    /// Number of rows of the output layer (at least the tokenizer's vocabulary).
    var vocabularySize: Int { get }
    /// Longest sequence the model reads, in tokens.
    var contextLength: Int { get }
    /// Completes prompts given as token ids.
    func generate(promptTokens: [[Int]], options: SamplingOptions, onStep: (() throws -> Void)?) throws -> [Generation]
    /// log p(completion token i | prompt, completion tokens before i) for each pair, batched.
    func logprobs(prompts: [[Int]], completions: [[Int]]) throws -> [[Float]]
}

/// A model with trainable parameters: supervised `fit`, and the weighted backward pass that RL
/// objectives are written against. The parameters are one flat Float32 buffer (all weights of a
/// Float32 model; the adapters of a LoRA model), so optimizers, clipping and checkpoints are loops.
public protocol TrainableLanguageModel: ScoringLanguageModel {
    /// Why this model cannot be trained now (a frozen snapshot, quantized base weights), or nil.
    var trainingBlocker: String? { get }
    /// The trainable parameters, updated in place by optimizers.
    var trainableParameters: FloatBuffer { get }
    /// Gradients with the layout of `trainableParameters`, after a backward pass.
    var parameterGradients: FloatBuffer? { get }
    /// Sets all gradients to zero (allocating them the first time).
    func zeroGradients()
    /// Forward and backward of Σ logprobGradient[r] · logprob[r] over the B*T positions; gradients
    /// are added to `parameterGradients`; returns the per-position log-probabilities.
    func forwardBackward(_ batch: TokenBatch, logprobGradient: [Float]) throws -> [Float]
    /// Next-token training on texts; returns the loss of every step.
    func fit(texts: [String], options: FitOptions, progress: ((FitProgress) throws -> Void)?) throws -> [Double]
    /// Training on (prompt, completion) pairs, loss on completions only.
    func fit(pairs: [(prompt: String, completion: String)], options: FitOptions,
             progress: ((FitProgress) throws -> Void)?) throws -> [Double]
    /// Writes the model to a file that `model.load` reads back.
    func save(to path: String) throws
}

extension TrainableLanguageModel {
    /// Whether `fit` and RL updates may change this model.
    public var canTrain: Bool { trainingBlocker == nil }

    /// Throws the training blocker, prefixed by the caller's name.
    public func requireTrainable(_ caller: String) throws {
        if let why = trainingBlocker { throw EngineError("\(caller): \(why)") }
    }
}
