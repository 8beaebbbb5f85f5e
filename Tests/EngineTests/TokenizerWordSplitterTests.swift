import XCTest
@testable import Engine

/// The word splitting rule that BPE merges never cross.
final class TokenizerWordSplitterTests: XCTestCase {
    func words(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var out = [String]()
            WordSplitter.split(bytes, 0..<bytes.count) { out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) }
            return out
        }
    }

    func testGPT2LikeRule() {
        XCTAssertEqual(words("Hello, world!\n"), ["Hello", ",", " world", "!", "\n"])
        XCTAssertEqual(words("abc123 45x"), ["abc", "123", " 45", "x"])
        XCTAssertEqual(words("a   b"), ["a", "  ", " b"])
        XCTAssertEqual(words("a\n b"), ["a", "\n", " b"])
        XCTAssertEqual(words("a \n"), ["a", " \n"])
        XCTAssertEqual(words("end  "), ["end", "  "])
        XCTAssertEqual(words(" ...!? ok"), [" ...!?", " ok"])
        XCTAssertEqual(words("café naïve"), ["café", " naïve"])
        XCTAssertEqual(words("e\u{301}te\u{301}"), ["e\u{301}te\u{301}"])
        XCTAssertEqual(words("日本語 テキスト"), ["日本語", " テキスト"])
        XCTAssertEqual(words("hi 🙂🙂!"), ["hi", " 🙂🙂!"])
        XCTAssertEqual(words("\u{3000}x"), ["\u{3000}", "x"])
    }

    func testLongRunsAreCutAndWordsPartitionTheText() {
        let long = String(repeating: "ab", count: 100) + String(repeating: "é", count: 50)
        let pieces = words(long)
        XCTAssertEqual(pieces.joined(), long)
        XCTAssertTrue(pieces.allSatisfy { $0.utf8.count <= WordSplitter.maximumWordBytes })
        XCTAssertEqual(pieces.first?.utf8.count, WordSplitter.maximumWordBytes)
        var rng = SeededRandom(seed: 77)
        for _ in 0..<200 {
            let text = TokenizerTestText.randomUnicode(length: 80, rng: &rng)
            let parts = words(text)
            XCTAssertEqual(Array(parts.joined().utf8), Array(text.utf8))
            XCTAssertFalse(parts.contains(""))
        }
    }
}
