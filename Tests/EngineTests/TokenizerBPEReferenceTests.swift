import XCTest
@testable import Engine

/// The incremental trainer must learn exactly the merges of the obvious slow algorithm: recount
/// every pair over every word after each merge and take the most frequent (ties: smaller left id,
/// then smaller right id).
final class TokenizerBPEReferenceTests: XCTestCase {
    /// The slow reference: the words, recounted from scratch for every merge.
    func referenceMerges(texts: [String], mergeCount: Int, firstID: Int) -> [TokenPair] {
        var words = BPETrainer.countWords(texts, specials: .standard).map { (symbols: $0.key.map(Int.init), count: $0.value) }
        var merges = [TokenPair]()
        while merges.count < mergeCount {
            var counts = [TokenPair: Int]()
            for w in words where w.symbols.count > 1 {
                for i in 0..<(w.symbols.count - 1) { counts[TokenPair(w.symbols[i], w.symbols[i + 1]), default: 0] += w.count }
            }
            guard let best = counts.max(by: { a, b in
                a.value != b.value ? a.value < b.value : (a.key.left, a.key.right) > (b.key.left, b.key.right)
            }) else { break }
            let newID = firstID + merges.count
            merges.append(best.key)
            for k in words.indices {
                var out = [Int](), i = 0
                let s = words[k].symbols
                while i < s.count {
                    if i + 1 < s.count && s[i] == best.key.left && s[i + 1] == best.key.right { out.append(newID); i += 2 }
                    else { out.append(s[i]); i += 1 }
                }
                words[k].symbols = out
            }
        }
        return merges
    }

    func testIncrementalTrainingEqualsRecountingFromScratch() throws {
        var rng = SeededRandom(seed: 31)
        let firstID = 256 + SpecialToken.allCases.count
        var learned = 0
        for round in 0..<12 {
            // Small alphabets give many ties and overlapping pairs such as "aaaa".
            let alphabet = Array(["ab", "abc ", "aab\n", "xyz, ", "é😀a "][round % 5])
            var texts = [String]()
            for _ in 0..<(1 + rng.nextInt(below: 8)) {
                texts.append(String((0..<rng.nextInt(below: 200)).map { _ in alphabet[rng.nextInt(below: alphabet.count)] }))
            }
            if round == 10 { texts.append(TokenizerTestText.prose(bytes: 3_000, seed: 6)) }
            if round == 11 { texts.append(TokenizerTestText.randomUnicode(length: 300, rng: &rng)) }
            guard texts.contains(where: { !$0.isEmpty }) else { continue }
            let mergeCount = 5 + rng.nextInt(below: 300)
            let tok = try BPETokenizer.train(texts: texts, vocabularySize: firstID + mergeCount)
            learned += tok.merges.count
            XCTAssertEqual(tok.merges, referenceMerges(texts: texts, mergeCount: mergeCount, firstID: firstID), "round \(round): \(texts)")
        }
        XCTAssertGreaterThan(learned, 500, "the comparison should cover many merges")
    }
}
