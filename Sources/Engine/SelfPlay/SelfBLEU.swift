import Foundation

/// Sentence BLEU and Self-BLEU exactly as NLTK computes them with
/// `sentence_bleu(refs, hyp, weights=(0.25,)*4, smoothing_function=SmoothingFunction().method3)`.
///
/// Texts are split on whitespace (as Python's `str.split()`), case kept. Per order n = 1...4: the
/// clipped n-gram matches (each hypothesis n-gram counted at most as often as it occurs in the one
/// reference where it occurs most) over max(1, hypothesis n-grams). No unigram match gives 0. The k-th
/// order with zero matches (k = 1, 2, ...) gets precision 1 / (2^k · denominator) — NIST geometric
/// ("exponential") smoothing. Brevity penalty: with c the hypothesis length and r the closest reference
/// length (ties to the shorter), 1 if c > r, else exp(1 − r/c).
public enum SelfBLEU {
    public static let maxOrder = 4

    /// Sentence BLEU of `hypothesis` against `references` (at least one).
    public static func sentence(_ hypothesis: String, references: [String]) throws -> Double {
        guard !references.isEmpty else { throw EngineError("bleu: needs at least one reference") }
        let hyp = WorldText.words(hypothesis)
        let refs = references.map(WorldText.words)
        let refCounts = refs.map(ngramCounts)
        var maxRef: [String: Int] = [:]
        for counts in refCounts {
            for (g, c) in counts where c > maxRef[g, default: 0] { maxRef[g] = c }
        }
        return score(hyp: hyp, hypCounts: ngramCounts(hyp), refLengths: refs.map(\.count)) { maxRef[$0] ?? 0 }
    }

    /// Mean over texts of each text's sentence BLEU against all the other texts as references.
    /// Needs at least two texts. 1 − this is the diversity.
    public static func selfBLEU(_ texts: [String]) throws -> Double {
        guard texts.count >= 2 else { throw EngineError("self-bleu: needs at least two texts, got \(texts.count)") }
        let tokens = texts.map(WorldText.words)
        let counts = tokens.map(ngramCounts)
        // For each n-gram, the two largest counts and the text holding the largest, so the maximum over
        // all texts but one is found in constant time.
        var top: [String: (first: Int, owner: Int, second: Int)] = [:]
        for (i, c) in counts.enumerated() {
            for (g, k) in c {
                var t = top[g] ?? (0, -1, 0)
                if k > t.first { t = (k, i, t.first) } else if k > t.second { t.second = k }
                top[g] = t
            }
        }
        let lengths = tokens.map(\.count)
        var total = 0.0
        for i in tokens.indices {
            var refLengths = lengths
            refLengths.remove(at: i)
            total += score(hyp: tokens[i], hypCounts: counts[i], refLengths: refLengths) { g in
                guard let t = top[g] else { return 0 }
                return t.owner == i ? t.second : t.first
            }
        }
        return total / Double(tokens.count)
    }

    /// 1 − Self-BLEU.
    public static func diversity(_ texts: [String]) throws -> Double { 1 - (try selfBLEU(texts)) }

    /// n-gram counts for n = 1...4; keys join the words with a separator that never occurs in words.
    static func ngramCounts(_ words: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for n in 1...maxOrder where words.count >= n {
            for start in 0...(words.count - n) {
                counts[words[start..<(start + n)].joined(separator: " "), default: 0] += 1
            }
        }
        return counts
    }

    static func score(hyp: [String], hypCounts: [String: Int], refLengths: [Int], maxRefCount: (String) -> Int) -> Double {
        var numerators = [Int](repeating: 0, count: maxOrder + 1)
        for (g, c) in hypCounts {
            let n = g.split(separator: " ").count
            guard n >= 1, n <= maxOrder else { continue }
            numerators[n] += min(c, maxRefCount(g))
        }
        guard numerators[1] > 0 else { return 0 }
        var logSum = 0.0
        var k = 1.0
        for n in 1...maxOrder {
            let denominator = Double(max(1, hyp.count - n + 1))
            let p: Double
            if numerators[n] == 0 {
                p = 1 / (pow(2, k) * denominator)
                k += 1
            } else {
                p = Double(numerators[n]) / denominator
            }
            logSum += 0.25 * log(p)
        }
        let c = hyp.count
        let r = refLengths.min { (abs($0 - c), $0) < (abs($1 - c), $1) } ?? 0
        let bp = c > r ? 1 : exp(1 - Double(r) / Double(c))
        return bp * exp(logSum)
    }
}
