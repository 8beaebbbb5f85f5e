import XCTest
@testable import Engine

/// Special token texts encode to their single ids, in both tokenizers, and nowhere else.
final class TokenizerSpecialTokenTests: XCTestCase {
    func testStandardSpecialIdsFollowTheBytes() {
        let tok = ByteTokenizer()
        XCTAssertEqual(tok.vocabularySize, 256 + SpecialToken.allCases.count)
        for (k, special) in SpecialToken.allCases.enumerated() {
            XCTAssertEqual(tok.id(of: special), 256 + k)
            XCTAssertEqual(tok.specialID(special.text), 256 + k)
            XCTAssertTrue(tok.isSpecial(256 + k))
            XCTAssertEqual(try tok.tokenText(256 + k), special.text)
        }
        XCTAssertNil(tok.specialID("<|nope|>"))
        XCTAssertFalse(tok.isSpecial(255))
    }

    func testSpecialTextsBecomeSingleIds() throws {
        let bpe = try BPETokenizer.train(texts: ["think answer think answer <think> <answer>"], vocabularySize: 300)
        for tok in [ByteTokenizer(), bpe] as [any Tokenizer] {
            let think = try XCTUnwrap(tok.id(of: .thinkOpen)), thinkEnd = try XCTUnwrap(tok.id(of: .thinkClose))
            let answer = try XCTUnwrap(tok.id(of: .answerOpen)), answerEnd = try XCTUnwrap(tok.id(of: .answerClose))
            let ids = tok.encode("<think>plan</think><answer>no</answer>")
            XCTAssertEqual(ids.filter { tok.isSpecial($0) }, [think, thinkEnd, answer, answerEnd])
            XCTAssertEqual(ids.first, think)
            XCTAssertEqual(ids.last, answerEnd)
            // Chat markup: every role marker is one id.
            let chat = tok.encode("<|system|>s<|user|>u<|assistant|>a<|end|>")
            XCTAssertEqual(chat.filter { tok.isSpecial($0) },
                           [SpecialToken.system, .user, .assistant, .end].compactMap { tok.id(of: $0) })
            // Near misses stay ordinary bytes.
            XCTAssertTrue(tok.encode("<thinK> < think> <|user| <answer").allSatisfy { !tok.isSpecial($0) })
            // Skipping specials when decoding.
            XCTAssertEqual(try tok.decode(ids, skippingSpecials: true), "planno")
        }
    }

    func testTrainingNeverMergesAcrossOrIntoSpecials() throws {
        // The specials occur very often, yet no merge may contain their bytes as a unit with text.
        let text = String(repeating: "<think>ab</think>", count: 50)
        let tok = try BPETokenizer.train(texts: [text], vocabularySize: 400)
        for pair in tok.merges {
            XCTAssertFalse(tok.isSpecial(pair.left) || tok.isSpecial(pair.right))
        }
        let pieces = try tok.merges.indices.map { try tok.tokenText(tok.table.firstMergeID + $0) }
        XCTAssertFalse(pieces.contains { $0.contains("<") || $0.contains(">") }, "\(pieces)")
        XCTAssertEqual(tok.encode(text).count, 50 * 3)  // <think>, "ab" merged, </think>
    }

    func testLongestSpecialWinsAndCustomSpecials() throws {
        let tok = try ByteTokenizer(specials: ["<a>", "<a>b", "x"])
        XCTAssertEqual(tok.encode("<a>b<a>x"), [257, 256, 258])
        XCTAssertEqual(tok.encode("<a"), [60, 97])
        XCTAssertThrowsError(try ByteTokenizer(specials: ["<a>", "<a>"])) { error in
            XCTAssertEqual((error as? EngineError)?.message, "byte tokenizer: special token \"<a>\" appears twice")
        }
        XCTAssertThrowsError(try ByteTokenizer(specials: [""]))
    }

    func testTokenTextEscapesForDisplay() throws {
        let tok = ByteTokenizer()
        XCTAssertEqual(try tok.tokenText(65), "A")
        XCTAssertEqual(try tok.tokenText(10), "\\n")
        XCTAssertEqual(try tok.tokenText(0), "<0x00>")
        XCTAssertEqual(try tok.tokenText(0xE2), "<0xE2>")
        let bpe = try BPETokenizer(merges: [TokenPair(0xC3, 0xA9), TokenPair(0xC3, 10)])
        XCTAssertEqual(try bpe.tokenText(bpe.table.firstMergeID), "é")
        XCTAssertEqual(try bpe.tokenText(bpe.table.firstMergeID + 1), "<0xC3>\\n")
        XCTAssertEqual(tok.description, "<tokenizer bytes, vocab 266>")
    }
}
