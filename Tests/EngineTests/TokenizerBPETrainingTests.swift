import XCTest
@testable import Engine

/// BPE training: a hand-worked example, the target size, early stopping, determinism, bad input.
final class TokenizerBPETrainingTests: XCTestCase {
    /// With the 10 standard specials, the first merge gets id 266.
    let m0 = 256 + SpecialToken.allCases.count

    func testMergesMatchHandWorkedExample() throws {
        // Words (each text is one word): "abab" x1, "abc" x1, "bc" x2.
        //   pairs: ab 2+1 = 3, ba 1, bc 1+2 = 3.  Tie at 3: (a=97, b=98) < (b=98, c=99) -> merge ab = X.
        //   words: X X, X c, b c.  pairs: XX 1, Xc 1, bc 2 -> merge bc = Y.
        //   words: X X, X c, Y.    pairs: XX 1, Xc 1. Tie at 1: (X, c=99) < (X, X) -> merge Xc = Z.
        //   words: X X, Z, Y.      pairs: XX 1 -> merge XX = W.  No pairs remain: stop early.
        let tok = try BPETokenizer.train(texts: ["abab", "abc", "bc", "bc"], vocabularySize: m0 + 10)
        let x = m0, y = m0 + 1, z = m0 + 2, w = m0 + 3
        XCTAssertEqual(tok.merges, [TokenPair(97, 98), TokenPair(98, 99), TokenPair(x, 99), TokenPair(x, x)])
        XCTAssertEqual(tok.vocabularySize, m0 + 4, "stops early when no pair is left")
        XCTAssertEqual(tok.encode("abab"), [w])
        XCTAssertEqual(tok.encode("abc"), [z])
        XCTAssertEqual(tok.encode("bc"), [y])
        XCTAssertEqual(tok.encode("cab"), [99, x])
        XCTAssertEqual(tok.encode("ababab"), [w, x])
        XCTAssertEqual(try tok.tokenText(w), "abab")
    }

    func testOverlappingPairsAreMergedLeftToRight() throws {
        // "aaa" x2: pair aa counts 2 per word (overlapping) = 4; merging left to right gives "A a".
        // Then pair (A, a) with count 2 -> "aaa" is one token.
        let tok = try BPETokenizer.train(texts: ["aaa", "aaa"], vocabularySize: m0 + 5)
        XCTAssertEqual(tok.merges, [TokenPair(97, 97), TokenPair(m0, 97)])
        XCTAssertEqual(tok.encode("aaaa"), [m0, m0])
        // "aaaaa" -> "A A a" by the first merge, then (A, a) at the end: "A B".
        XCTAssertEqual(tok.encode("aaaaa"), [m0, m0 + 1])
    }

    func testWordsAreNotMergedAcrossBoundaries() throws {
        // "a b a b a b" splits into "a", " b" x3, " a" x2: the pair (a, space) never exists.
        let tok = try BPETokenizer.train(texts: ["a b a b a b"], vocabularySize: m0 + 10)
        XCTAssertEqual(tok.merges, [TokenPair(32, 98), TokenPair(32, 97)])
        XCTAssertEqual(tok.encode("a b a"), [97, m0, m0 + 1])
    }

    func testReachesTargetVocabularyOnEnoughText() throws {
        let text = TokenizerTestText.prose(bytes: 50_000, seed: 1)
        for size in [m0, m0 + 1, 512, 1024] {
            let tok = try BPETokenizer.train(texts: [text], vocabularySize: size)
            XCTAssertEqual(tok.vocabularySize, size)
            XCTAssertEqual(tok.merges.count, size - m0)
        }
    }

    func testMergesAreAppliedConsistentlyWithTraining() throws {
        // Every learned token must be reachable: encoding its own bytes gives that single token
        // when the bytes form one word.
        let tok = try BPETokenizer.train(texts: [TokenizerTestText.prose(bytes: 30_000, seed: 8)], vocabularySize: 700)
        var reached = 0
        for r in tok.merges.indices {
            let id = tok.table.firstMergeID + r
            let text = try tok.decode([id])
            if tok.encode(text) == [id] { reached += 1 }
        }
        // Tokens are built from word pieces, so nearly all are reached; a few may be swallowed by
        // a later merge of a longer word ("th" inside "the" is then "the" minus nothing).
        XCTAssertGreaterThan(Double(reached), 0.9 * Double(tok.merges.count))
    }

    func testTrainingIsDeterministic() throws {
        let texts = (0..<20).map { TokenizerTestText.prose(bytes: 2_000, seed: UInt64($0)) }
        let a = try BPETokenizer.train(texts: texts, vocabularySize: 800)
        let b = try BPETokenizer.train(texts: texts, vocabularySize: 800)
        let c = try BPETokenizer.train(texts: texts.reversed(), vocabularySize: 800)
        XCTAssertEqual(a.merges, b.merges)
        XCTAssertEqual(a.merges, c.merges, "the order of the texts does not matter, only their content")
        XCTAssertEqual(a.serialized(), b.serialized())
        // A smaller target is a prefix of a larger one.
        let small = try BPETokenizer.train(texts: texts, vocabularySize: 500)
        XCTAssertEqual(Array(a.merges.prefix(small.merges.count)), small.merges)
    }

    func testBadInputIsAnError() {
        func message(_ body: () throws -> Any) -> String? {
            do { _ = try body(); return nil } catch { return (error as? EngineError)?.message }
        }
        XCTAssertEqual(message { try BPETokenizer.train(texts: ["abc"], vocabularySize: 100) },
                       "bpe: vocabulary size 100 is smaller than the \(m0) ids every tokenizer has (256 bytes + \(m0 - 256) special tokens)")
        XCTAssertEqual(message { try BPETokenizer.train(texts: [], vocabularySize: 1000) },
                       "bpe: no training texts (the list is empty)")
        XCTAssertEqual(message { try BPETokenizer.train(texts: ["", "<think>"], vocabularySize: 1000) },
                       "bpe: the training texts contain no text (all empty or only special tokens)")
        XCTAssertNotNil(message { try BPETokenizer.train(texts: ["a"], vocabularySize: -5) })
        XCTAssertNotNil(message { try BPETokenizer.train(texts: ["a"], vocabularySize: Int.max) })
        // The largest allowed size trains quickly and stops early: nothing is sized by the request.
        XCTAssertEqual(try BPETokenizer.train(texts: ["abc"], vocabularySize: Int(Int32.max)).merges.count, 2)
        XCTAssertEqual(message { try BPETokenizer(merges: [TokenPair(97, 300)]) },
                       "bpe: merge 0 (97, 300) uses token 300, which is not defined before it (merge 0 defines id \(m0))")
        XCTAssertEqual(message { try BPETokenizer(merges: [TokenPair(97, 256)]) },
                       "bpe: merge 0 (97, 256) uses special token 256; special tokens are never merged")
        XCTAssertEqual(message { try BPETokenizer(merges: [TokenPair(97, 98), TokenPair(97, 98)]) },
                       "bpe: merge 1 (97, 98) appears twice")
    }
}
