import Foundation

/// A language model as the game's policy: sampling and scoring through the model's batched
/// generation and `logprobs`, the weighted backward through `forwardBackward`, and its own Adam for
/// RL over the model's `trainableParameters` (betas and weight decay as the game says; the paper:
/// 0.9/0.95, none) kept apart from the AdamW state of supervised `fit`, so a warm start's optimizer
/// does not leak into RL. Any `TrainableLanguageModel` plays: a Float32 Llama, a frozen quantized
/// one (as an opponent or reference), or one whose trainable parameters are adapters.
///
/// Completions end with the tokenizer's end token (kept as an action token, as `fit` on pairs teaches
/// it); no stop strings are used, so `</answer>` stays in the text the format check reads.
/// Checkpoint blob: `[magic, parameter count, Adam steps]` as UInt64, then the trainable
/// parameters, m and v as Float32 bit patterns, little-endian.
public final class LanguageModelPolicy: SelfPlayPolicy {
    public let model: any TrainableLanguageModel
    var adamM: [Float] = []
    var adamV: [Float] = []
    public private(set) var adamSteps = 0
    /// True when the gradient buffer holds stale values (after a step) and must be zeroed first.
    var gradientsStale = true
    /// Rows per forward pass when scoring or training, to bound activation memory.
    public var rowsPerPass = 64

    public init(model: any TrainableLanguageModel) { self.model = model }

    public var summary: String { model.summary }

    public var canTrain: Bool { model.canTrain }

    func encodePrompt(_ prompt: String, _ i: Int) throws -> [Int] {
        do { return try model.promptIDs(prompt) } catch { throw EngineError("policy: prompt \(i) is empty") }
    }

    public func sample(prompts: [String], options: PolicySampling) throws -> [PolicySample] {
        var o = SamplingOptions(maxTokens: options.maxTokens, temperature: Float(options.temperature), topK: 0,
                                topP: Float(options.topP), stop: [], seed: options.seed)
        o.stopAtEnd = true
        return try model.generate(prompts: prompts, options: o, onStep: nil).map {
            PolicySample(text: $0.text, tokens: $0.tokens, logprobs: $0.logprobs.map(Double.init))
        }
    }

    public func logprobs(prompts: [String], completions: [[Int]]) throws -> [[Double]] {
        guard prompts.count == completions.count else { throw EngineError("logprobs: \(prompts.count) prompts but \(completions.count) completions") }
        let encoded = try prompts.enumerated().map { try encodePrompt($1, $0) }
        var out: [[Double]] = []
        out.reserveCapacity(prompts.count)
        var start = 0
        while start < prompts.count {
            let end = min(start + rowsPerPass, prompts.count)
            let lps = try model.logprobs(prompts: Array(encoded[start..<end]), completions: Array(completions[start..<end]))
            out += lps.map { $0.map(Double.init) }
            start = end
        }
        return out
    }

    /// The completion's tokens followed by the end token (what `fit` on pairs trains).
    public func encode(_ text: String) throws -> [Int] {
        guard let end = model.tokenizer.id(of: .end) else { throw EngineError("policy: the tokenizer has no end token") }
        return model.tokenizer.encode(text) + [end]
    }

    @discardableResult
    public func accumulateGradient(prompts: [String], completions: [[Int]],
                                   gradient: ([[Double]]) throws -> [[Double]]) throws -> [[Double]] {
        try model.requireTrainable("policy")
        let lps = try logprobs(prompts: prompts, completions: completions)
        let g = try gradient(lps)
        guard g.count == lps.count, zip(g, lps).allSatisfy({ $0.count == $1.count }) else {
            throw EngineError("accumulateGradient: the gradient closure must return one value per token")
        }
        try backward(prompts: prompts, completions: completions, weights: g)
        return lps
    }

    /// Skips the scoring forward: one forward+backward pass with the given weights.
    public func accumulateGradient(prompts: [String], completions: [[Int]], weights: [[Double]]) throws {
        try model.requireTrainable("policy")
        guard weights.count == completions.count, zip(weights, completions).allSatisfy({ $0.count == $1.count }) else {
            throw EngineError("accumulateGradient: one weight per completion token is needed")
        }
        try backward(prompts: prompts, completions: completions, weights: weights)
    }

    /// Adds the gradient of Σ weights·logprob over the completion tokens, in passes of `rowsPerPass`.
    func backward(prompts: [String], completions: [[Int]], weights g: [[Double]]) throws {
        if gradientsStale { model.zeroGradients(); gradientsStale = false }
        let encoded = try prompts.enumerated().map { try encodePrompt($1, $0) }
        var start = 0
        while start < prompts.count {
            let end = min(start + rowsPerPass, prompts.count)
            let rows = Array(start..<end).filter { !completions[$0].isEmpty }
            start = end
            guard !rows.isEmpty else { continue }
            let sequences = rows.map { encoded[$0] + completions[$0] }
            let batch = try TokenBatch(sequences: sequences.map { $0.count >= 2 ? $0 : $0 + [0] },
                                       padID: model.tokenizer.id(of: .pad) ?? 0, scoredFrom: rows.map { encoded[$0].count })
            var weights = [Float](repeating: 0, count: batch.batch * batch.length)
            for (b, i) in rows.enumerated() {
                for (j, w) in g[i].enumerated() { weights[b * batch.length + encoded[i].count - 1 + j] = Float(w) }
            }
            _ = try model.forwardBackward(batch, logprobGradient: weights)
        }
    }

    public func step(_ s: OptimizerSettings) throws -> Double {
        try model.requireTrainable("policy")
        if gradientsStale { model.zeroGradients(); gradientsStale = false }
        guard let grads = model.parameterGradients else { throw EngineError("policy: no gradients to apply") }
        let norm = gradientNorm(grads)
        guard norm.isFinite else { throw EngineError("policy: the gradient norm is \(norm); try a lower learning rate") }
        let n = grads.count
        if adamM.count != n { adamM = [Float](repeating: 0, count: n); adamV = adamM }
        var scale: Float = 1
        if let c = s.maxGradNorm, c > 0, norm > c { scale = Float(c / (norm + 1e-6)) }
        adamSteps += 1
        let b1 = Float(s.beta1), b2 = Float(s.beta2), eps = Float(s.epsilon), lr = Float(s.learningRate)
        let c1 = 1 - Foundation.pow(b1, Float(adamSteps)), c2 = 1 - Foundation.pow(b2, Float(adamSteps))
        let decay = 1 - lr * Float(s.weightDecay)
        let w = model.trainableParameters.pointer, g = grads.pointer
        adamM.withUnsafeMutableBufferPointer { mb in
            adamV.withUnsafeMutableBufferPointer { vb in
                guard let m = mb.baseAddress, let v = vb.baseAddress else { return }
                for i in 0..<n {
                    let gi = g[i] * scale
                    m[i] = b1 * m[i] + (1 - b1) * gi
                    v[i] = b2 * v[i] + (1 - b2) * gi * gi
                    w[i] = w[i] * decay - lr * (m[i] / c1) / ((v[i] / c2).squareRoot() + eps)
                }
            }
        }
        gradientsStale = true
        return norm
    }

    public func zeroGradients() { gradientsStale = true }

    /// A frozen copy; the snapshot of a frozen model shares its weights (they never change), so
    /// frozen opponents cost no weight memory however often schedules name them.
    public func snapshot() throws -> SelfPlayPolicy {
        guard let copy = try model.snapshotModel() as? any TrainableLanguageModel else {
            throw EngineError("policy: the snapshot of \(model.summary) cannot score tokens")
        }
        return LanguageModelPolicy(model: copy)
    }

    static let magic: UInt64 = 0x5350_4152_4C4C_4D31  // "SPARLLM1"

    public func checkpointData() throws -> Data {
        let n = model.trainableParameters.count
        var data = Data(capacity: 24 + 12 * n)
        for word in [Self.magic, UInt64(n), UInt64(adamSteps)] { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        data.append(UnsafeBufferPointer(start: model.trainableParameters.pointer, count: n))
        let zeros = [Float](repeating: 0, count: adamM.count == n ? 0 : n)
        for a in [adamM.count == n ? adamM : zeros, adamV.count == n ? adamV : zeros] {
            a.withUnsafeBufferPointer { data.append($0) }
        }
        return data
    }

    public func restore(from data: Data) throws {
        let n = model.trainableParameters.count
        guard data.count == 24 + 12 * n else {
            let theirs = data.count >= 24 && (data.count - 24) % 12 == 0 ? "a model with \((data.count - 24) / 12) weights" : "no model of this kind"
            throw EngineError("policy: the checkpoint holds \(theirs); this model (\(model.summary)) has \(n) weights")
        }
        var head = [UInt64](repeating: 0, count: 3)
        _ = head.withUnsafeMutableBytes { data.prefix(24).copyBytes(to: $0) }
        head = head.map { UInt64(littleEndian: $0) }
        guard head[0] == Self.magic, head[1] == UInt64(n), head[2] <= UInt64(Int32.max) else {
            throw EngineError("policy: checkpoint is not for \(model.summary)")
        }
        var floats = [Float](repeating: 0, count: 3 * n)
        _ = floats.withUnsafeMutableBytes { data.dropFirst(24).copyBytes(to: $0) }
        guard floats.allSatisfy(\.isFinite) else { throw EngineError("policy: checkpoint holds non-finite numbers") }
        floats.withUnsafeBufferPointer { if let base = $0.baseAddress { model.trainableParameters.pointer.update(from: base, count: n) } }
        adamSteps = Int(head[2])
        adamM = Array(floats[n..<(2 * n)])
        adamV = Array(floats[(2 * n)...])
        gradientsStale = true
    }

    public func missingFormatTokens(_ texts: [String]) -> [String] {
        texts.filter { model.tokenizer.specialID($0) == nil }
    }
}
