import Foundation

/// A Llama-style decoder language model with its tokenizer: the engine behind Spar's `model` values.
///
///     let tok = ByteTokenizer()
///     let lm = try LlamaModel(config: LlamaConfig(vocabularySize: tok.vocabularySize), tokenizer: tok, seed: 1)
///     let history = try lm.fit(texts: corpus, options: FitOptions(steps: 200))
///     let out = try lm.generate(prompts: ["Once"], options: SamplingOptions(maxTokens: 40, seed: 3))
///     try lm.save(to: "lm.safetensors")
///
/// Weights: every Float32 tensor lives in one flat buffer laid out by `LlamaLayout` (trainable);
/// matrices loaded quantized from a GGUF file stay outside it, frozen, as `WeightMatrix` values
/// (`LlamaWeightSet` resolves both once). One decoder block definition (DecoderBlock.swift) serves
/// training (LlamaForward.swift, LlamaBackward.swift) and generation (LlamaInference.swift).
/// A model is not thread-safe: it reuses its activation buffers between calls. `snapshot()` makes
/// an independent, frozen copy.
public final class LlamaModel {
    public let config: LlamaConfig
    public let tokenizer: any Tokenizer
    let layout: LlamaLayout
    /// The Float32 weights, laid out by `layout`.
    let weights: FloatBuffer
    /// Matrices outside the flat buffer (quantized, frozen), by checkpoint name; shared by snapshots.
    let externalMatrices: [String: WeightMatrix]
    /// Every weight as the kernels read it.
    let weightSet: LlamaWeightSet
    /// Gradients with the same layout, allocated at the first backward pass.
    var gradients: FloatBuffer?
    /// AdamW moments and step count, kept across `fit` calls so training can resume.
    var optimizerState: FlatAdamW?
    let rotary: RotaryTable
    /// True for a snapshot: weights can no longer change.
    public let isFrozen: Bool
    /// Where the weights came from, for `show`: "random (seed 1)", a file path.
    public let source: String
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
        let residual = Set(layout.blocks.flatMap { [$0.wo.offset, $0.down.offset].compactMap { $0 } })
        for slot in layout.slots {
            let p = weights[slot.offset]
            if slot.shape.count == 1 { p.update(repeating: 1, count: slot.count); continue }
            let std: Float = 0.02 * (residual.contains(slot.offset) ? residualScale : 1)
            for i in 0..<slot.count { p[i] = Float(rng.nextGaussian()) * std }
        }
        try self.init(config: config, tokenizer: tokenizer, layout: layout, weights: weights, external: [:],
                      frozen: false, source: "random (seed \(seed))")
    }

    /// A model around existing weights (loading, snapshots). The caller has checked the sizes of the
    /// flat buffer; an external matrix the layout names but `external` lacks is an error.
    init(config: LlamaConfig, tokenizer: any Tokenizer, layout: LlamaLayout, weights: FloatBuffer,
         external: [String: WeightMatrix], frozen: Bool, source: String) throws {
        self.config = config
        self.tokenizer = tokenizer
        self.layout = layout
        self.weights = weights
        self.externalMatrices = external
        self.weightSet = try LlamaWeightSet(layout: layout, flat: weights, external: external)
        self.rotary = RotaryTable(headSize: config.headSize, context: config.context, theta: config.ropeTheta)
        self.isFrozen = frozen
        self.source = source
    }

    static func check(_ config: LlamaConfig, _ tokenizer: any Tokenizer, source: String) throws {
        try config.validate()
        guard config.vocabularySize >= tokenizer.vocabularySize else {
            throw EngineError("\(source): vocab \(config.vocabularySize) is smaller than the tokenizer's vocabulary of \(tokenizer.vocabularySize) tokens")
        }
    }

    /// Number of parameters (trainable or not).
    public var parameterCount: Int { config.parameterCount }

    /// A frozen copy: no gradients or optimizer state, and no way to train it. Used as the reference
    /// model of KL penalties and as a fixed opponent. A trainable model's Float32 weights are copied;
    /// a frozen model's are shared, like frozen quantized matrices, since nothing can change them
    /// (only the activation buffers are new), so snapshots of snapshots cost no weight memory.
    public func snapshot() -> LlamaModel {
        // The weight set resolves from the same layout and names as `self`, so this cannot fail.
        (try? LlamaModel(config: config, tokenizer: tokenizer, layout: layout, weights: isFrozen ? weights : weights.copy(),
                         external: externalMatrices, frozen: true, source: source)) ?? self
    }

    /// The values of one named Float32 weight tensor (a `LlamaLayout` slot name), e.g. for tests and display.
    public func weight(named name: String) throws -> Tensor {
        guard let slot = layout.slot(named: name) else {
            throw EngineError("model: no weight named \"\(name)\" in the Float32 parameters")
        }
        return try Tensor(shape: slot.shape, scalars: weights.array(offset: slot.offset, length: slot.count))
    }

    /// Names and shapes of every weight tensor, in checkpoint order.
    public var weightNames: [(name: String, shape: [Int])] { layout.tensors }

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

    /// How the weights are stored: "F32 x21" or "Q4_1 x210, Q8_0 x1, F32 x61".
    public var weightTypes: String {
        var counts: [String: Int] = [:]
        for (name, _) in layout.tensors {
            let type = externalMatrices[name].map(\.typeName) ?? "F32"
            counts[type, default: 0] += 1
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) x\($0.value)" }.joined(separator: ", ")
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

/// LlamaModel through the capability protocols (LanguageModel.swift).
extension LlamaModel: TrainableLanguageModel {
    public var details: [String] {
        let c = config
        return [
            "architecture llama: layers \(c.layers), width \(c.width), heads \(c.heads) (kv \(c.kvHeads)), head size \(c.headSize), ffn \(c.ffnHidden)",
            "context \(c.context), rope theta \(numberText(c.ropeTheta)), norm eps \(c.normEps), output \(c.tiedOutput ? "tied to the embedding" : "separate")",
            "weights \(weightTypes)\(trainingBlocker == nil ? ", trainable" : ", frozen")",
            "tokenizer \(tokenizer.description), \(parameterCount) parameters",
            "source \(source)",
        ]
    }

    public var vocabularySize: Int { config.vocabularySize }
    public var contextLength: Int { config.context }

    public var trainingBlocker: String? {
        if isFrozen { return "a frozen snapshot cannot be trained" }
        if !layout.isDense {
            let types = Set(externalMatrices.values.map(\.typeName)).sorted().joined(separator: ", ")
            return "the base weights are quantized (\(types)) and frozen; fit and RL updates need Float32 weights"
        }
        return nil
    }

    public var trainableParameters: FloatBuffer { weights }
    public var parameterGradients: FloatBuffer? { gradients }

    public func snapshotModel() throws -> any LanguageModel { snapshot() }
}
