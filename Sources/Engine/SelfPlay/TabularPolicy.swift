import Foundation

/// A small, exact policy for testing the game and its RL without a neural model: a table of logits
/// `θ[context][previous token][next token]` over a tiny vocabulary of text pieces.
///
/// The context is a bucket computed from the prompt (by default a hash of it; tests pass a function
/// that, say, tells harmful prompts from benign ones). Token 0 is the end of a completion: it is an
/// action (it has a log-probability and a gradient) but adds no text. Log-probabilities and their
/// gradients are exact (`d log p(k) / d θ[c][prev][j] = 1[j = k] − p(j)`), so hand-computed RL cases
/// and finite differences can be checked against it. Parameters and Adam moments are Doubles, so a
/// checkpoint restores a bit-identical policy.
///
///     let p = try TabularPolicy(vocabulary: ["", " yes", " no"], contexts: 2) { $0.contains("!") ? 1 : 0 }
public final class TabularPolicy: SelfPlayPolicy {
    /// Token texts; index 0 is the end token (its text is ignored).
    public let vocabulary: [String]
    public let contexts: Int
    let contextOf: (String) -> Int
    /// θ, flattened as [context][previous][next]; previous 0 also stands for "start".
    public private(set) var logits: [Double]
    var grad: [Double]
    var adamM: [Double]
    var adamV: [Double]
    /// Adam steps taken.
    public private(set) var adamStep: Int = 0

    public var vocabularySize: Int { vocabulary.count }

    public init(vocabulary: [String], contexts: Int = 1, initialLogits: [Double]? = nil,
                context: @escaping (String) -> Int = TabularPolicy.hashContext) throws {
        guard vocabulary.count >= 2 else { throw EngineError("tabular policy: the vocabulary needs the end token and at least one more") }
        guard contexts >= 1, contexts <= 1024 else { throw EngineError("tabular policy: contexts must be 1...1024, got \(contexts)") }
        let n = contexts * vocabulary.count * vocabulary.count
        guard n <= 4_000_000 else { throw EngineError("tabular policy: \(n) parameters is too many") }
        if let initialLogits, initialLogits.count != n {
            throw EngineError("tabular policy: expected \(n) initial logits, got \(initialLogits.count)")
        }
        self.vocabulary = vocabulary
        self.contexts = contexts
        self.contextOf = context
        self.logits = initialLogits ?? [Double](repeating: 0, count: n)
        self.grad = [Double](repeating: 0, count: n)
        self.adamM = grad
        self.adamV = grad
    }

    /// FNV-1a of the prompt's bytes; the bucket is this modulo `contexts`.
    public static func hashContext(_ prompt: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in prompt.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(h >> 1)
    }

    public var summary: String { "tabular \(vocabulary.count) tokens x \(contexts) contexts" }

    func bucket(_ prompt: String) -> Int {
        let c = contextOf(prompt) % contexts
        return c < 0 ? c + contexts : c
    }

    func offset(_ context: Int, _ previous: Int) -> Int { (context * vocabularySize + previous) * vocabularySize }

    /// The next-token distribution after `previous` in `context` (temperature 1).
    public func probabilities(context: Int, previous: Int) -> [Double] {
        let base = offset(context, previous)
        let row = logits[base..<(base + vocabularySize)]
        let m = row.max() ?? 0
        let e = row.map { Foundation.exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    public func sample(prompts: [String], options: PolicySampling) throws -> [PolicySample] {
        guard options.maxTokens >= 1 else { throw EngineError("sample: max_tokens must be at least 1, got \(options.maxTokens)") }
        guard options.temperature > 0, options.temperature.isFinite else { throw EngineError("sample: temperature must be positive") }
        guard options.topP > 0, options.topP <= 1 else { throw EngineError("sample: top_p must be in (0, 1]") }
        var rng = SeededRandom(seed: options.seed)
        return prompts.map { prompt in
            let c = bucket(prompt)
            var prev = 0, tokens: [Int] = [], lps: [Double] = [], text = ""
            while tokens.count < options.maxTokens {
                let p = probabilities(context: c, previous: prev)
                let k = Self.draw(p, temperature: options.temperature, topP: options.topP, rng: &rng)
                tokens.append(k)
                lps.append(Foundation.log(p[k]))
                if k == 0 { break }
                text += vocabulary[k]
                prev = k
            }
            return PolicySample(text: text, tokens: tokens, logprobs: lps)
        }
    }

    /// Draws from `p` reshaped by temperature and truncated to the top-p nucleus.
    static func draw(_ p: [Double], temperature: Double, topP: Double, rng: inout SeededRandom) -> Int {
        var q = p
        if temperature != 1 {
            q = p.map { Foundation.pow(max($0, 1e-300), 1 / temperature) }
            let s = q.reduce(0, +)
            q = q.map { $0 / s }
        }
        if topP < 1 {
            let order = q.indices.sorted { q[$0] > q[$1] || (q[$0] == q[$1] && $0 < $1) }
            var kept = Set<Int>(), mass = 0.0
            for i in order where mass < topP { kept.insert(i); mass += q[i] }
            q = q.indices.map { kept.contains($0) ? q[$0] / mass : 0 }
        }
        var u = rng.nextDouble(), last = 0
        for (i, x) in q.enumerated() where x > 0 {
            last = i
            if u < x { return i }
            u -= x
        }
        return last
    }

    func checkTokens(_ tokens: [Int]) throws {
        for t in tokens where t < 0 || t >= vocabularySize {
            throw EngineError("tabular policy: token \(t) is outside the vocabulary of \(vocabularySize)")
        }
    }

    public func logprobs(prompts: [String], completions: [[Int]]) throws -> [[Double]] {
        guard prompts.count == completions.count else {
            throw EngineError("logprobs: \(prompts.count) prompts but \(completions.count) completions")
        }
        return try zip(prompts, completions).map { prompt, tokens in
            try checkTokens(tokens)
            let c = bucket(prompt)
            var prev = 0
            return tokens.map { k in
                defer { prev = k }
                return Foundation.log(probabilities(context: c, previous: prev)[k])
            }
        }
    }

    /// Greedy longest-match over the vocabulary, then the end token.
    public func encode(_ text: String) throws -> [Int] {
        var out: [Int] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            var best = 0, bestLength = 0
            for (i, piece) in vocabulary.enumerated() where i > 0 && !piece.isEmpty && rest.hasPrefix(piece) {
                if piece.count > bestLength { best = i; bestLength = piece.count }
            }
            guard bestLength > 0 else { throw EngineError("tabular policy: cannot encode \"\(rest.prefix(20))\" with its vocabulary") }
            out.append(best)
            rest = rest.dropFirst(bestLength)
        }
        return out + [0]
    }

    @discardableResult
    public func accumulateGradient(prompts: [String], completions: [[Int]],
                                   gradient: ([[Double]]) throws -> [[Double]]) throws -> [[Double]] {
        let lps = try logprobs(prompts: prompts, completions: completions)
        let g = try gradient(lps)
        guard g.count == lps.count, zip(g, lps).allSatisfy({ $0.count == $1.count }) else {
            throw EngineError("accumulateGradient: the gradient closure must return one value per token")
        }
        for (i, tokens) in completions.enumerated() {
            let c = bucket(prompts[i])
            var prev = 0
            for (t, k) in tokens.enumerated() {
                let w = g[i][t]
                guard w.isFinite else { throw EngineError("accumulateGradient: non-finite gradient at token \(t) of sample \(i)") }
                if w != 0 {
                    let p = probabilities(context: c, previous: prev)
                    let base = offset(c, prev)
                    for j in 0..<vocabularySize { grad[base + j] -= w * p[j] }
                    grad[base + k] += w
                }
                prev = k
            }
        }
        return lps
    }

    /// The accumulated gradient (for tests).
    public var gradient: [Double] { grad }

    public func step(_ s: OptimizerSettings) throws -> Double {
        guard s.learningRate.isFinite, s.learningRate >= 0 else { throw EngineError("step: learning rate must be a finite non-negative number") }
        let norm = grad.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm.isFinite else { throw EngineError("step: the gradient is not finite") }
        var scale = 1.0
        if let c = s.maxGradNorm, c > 0, norm > c { scale = c / (norm + 1e-6) }
        adamStep += 1
        let b1c = 1 - Foundation.pow(s.beta1, Double(adamStep)), b2c = 1 - Foundation.pow(s.beta2, Double(adamStep))
        for i in logits.indices {
            let g = grad[i] * scale
            adamM[i] = s.beta1 * adamM[i] + (1 - s.beta1) * g
            adamV[i] = s.beta2 * adamV[i] + (1 - s.beta2) * g * g
            let update = (adamM[i] / b1c) / ((adamV[i] / b2c).squareRoot() + s.epsilon)
            logits[i] -= s.learningRate * (update + s.weightDecay * logits[i])
        }
        zeroGradients()
        return norm
    }

    public func zeroGradients() { for i in grad.indices { grad[i] = 0 } }

    public func snapshot() throws -> SelfPlayPolicy {
        let copy = try TabularPolicy(vocabulary: vocabulary, contexts: contexts, initialLogits: logits, context: contextOf)
        copy.adamM = adamM
        copy.adamV = adamV
        copy.adamStep = adamStep
        return copy
    }

    static let magic: UInt64 = 0x5350_4152_5441_4231  // "SPARTAB1"

    /// [magic, contexts, vocabulary size, adam step, θ…, m…, v…] as little-endian 64-bit words.
    public func checkpointData() throws -> Data {
        var words: [UInt64] = [Self.magic, UInt64(contexts), UInt64(vocabularySize), UInt64(adamStep)]
        words.reserveCapacity(4 + 3 * logits.count)
        for a in [logits, adamM, adamV] { words.append(contentsOf: a.map(\.bitPattern)) }
        var data = Data(capacity: words.count * 8)
        for w in words { withUnsafeBytes(of: w.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    public func restore(from data: Data) throws {
        let n = logits.count
        guard data.count == (4 + 3 * n) * 8 else {
            throw EngineError("tabular policy: checkpoint has \(data.count) bytes, expected \((4 + 3 * n) * 8)")
        }
        var words = [UInt64](repeating: 0, count: data.count / 8)
        _ = words.withUnsafeMutableBytes { data.copyBytes(to: $0) }
        words = words.map { UInt64(littleEndian: $0) }
        guard words[0] == Self.magic, words[1] == UInt64(contexts), words[2] == UInt64(vocabularySize) else {
            throw EngineError("tabular policy: checkpoint is not for a \(summary) policy")
        }
        guard words[3] <= UInt64(Int.max) else { throw EngineError("tabular policy: bad step count in checkpoint") }
        adamStep = Int(words[3])
        logits = words[4..<(4 + n)].map { Double(bitPattern: $0) }
        adamM = words[(4 + n)..<(4 + 2 * n)].map { Double(bitPattern: $0) }
        adamV = words[(4 + 2 * n)..<(4 + 3 * n)].map { Double(bitPattern: $0) }
        zeroGradients()
    }

    public func missingFormatTokens(_ texts: [String]) -> [String] {
        texts.filter { t in !vocabulary.contains { $0.contains(t) } }
    }
}

extension TabularPolicy {
    /// Replaces the logits (finite-difference tests); the count must match.
    public func restoreLogits(_ values: [Double]) throws {
        guard values.count == logits.count else { throw EngineError("tabular policy: expected \(logits.count) logits, got \(values.count)") }
        logits = values
    }
}
