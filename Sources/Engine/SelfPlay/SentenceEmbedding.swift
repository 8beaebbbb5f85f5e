import Foundation

/// The built-in sentence embedding used for diversity: a signed hashed bag of features, L2-normalised.
///
/// Features of a text (lower-cased): each word (runs of letters and digits), each pair of adjacent
/// words, and each character trigram of the words padded with one space on each side ("cat" gives
/// " ca", "cat", "at "). Each feature is hashed with 64-bit FNV-1a into `dimension` buckets, adding +1
/// or −1 by one more bit of the hash (the sign reduces collision bias). Deterministic on every
/// machine. It measures surface similarity only: a stand-in for the SBERT model of the paper until
/// Spar can load one.
public struct SentenceEmbedding: Sendable {
    public let dimension: Int

    public init(dimension: Int = 1024) throws {
        guard dimension >= 1, dimension <= 1 << 20 else {
            throw EngineError("embedding: dimension must be in 1...\(1 << 20), got \(dimension)")
        }
        self.dimension = dimension
    }

    /// The unit-length vector of `text` (all zeros for a text without words).
    public func embed(_ text: String) -> [Double] {
        var v = [Double](repeating: 0, count: dimension)
        let words = RulesJudge.tokens(text).map { $0.replacingOccurrences(of: "'", with: "") }.filter { !$0.isEmpty }
        func add(_ feature: String) {
            let h = Self.fnv1a(feature)
            let bucket = Int(h % UInt64(dimension))
            v[bucket] += (h >> 63) == 0 ? 1 : -1
        }
        for (i, w) in words.enumerated() {
            add("w:" + w)
            if i + 1 < words.count { add("b:" + w + " " + words[i + 1]) }
            let padded = Array(" " + w + " ")
            if padded.count >= 3 {
                for s in 0...(padded.count - 3) { add("c:" + String(padded[s..<(s + 3)])) }
            }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for i in v.indices { v[i] /= norm } }
        return v
    }

    /// Cosine similarity of two texts.
    public func cosine(_ a: String, _ b: String) -> Double {
        zip(embed(a), embed(b)).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Mean cosine over all ordered pairs of different texts (at least two texts). With unit vectors
    /// the sum over pairs is |Σv|² − Σ|v|², so this is linear in the number of texts.
    public func meanPairwiseCosine(_ texts: [String]) throws -> Double {
        guard texts.count >= 2 else { throw EngineError("embedding diversity: needs at least two texts, got \(texts.count)") }
        var sum = [Double](repeating: 0, count: dimension)
        var selfDots = 0.0
        for t in texts {
            let v = embed(t)
            for i in v.indices { sum[i] += v[i] }
            selfDots += v.reduce(0) { $0 + $1 * $1 }
        }
        let total = sum.reduce(0) { $0 + $1 * $1 } - selfDots
        let n = Double(texts.count)
        return total / (n * (n - 1))
    }

    /// 1 − mean pairwise cosine.
    public func diversity(_ texts: [String]) throws -> Double { 1 - (try meanPairwiseCosine(texts)) }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
