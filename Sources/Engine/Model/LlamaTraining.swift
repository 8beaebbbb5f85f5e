import Dispatch
import Foundation

/// Supervised training: next-token prediction on texts, or on (prompt, completion) pairs with the
/// loss on completion tokens only. AdamW, cosine schedule with warm-up, global-norm clipping.
extension LlamaModel {
    /// Trains on `texts`: they are encoded, joined with the end token, and each step reads `batch`
    /// windows of `length` tokens at seeded random offsets. Returns the loss of every step.
    @discardableResult
    public func fit(texts: [String], options: FitOptions = FitOptions(),
                    progress: ((FitProgress) throws -> Void)? = nil) throws -> [Double] {
        try options.validate()
        guard !texts.isEmpty else { throw EngineError("fit: the training set is empty") }
        var stream: [Int] = []
        let end = tokenizer.id(of: .end)
        for text in texts {
            stream += tokenizer.encode(text)
            if let end { stream.append(end) }
        }
        guard stream.count >= 2 else {
            throw EngineError("fit: the training texts give \(stream.count) token(s); next-token prediction needs at least 2")
        }
        if let asked = options.length, asked > config.context {
            throw EngineError("fit: length \(asked) is longer than the model's context of \(config.context) tokens")
        }
        let length = Swift.min(options.length ?? config.context, stream.count - 1)
        let starts = stream.count - length  // valid window starts: 0..<starts
        var rng = SeededRandom(seed: options.seed)
        let b = options.batch
        return try train(options: options, progress: progress) {
            var inputs = [Int32](repeating: 0, count: b * length), targets = inputs
            for row in 0..<b {
                let s = rng.nextInt(below: starts)
                for t in 0..<length {
                    inputs[row * length + t] = Int32(stream[s + t])
                    targets[row * length + t] = Int32(stream[s + t + 1])
                }
            }
            return try TokenBatch(batch: b, length: length, inputs: inputs, targets: targets)
        }
    }

    /// Trains on (prompt, completion) pairs: each example is prompt + completion + end token, and
    /// only the completion and end tokens are scored. Examples are visited in seeded shuffled epochs.
    @discardableResult
    public func fit(pairs: [(prompt: String, completion: String)], options: FitOptions = FitOptions(),
                    progress: ((FitProgress) throws -> Void)? = nil) throws -> [Double] {
        try options.validate()
        guard !pairs.isEmpty else { throw EngineError("fit: the training set is empty") }
        let end = tokenizer.id(of: .end)
        var examples: [(tokens: [Int], promptLength: Int)] = []
        for (i, pair) in pairs.enumerated() {
            let p = tokenizer.encode(pair.prompt)
            var tokens = p + tokenizer.encode(pair.completion)
            if let end { tokens.append(end) }
            guard tokens.count > p.count, tokens.count >= 2 else {
                throw EngineError("fit: example \(i) has no completion token to learn")
            }
            guard tokens.count - 1 <= config.context else {
                throw EngineError("fit: example \(i) is \(tokens.count) tokens, longer than the model's context of \(config.context) + 1")
            }
            examples.append((tokens, Swift.max(1, p.count)))
        }
        var rng = SeededRandom(seed: options.seed)
        var order: [Int] = [], next = 0
        let pad = tokenizer.id(of: .pad) ?? 0
        return try train(options: options, progress: progress) {
            var rows: [[Int]] = [], from: [Int] = []
            for _ in 0..<options.batch {
                if next == order.count { order = Array(examples.indices); rng.shuffle(&order); next = 0 }
                let e = examples[order[next]]; next += 1
                rows.append(e.tokens); from.append(e.promptLength)
            }
            return try TokenBatch(sequences: rows, padID: pad, scoredFrom: from)
        }
    }

    /// The loop shared by both kinds of data: schedule, step, report, loss history.
    private func train(options: FitOptions, progress: ((FitProgress) throws -> Void)?,
                       nextBatch: () throws -> TokenBatch) throws -> [Double] {
        try requireTrainable("fit")
        let warmup = options.warmupSteps ?? Swift.min(100, options.steps / 10)
        let schedule = try LearningRateSchedule.checkedCosine(
            peak: options.learningRate, warmupSteps: warmup, totalSteps: options.steps,
            minimum: options.learningRate * options.finalRateFraction)
        if optimizerState == nil || optimizerState?.weightDecay != options.weightDecay {
            optimizerState = FlatAdamW(layout: layout, weightDecay: options.weightDecay)
        }
        let every = options.progressEvery ?? Swift.max(1, options.steps / 10)
        var history: [Double] = []
        history.reserveCapacity(options.steps)
        var clock = DispatchTime.now().uptimeNanoseconds, tokensSinceReport = 0
        for step in 0..<options.steps {
            let batch = try nextBatch()
            let lr = schedule.rate(at: step)
            let (loss, norm) = try trainStep(batch, learningRate: lr, clipNorm: options.clipNorm, stepName: step + 1)
            history.append(loss)
            tokensSinceReport += batch.batch * batch.length
            if let progress {
                let isReport = (step + 1) % every == 0 || step + 1 == options.steps
                var rate = 0.0
                if isReport {
                    let now = DispatchTime.now().uptimeNanoseconds
                    rate = Double(tokensSinceReport) / Swift.max(1e-9, Double(now - clock) / 1e9)
                }
                try progress(FitProgress(step: step + 1, steps: options.steps, loss: loss, learningRate: lr,
                                         gradientNorm: norm, tokensPerSecond: rate, isReport: isReport))
                if isReport { clock = DispatchTime.now().uptimeNanoseconds; tokensSinceReport = 0 }
            }
        }
        return history
    }

    /// One optimizer step on the mean cross-entropy of `batch`'s scored positions. Returns the loss
    /// and the gradient norm before clipping. A non-finite loss or gradient throws, naming `stepName`,
    /// before the weights are touched.
    @discardableResult
    public func trainStep(_ batch: TokenBatch, learningRate: Float, clipNorm: Float = 1,
                          stepName: Int = 1) throws -> (loss: Double, gradientNorm: Double) {
        try requireTrainable("fit")
        let scored = batch.targets.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
        guard scored > 0 else { throw EngineError("fit: step \(stepName) has no scored token") }
        let weight = -1 / Float(scored)
        let w = batch.targets.map { $0 >= 0 ? weight : 0 }
        zeroGradients()
        let logprobs = try forwardBackward(batch, logprobGradient: w)
        let loss = -logprobs.reduce(0.0) { $0 + Double($1) } / Double(scored)
        guard loss.isFinite, let grads = gradients else {
            throw EngineError("fit: training diverged at step \(stepName): the loss is \(Self.describe(loss)); try a lower learning rate")
        }
        let norm = gradientNorm(grads)
        guard norm.isFinite else {
            throw EngineError("fit: training diverged at step \(stepName): the gradient norm is \(Self.describe(norm)); try a lower learning rate")
        }
        try applyGradients(learningRate: learningRate, clipNorm: clipNorm, norm: norm)
        return (loss, norm)
    }

    /// A non-finite number for messages: "NaN", "inf" or "-inf" (never the platform's "-nan").
    static func describe(_ x: Double) -> String { x.isNaN ? "NaN" : "\(x)" }

    /// Clips the accumulated gradients to `clipNorm` (0: no clipping) and takes one AdamW step.
    /// For callers that accumulate gradients themselves through `forwardBackward` (e.g. RL updates).
    public func applyGradients(learningRate: Float, clipNorm: Float = 1, weightDecay: Float = 0.1, norm: Double? = nil) throws {
        try requireTrainable("model")
        guard let grads = gradients else { throw EngineError("model: no gradients to apply; run forwardBackward first") }
        let n = norm ?? gradientNorm(grads)
        guard n.isFinite else { throw EngineError("model: the gradient norm is \(n)") }
        if clipNorm > 0, n > Double(clipNorm) {
            let scale = Float(Double(clipNorm) / (n + 1e-6)), g = grads.pointer
            for i in 0..<grads.count { g[i] *= scale }
        }
        if optimizerState == nil { optimizerState = FlatAdamW(layout: layout, weightDecay: weightDecay) }
        optimizerState?.step(weights: weights, grads: grads, lr: learningRate)
    }
}
