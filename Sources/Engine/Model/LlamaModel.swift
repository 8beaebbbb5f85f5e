import Foundation

/// A Llama-style decoder language model with its tokenizer: the engine behind Spar's `model` values.
///
///     let tok = ByteTokenizer()
///     let lm = try LlamaModel(config: LlamaConfig(vocabularySize: tok.vocabularySize), tokenizer: tok, seed: 1)
///     let history = try lm.fit(texts: corpus, options: FitOptions(steps: 200))
///     let out = try lm.generate(prompts: ["Once"], options: SamplingOptions(maxTokens: 40, seed: 3))
///     try lm.save(to: "lm.safetensors")
///
/// Forward and backward are written by hand (see LlamaForward.swift, LlamaBackward.swift) over one
/// flat weight buffer laid out by `LlamaLayout`. A model is not thread-safe: it reuses its activation
/// buffers between calls. `snapshot()` makes an independent, frozen copy.
public final class LlamaModel {
    public let config: LlamaConfig
    public let tokenizer: any Tokenizer
    let layout: LlamaLayout
    /// All weights, laid out by `layout`.
    let weights: FloatBuffer
    /// Gradients with the same layout, allocated at the first backward pass.
    var gradients: FloatBuffer?
    /// AdamW moments and step count, kept across `fit` calls so training can resume.
    var optimizerState: FlatAdamW?
    let rotary: RotaryTable
    /// True for a snapshot: weights can no longer change.
    public let isFrozen: Bool
    /// Activation buffers of the last batch shape used.
    var activations: LlamaActivations?

    /// Largest activation memory one batch may ask for (bytes).
    public static var maxActivationBytes: Double = 8e9

    /// A new model with weights drawn from `seed`: matrices ~ N(0, 0.02), the two residual
    /// projections of each block (o_proj, down_proj) scaled by 1/sqrt(2 layers) as in GPT-2, norm
    /// gains 1. Throws if the config is invalid or its vocabulary is smaller than the tokenizer's.
    public convenience init(config: LlamaConfig, tokenizer: any Tokenizer, seed: UInt64) throws {
        try Self.check(config, tokenizer, source: "model.llama")
        let layout = LlamaLayout(config)
        let weights = FloatBuffer(count: layout.count)
        var rng = SeededRandom(seed: seed)
        let residualScale = 1 / Float(2 * config.layers).squareRoot()
        let residual = Set(layout.blocks.flatMap { [$0.wo, $0.down] })
        for slot in layout.slots {
            let p = weights[slot.offset]
            if slot.shape.count == 1 { p.update(repeating: 1, count: slot.count); continue }
            let std: Float = 0.02 * (residual.contains(slot.offset) ? residualScale : 1)
            for i in 0..<slot.count { p[i] = Float(rng.nextGaussian()) * std }
        }
        self.init(config: config, tokenizer: tokenizer, weights: weights, frozen: false)
    }

    /// A model around existing weights (loading, snapshots). The caller has checked the sizes.
    init(config: LlamaConfig, tokenizer: any Tokenizer, weights: FloatBuffer, frozen: Bool) {
        self.config = config
        self.tokenizer = tokenizer
        self.layout = LlamaLayout(config)
        self.weights = weights
        self.rotary = RotaryTable(headSize: config.headSize, context: config.context, theta: config.ropeTheta)
        self.isFrozen = frozen
    }

    static func check(_ config: LlamaConfig, _ tokenizer: any Tokenizer, source: String) throws {
        try config.validate()
        guard config.vocabularySize >= tokenizer.vocabularySize else {
            throw EngineError("\(source): vocab \(config.vocabularySize) is smaller than the tokenizer's vocabulary of \(tokenizer.vocabularySize) tokens")
        }
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { config.parameterCount }

    /// A frozen copy: no gradients or optimizer state, and no way to train it. Used as the reference
    /// model of KL penalties and as a fixed opponent. A trainable model's weights are copied; a frozen
    /// model's are shared, since nothing can change them (only its activation buffers are new).
    public func snapshot() -> LlamaModel {
        LlamaModel(config: config, tokenizer: tokenizer, weights: isFrozen ? weights : weights.copy(), frozen: true)
    }

    /// The values of one named weight tensor (a `LlamaLayout` slot name), e.g. for tests and display.
    public func weight(named name: String) throws -> Tensor {
        guard let slot = layout.slots.first(where: { $0.name == name }) else {
            throw EngineError("model: no weight named \"\(name)\"")
        }
        return try Tensor(shape: slot.shape, scalars: weights.array(offset: slot.offset, length: slot.count))
    }

    /// Names and shapes of the weight tensors, in layout order.
    public var weightNames: [(name: String, shape: [Int])] { layout.slots.map { ($0.name, $0.shape) } }

    /// One line for the REPL: `<model llama 2x128, 0.4M params, vocab 1024>`.
    public var summary: String {
        let frozen = isFrozen ? " frozen" : ""
        return "<model llama \(config.layers)x\(config.width), \(Self.formatCount(parameterCount)) params, vocab \(config.vocabularySize)\(frozen)>"
    }

    static func formatCount(_ n: Int) -> String {
        if n >= 100_000 { return String(format: "%.1fM", Double(n) / 1e6) }
        if n >= 1_000 { return String(format: "%.1fK", Double(n) / 1e3) }
        return "\(n)"
    }

    /// The activation buffers for a B x T batch, reusing the last ones when the shape matches.
    func activations(batch: Int, length: Int) throws -> LlamaActivations {
        if let a = activations, a.batch == batch, a.length == length { return a }
        let bytes = LlamaActivations.byteCount(config, batch: batch, length: length)
        guard bytes <= Self.maxActivationBytes else {
            throw EngineError("model: a batch of \(batch) x \(length) tokens needs \(Int(bytes / 1e6)) MB of activations, above the limit of \(Int(Self.maxActivationBytes / 1e6)) MB; use a smaller batch")
        }
        activations = nil  // free the old buffers before allocating the new ones
        let a = LlamaActivations(config, batch: batch, length: length)
        activations = a
        return a
    }

    /// Drops the cached activation buffers (they are rebuilt on the next pass).
    public func releaseBuffers() { activations = nil }
}
