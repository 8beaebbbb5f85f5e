import Foundation

/// Byte-level byte-pair encoding: bytes, special tokens, and merges learned from texts.
///
/// Train one with `BPETokenizer.train(texts:vocabularySize:)` (see `BPETrainer` for the algorithm
/// and its tie-breaking rule), or rebuild one from its merges. Encoding first cuts out special
/// tokens, then splits the rest into words (`WordSplitter`), then turns each word into bytes and
/// applies the merges by rank: repeatedly merge the adjacent pair that was learned first, until no
/// learned pair is left. This gives each word exactly the tokens training gave it. Encoded words are
/// cached, so common words cost one dictionary lookup.
///
///     let tok = try BPETokenizer.train(texts: ["low lower lowest"], vocabularySize: 280)
///     tok.merges.first                 // (108, 111): "l" + "o", the most frequent pair
public final class BPETokenizer: Tokenizer {
    public let kind = "bpe"
    public let table: TokenTable
    /// The learned merges in rank order; `merges[r]` makes id `256 + specialTokens.count + r`.
    public let merges: [TokenPair]
    /// Rank of each merge, keyed by `pairKey(left, right)`.
    private let ranks: [UInt64: Int32]
    private let cache = WordCache()

    /// A tokenizer from merges in rank order. Each merge may only use bytes and earlier merges,
    /// never special tokens; `context` starts error messages (a file name, "bpe").
    public convenience init(merges: [TokenPair], specials: [String] = SpecialToken.standardTexts,
                            context: String = "bpe") throws {
        let specialSet = try SpecialTokenSet(specials, context: context)
        try self.init(merges: merges, specialSet: specialSet, context: context)
    }

    init(merges: [TokenPair], specialSet: SpecialTokenSet, context: String) throws {
        let firstMerge = SpecialTokenSet.firstID + specialSet.count
        var ranks = [UInt64: Int32](minimumCapacity: merges.count)
        for (rank, pair) in merges.enumerated() {
            let newID = firstMerge + rank
            for side in [pair.left, pair.right] {
                if side < 0 || side >= newID {
                    throw EngineError("\(context): merge \(rank) \(pair) uses token \(side), which is not defined before it (merge \(rank) defines id \(newID))")
                }
                if side >= SpecialTokenSet.firstID && side < firstMerge {
                    throw EngineError("\(context): merge \(rank) \(pair) uses special token \(side); special tokens are never merged")
                }
            }
            guard newID <= Int(Int32.max) else { throw EngineError("\(context): too many merges (\(merges.count))") }
            let key = pairKey(pair.left, pair.right)
            if ranks[key] != nil { throw EngineError("\(context): merge \(rank) \(pair) appears twice") }
            ranks[key] = Int32(rank)
        }
        try TokenTable.checkSize(specials: specialSet, merges: merges, context: context)
        self.merges = merges
        self.ranks = ranks
        table = TokenTable(specials: specialSet, merges: merges)
    }

    /// Learns merges from `texts` until the vocabulary has `vocabularySize` ids, or no adjacent
    /// pair is left to merge (then the vocabulary is smaller; see `BPETrainer`).
    public static func train(texts: [String], vocabularySize: Int,
                             specials: [String] = SpecialToken.standardTexts) throws -> BPETokenizer {
        let specialSet = try SpecialTokenSet(specials, context: "bpe")
        let merges = try BPETrainer.learnMerges(texts: texts, vocabularySize: vocabularySize, specials: specialSet)
        return try BPETokenizer(merges: merges, specialSet: specialSet, context: "bpe")
    }

    public func encode(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var ids = [Int]()
            ids.reserveCapacity(bytes.count / 2)
            var scratch = [Int32]()
            table.specials.split(bytes, plain: { range in
                WordSplitter.split(bytes, range) { word in
                    encodeWord(UnsafeBufferPointer(rebasing: bytes[word]), into: &ids, scratch: &scratch)
                }
            }, special: { ids.append($0) })
            return ids
        }
    }

    /// Appends the tokens of one word, from the cache or by applying the merges.
    private func encodeWord(_ word: UnsafeBufferPointer<UInt8>, into ids: inout [Int], scratch: inout [Int32]) {
        if word.count == 1 { ids.append(Int(word[0])); return }
        // Short words (most of them) are cached under an integer key, so a hit allocates nothing.
        let shortKey = WordCache.shortKey(word)
        if let cached = shortKey.map({ cache.get(short: $0) }) ?? cache.get(long: Array(word)) {
            ids.append(contentsOf: cached)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        for b in word { scratch.append(Int32(b)) }
        applyMerges(&scratch)
        let tokens = scratch.map { Int($0) }
        if let shortKey { cache.put(short: shortKey, tokens) } else { cache.put(long: Array(word), tokens) }
        ids.append(contentsOf: tokens)
    }

    /// Merges the pair of lowest rank, all its occurrences left to right, until none is left.
    private func applyMerges(_ symbols: inout [Int32]) {
        let firstMerge = Int32(table.firstMergeID)
        while symbols.count > 1 {
            var bestRank = Int32.max
            for i in 0..<(symbols.count - 1) {
                if let r = ranks[pairKey(Int(symbols[i]), Int(symbols[i + 1]))], r < bestRank { bestRank = r }
            }
            if bestRank == Int32.max { return }
            let pair = merges[Int(bestRank)]
            let left = Int32(pair.left), right = Int32(pair.right), merged = firstMerge + bestRank
            var out = 0, i = 0
            while i < symbols.count {
                if i + 1 < symbols.count && symbols[i] == left && symbols[i + 1] == right {
                    symbols[out] = merged; i += 2
                } else {
                    symbols[out] = symbols[i]; i += 1
                }
                out += 1
            }
            symbols.removeLast(symbols.count - out)
        }
    }

    public func serialized() -> String {
        TokenizerFile.serialize(kind: kind, specials: table.specials.texts, merges: merges)
    }
}

/// The dictionary key of an adjacent pair of ids (both fit in 32 bits).
@inline(__always)
func pairKey(_ left: Int, _ right: Int) -> UInt64 {
    UInt64(truncatingIfNeeded: left) << 32 | UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: right))
}

/// The per-word encoding cache of a `BPETokenizer`, safe to use from several threads. It is
/// cleared when it grows past a bound, so hostile text cannot make it grow without limit.
final class WordCache: @unchecked Sendable {
    /// Words of up to 7 bytes, keyed by their bytes packed into an integer with the length on top.
    private var short = [UInt64: [Int]]()
    private var long = [[UInt8]: [Int]]()
    private let lock = NSLock()
    private let capacity = 200_000

    /// The integer key of a word of at most 7 bytes; nil for longer words.
    @inline(__always)
    static func shortKey(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard word.count <= 7 else { return nil }
        var key = UInt64(word.count) << 56
        for (i, b) in word.enumerated() { key |= UInt64(b) << (8 * UInt64(i)) }
        return key
    }

    func get(short key: UInt64) -> [Int]? {
        lock.lock(); defer { lock.unlock() }
        return short[key]
    }

    func get(long key: [UInt8]) -> [Int]? {
        lock.lock(); defer { lock.unlock() }
        return long[key]
    }

    func put(short key: UInt64, _ value: [Int]) {
        lock.lock(); defer { lock.unlock() }
        if short.count >= capacity { short.removeAll(keepingCapacity: true) }
        short[key] = value
    }

    func put(long key: [UInt8], _ value: [Int]) {
        lock.lock(); defer { lock.unlock() }
        if long.count >= capacity { long.removeAll(keepingCapacity: true) }
        long[key] = value
    }
}
