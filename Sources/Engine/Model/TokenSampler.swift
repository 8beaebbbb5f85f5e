import Foundation

/// Picks the next token from one row of logits: greedy, or temperature / top-k / top-p sampling.
///
/// Only ids below `allowed` (the tokenizer's vocabulary; a model may have spare rows) and not equal to
/// `banned` (the pad token) can be picked. The returned log-probability is under the untempered,
/// untruncated softmax over the whole model vocabulary, which is what scoring computes.
struct TokenSampler {
    let options: SamplingOptions
    let allowed: Int
    let banned: Int?
    var rng: SeededRandom
    /// Scratch of (probability, id) pairs for top-k / top-p.
    private var candidates: [(p: Float, id: Int)] = []

    init(options: SamplingOptions, allowed: Int, banned: Int?) {
        self.options = options; self.allowed = allowed; self.banned = banned
        rng = SeededRandom(seed: options.seed)
    }

    mutating func pick(_ z: UnsafePointer<Float>, vocab: Int) -> (token: Int, logprob: Float) {
        var m = -Float.infinity
        for j in 0..<vocab where z[j] > m { m = z[j] }
        var sum: Double = 0
        for j in 0..<vocab { sum += Double(FastMath.exp(z[j] - m)) }
        let lse = m + Float(Foundation.log(sum))
        let token = choose(z)
        return (token, z[token] - lse)
    }

    private func isAllowed(_ j: Int) -> Bool { j != banned }

    private mutating func choose(_ z: UnsafePointer<Float>) -> Int {
        var best = 0, bestValue = -Float.infinity
        for j in 0..<allowed where isAllowed(j) && z[j] > bestValue { best = j; bestValue = z[j] }
        if options.temperature == 0 || !bestValue.isFinite { return best }
        let invT = 1 / options.temperature
        candidates.removeAll(keepingCapacity: true)
        var total: Double = 0
        for j in 0..<allowed where isAllowed(j) {
            let p = FastMath.exp((z[j] - bestValue) * invT)
            if p > 0 { candidates.append((p, j)); total += Double(p) }
        }
        if options.topK > 0 || options.topP < 1 {
            candidates.sort { $0.p > $1.p || ($0.p == $1.p && $0.id < $1.id) }
            if options.topK > 0 && candidates.count > options.topK { candidates.removeLast(candidates.count - options.topK) }
            total = candidates.reduce(0.0) { $0 + Double($1.p) }
            if options.topP < 1 {
                var kept = 0, cumulative = 0.0
                for c in candidates {
                    kept += 1; cumulative += Double(c.p)
                    if cumulative >= Double(options.topP) * total { break }
                }
                candidates.removeLast(candidates.count - kept)
                total = cumulative
            }
        }
        var u = rng.nextDouble() * total
        for c in candidates {
            u -= Double(c.p)
            if u < 0 { return c.id }
        }
        return candidates.last?.id ?? best
    }
}
