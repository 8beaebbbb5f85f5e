/// Learns byte-level BPE merges from texts by pair counts over word frequencies.
///
/// Algorithm (incremental, in the style of SentencePiece's and Hugging Face's trainers):
/// 1. Cut special tokens out of every text, split the rest into words (`WordSplitter`), and count
///    each distinct word once with its frequency.
/// 2. Count every adjacent pair of tokens over all words (times the word's frequency), remember for
///    each pair which words contain it, and put all pairs in a max-heap.
/// 3. Repeatedly take the most frequent pair, give it the next id, and rewrite only the words that
///    contain it (merging its occurrences left to right, like encoding does). The counts of the
///    pairs around each rewrite change by the word's frequency; changed pairs get fresh heap
///    entries and stale entries are skipped when popped. The work per merge is proportional to the
///    words it touches, not to the corpus.
///
/// Tie-breaking: among pairs with the same count, the one with the smaller left id wins, then the
/// smaller right id. (Byte ids are byte values and merged ids grow with merge order, so this
/// prefers bytes with smaller values and older merges.) The result depends only on the texts and
/// the vocabulary size, never on hashing or on the order of the words.
///
/// Stopping: training stops at the target vocabulary size, or earlier when no adjacent pair is left
/// (every word is a single token); the tokenizer's vocabulary is then smaller than asked for.
/// Pairs seen only once are still merged if the target is not reached yet.
enum BPETrainer {
    static func learnMerges(texts: [String], vocabularySize: Int, specials: SpecialTokenSet) throws -> [TokenPair] {
        let base = SpecialTokenSet.firstID + specials.count
        guard vocabularySize >= base else {
            throw EngineError("bpe: vocabulary size \(vocabularySize) is smaller than the \(base) ids every tokenizer has (256 bytes + \(specials.count) special tokens)")
        }
        guard vocabularySize <= Int(Int32.max) else {
            throw EngineError("bpe: vocabulary size \(vocabularySize) is too large (at most \(Int32.max))")
        }
        guard !texts.isEmpty else { throw EngineError("bpe: no training texts (the list is empty)") }
        let wordCounts = countWords(texts, specials: specials)
        guard !wordCounts.isEmpty else { throw EngineError("bpe: the training texts contain no text (all empty or only special tokens)") }
        guard wordCounts.count < Int(Int32.max) else { throw EngineError("bpe: too many distinct words (\(wordCounts.count))") }
        var state = TrainingState(wordCounts: wordCounts)
        return state.run(firstID: base, mergeCount: vocabularySize - base)
    }

    /// The distinct words of all texts with their frequencies.
    static func countWords(_ texts: [String], specials: SpecialTokenSet) -> [[UInt8]: Int] {
        var counts = [[UInt8]: Int]()
        for var text in texts {
            text.withUTF8 { bytes in
                specials.split(bytes, plain: { range in
                    WordSplitter.split(bytes, range) { word in
                        counts[Array(UnsafeBufferPointer(rebasing: bytes[word])), default: 0] += 1
                    }
                }, special: { _ in })
            }
        }
        return counts
    }
}

/// The mutable state of one training run: the words as token sequences and the pair statistics.
private struct TrainingState {
    /// Each distinct word as its current tokens, and how often it occurs.
    var words: [[Int32]]
    var frequencies: [Int]
    /// How often each adjacent pair occurs, over all words; pairs with count 0 are removed.
    var pairCounts = [UInt64: Int]()
    /// The words that contain (or once contained) each pair; may hold stale entries and repeats.
    var wordsWithPair = [UInt64: [Int32]]()
    var heap = PairHeap()

    init(wordCounts: [[UInt8]: Int]) {
        // Sorting the words makes the run independent of dictionary order (it already is in its
        // results; this also makes the work order reproducible).
        let sorted = wordCounts.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        words = sorted.map { $0.key.map { Int32($0) } }
        frequencies = sorted.map(\.value)
        for (w, symbols) in words.enumerated() where symbols.count > 1 {
            for i in 0..<(symbols.count - 1) {
                let key = pairKey(Int(symbols[i]), Int(symbols[i + 1]))
                pairCounts[key, default: 0] += frequencies[w]
                appendWord(Int32(w), to: key)
            }
        }
        for (key, count) in pairCounts { heap.push(.init(count: count, key: key)) }
    }

    mutating func appendWord(_ w: Int32, to key: UInt64) {
        // A word is added once per merge that creates the pair in it, so repeats are rare; the
        // check of the last element removes the common one (a pair twice in the same word).
        if wordsWithPair[key]?.last != w { wordsWithPair[key, default: []].append(w) }
    }

    mutating func run(firstID: Int, mergeCount: Int) -> [TokenPair] {
        var merges = [TokenPair]()
        // The requested size may be huge while the corpus allows few merges: reserve only a guess
        // bounded by the corpus (the distinct pairs at the start).
        merges.reserveCapacity(min(mergeCount, pairCounts.count))
        var lastVisit = [Int](repeating: -1, count: words.count)
        var delta = [UInt64: Int]()
        while merges.count < mergeCount, let top = heap.pop() {
            guard let current = pairCounts[top.key], current == top.count else { continue }  // stale
            let left = Int32(truncatingIfNeeded: top.key >> 32), right = Int32(truncatingIfNeeded: top.key)
            let newID = Int32(firstID + merges.count)
            merges.append(TokenPair(Int(left), Int(right)))

            delta.removeAll(keepingCapacity: true)
            for w in wordsWithPair.removeValue(forKey: top.key) ?? [] {
                let wi = Int(w)
                if lastVisit[wi] == merges.count { continue }
                lastVisit[wi] = merges.count
                rewrite(word: wi, left: left, right: right, newID: newID, delta: &delta)
            }
            for (key, change) in delta where change != 0 {
                let count = (pairCounts[key] ?? 0) + change
                if count > 0 {
                    pairCounts[key] = count
                    heap.push(.init(count: count, key: key))
                } else {
                    pairCounts.removeValue(forKey: key)
                }
            }
        }
        return merges
    }

    /// Merges `left right` into `newID` in one word and records the pair count changes.
    mutating func rewrite(word w: Int, left: Int32, right: Int32, newID: Int32, delta: inout [UInt64: Int]) {
        let old = words[w]
        let n = old.count
        guard n > 1 else { return }
        var found = false
        for i in 0..<(n - 1) where old[i] == left && old[i + 1] == right { found = true; break }
        guard found else { return }  // a stale entry: an earlier merge already consumed the pair

        let freq = frequencies[w]
        var merged = [Int32]()
        merged.reserveCapacity(n)
        var i = 0
        while i < n {
            if i + 1 < n && old[i] == left && old[i + 1] == right { merged.append(newID); i += 2 }
            else { merged.append(old[i]); i += 1 }
        }
        // Every pair of the old word goes, every pair of the new word comes; unchanged pairs
        // cancel in `delta`. Only pairs with the new id are new to this word.
        for j in 0..<(n - 1) { delta[pairKey(Int(old[j]), Int(old[j + 1])), default: 0] -= freq }
        if merged.count > 1 {
            for j in 0..<(merged.count - 1) {
                let a = merged[j], b = merged[j + 1]
                let key = pairKey(Int(a), Int(b))
                delta[key, default: 0] += freq
                if a == newID || b == newID { appendWord(Int32(w), to: key) }
            }
        }
        words[w] = merged
    }
}
