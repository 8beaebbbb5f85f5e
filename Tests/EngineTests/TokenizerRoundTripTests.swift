import XCTest
@testable import Engine

/// encode/decode must give back exactly the bytes of any string, for both tokenizers.
final class TokenizerRoundTripTests: XCTestCase {
    /// A BPE tokenizer trained on prose and on random Unicode, so its merges include multi-byte
    /// pieces that the round trip must survive.
    static let bpe: BPETokenizer = {
        var rng = SeededRandom(seed: 11)
        var texts = [TokenizerTestText.prose(bytes: 20_000, seed: 3)]
        for _ in 0..<40 { texts.append(TokenizerTestText.randomUnicode(length: 200, rng: &rng)) }
        // A test fixture: if training threw here, every test of this class would fail anyway.
        return try! BPETokenizer.train(texts: texts, vocabularySize: 900)
    }()

    func assertRoundTrip(_ tok: any Tokenizer, _ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let ids = tok.encode(text)
        for id in ids { XCTAssert(id >= 0 && id < tok.vocabularySize, "id \(id) out of range", file: file, line: line) }
        let back = try tok.decode(ids)
        XCTAssertEqual(Array(back.utf8), Array(text.utf8), "round trip of \(text.debugDescription)", file: file, line: line)
    }

    func testRandomUnicodeRoundTripsExactly() throws {
        var rng = SeededRandom(seed: 2024)
        let tokenizers: [any Tokenizer] = [ByteTokenizer(), Self.bpe]
        for _ in 0..<300 {
            let text = TokenizerTestText.randomUnicode(length: 1 + rng.nextInt(below: 120), rng: &rng)
            for tok in tokenizers { try assertRoundTrip(tok, text) }
        }
    }

    func testEdgeCaseStringsRoundTrip() throws {
        let cases = ["", " ", "  ", "\n", " \n ", "\u{0}", "e\u{301}\u{302}", "\u{301}leading mark",
                     "👩‍👩‍👧‍👦 family", "🇩🇪🇫🇷", "\r\n\r\n", "a  b   c", String(repeating: "x", count: 1000),
                     String(repeating: "🙂", count: 100), String(repeating: " ", count: 200),
                     "<think><think></think>", "<|pad|><|begin|>", "<|assistant", "tab\tsep"]
        for text in cases {
            try assertRoundTrip(ByteTokenizer(), text)
            try assertRoundTrip(Self.bpe, text)
        }
    }

    func testBPECompressesTheTextItWasTrainedOnKind() {
        let text = TokenizerTestText.prose(bytes: 5_000, seed: 99)
        let ids = Self.bpe.encode(text)
        // Trained on prose from the same generator, BPE needs far fewer tokens than bytes.
        XCTAssertLessThan(Double(ids.count), 0.6 * Double(text.utf8.count))
    }

    func testDecodingCutCharactersGivesReplacementCharacters() throws {
        let tok = ByteTokenizer()
        let ids = tok.encode("é🙂")            // 2 + 4 bytes
        XCTAssertEqual(ids.count, 6)
        XCTAssertEqual(try tok.decode(Array(ids[1...])), "\u{FFFD}🙂")
        XCTAssertEqual(try tok.decode(Array(ids[0..<4])), "é\u{FFFD}")
        XCTAssertEqual(try tok.decode([0xFF, 0x41]), "\u{FFFD}A")
        // Any id sequence decodes without crashing, for BPE too.
        var rng = SeededRandom(seed: 5)
        for _ in 0..<200 {
            let ids = (0..<rng.nextInt(below: 20)).map { _ in rng.nextInt(below: Self.bpe.vocabularySize) }
            XCTAssertNoThrow(try Self.bpe.decode(ids))
        }
    }

    func testUnknownIdsAreErrors() {
        let tok = ByteTokenizer()
        XCTAssertThrowsError(try tok.decode([104, 266])) { error in
            XCTAssertEqual((error as? EngineError)?.message, "token id 266 is outside the vocabulary (ids 0..<266)")
        }
        XCTAssertThrowsError(try tok.decode([-1]))
        XCTAssertThrowsError(try Self.bpe.tokenText(Self.bpe.vocabularySize))
    }
}
