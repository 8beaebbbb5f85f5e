import Foundation
import XCTest
@testable import Engine

/// Llama models from GGUF files: the real SmolLM2 file against ASSETS.md's reference vector, and
/// small random models written as GGUF (quantized, with the conversion's Q/K permutation) against
/// the same weights held as Float32.
final class ModelGGUFTests: XCTestCase {
    /// A stand-in with SmolLM2's vocabulary size, for tests that work on token ids only.
    static func idTokenizer(vocab: Int) throws -> any Tokenizer {
        let merges = (0..<(vocab - 256 - SpecialToken.allCases.count)).map { TokenPair($0 / 256, $0 % 256) }
        return try BPETokenizer(merges: merges)
    }

    static func smolLM2() throws -> LlamaModel {
        let path = Assets.smolLM2Path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("SmolLM2 is not fetched (run `spar fetch smollm2`); looked for \(path)")
        }
        return try LlamaGGUF.load(path: path) { _ in try idTokenizer(vocab: 49152) }
    }

    func testSmolLM2ReproducesTheReferenceVector() throws {
        let start = Date()
        let m = try Self.smolLM2()
        let loadSeconds = Date().timeIntervalSince(start)
        XCTAssertEqual(m.config.layers, 30)
        XCTAssertEqual(m.config.width, 576)
        XCTAssertEqual(m.config.heads, 9)
        XCTAssertEqual(m.config.kvHeads, 3)
        XCTAssertEqual(m.config.ffnHidden, 1536)
        XCTAssertEqual(m.config.vocabularySize, 49152)
        XCTAssertEqual(m.config.ropeTheta, 100_000)
        XCTAssertTrue(m.config.tiedOutput)
        XCTAssertEqual(m.parameterCount, 134_515_008)
        XCTAssertEqual(m.weightTypes, "Q4_1 x210, F32 x61, Q8_0 x1")
        XCTAssertNotNil(m.trainingBlocker)
        print("SmolLM2 load: \(String(format: "%.3f", loadSeconds)) s")
        let prompt = [1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198]
        let expected = [504, 3575, 282, 4649, 314, 7042, 30, 2]
        let out = try m.generate(promptTokens: [prompt], options: SamplingOptions(maxTokens: 8, temperature: 0))
        XCTAssertEqual(out[0].tokens, expected)
        // The scoring path (Float32 tiles) agrees on the same tokens: each is its position's argmax.
        let logits = try m.logits(try TokenBatch(sequences: [prompt + expected]))
        for (j, token) in expected.enumerated() {
            let row = Array(logits[((prompt.count - 1 + j) * 49152)..<((prompt.count + j) * 49152)])
            XCTAssertEqual(row.indices.max { row[$0] < row[$1] }, token, "position \(j)")
        }
    }
}
