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

/// Random Llama models written as GGUF and read back.
final class ModelGGUFRoundTripTests: XCTestCase {
    func tiny(tied: Bool, kvHeads: Int) throws -> LlamaModel {
        let config = LlamaConfig(vocabularySize: 300, context: 64, layers: 2, width: 64, heads: 4, kvHeads: kvHeads,
                                 ffnHidden: 256, ropeTheta: 10_000, tiedOutput: tied)
        let m = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: 5)
        var rng = SeededRandom(seed: 9)
        // Larger weights than the init's, so that positions and heads matter for the logits.
        for slot in m.layout.slots where slot.shape.count == 2 {
            for i in 0..<slot.count { m.weights[slot.offset + i].pointee = Float(rng.nextGaussian()) * 0.3 }
        }
        return m
    }

    func roundTrip(_ m: LlamaModel, _ type: @escaping (String) -> GGMLType, name: String) throws -> LlamaModel {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-gguf-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try LlamaGGUF.writer(for: m, matrixType: type).write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try LlamaGGUF.load(path: path) { _ in ByteTokenizer() }
    }

    func testFloat32FilesGiveTheSameModelExactly() throws {
        for (tied, kv) in [(true, 2), (false, 4), (true, 1)] {
            let m = try tiny(tied: tied, kvHeads: kv)
            let back = try roundTrip(m, { _ in .f32 }, name: "f32.gguf")
            XCTAssertNil(back.trainingBlocker)
            XCTAssertEqual(back.config, m.config)
            for (name, _) in m.layout.tensors { XCTAssertEqual(try back.floatValues(of: name), try m.floatValues(of: name), name) }
            let batch = try TokenBatch(sequences: [[1, 50, 7, 200, 33, 9, 12]])
            XCTAssertEqual(try back.logits(batch), try m.logits(batch))
        }
    }

    /// Every quantized type through the loader: the scoring path (Float32 tiles) equals the
    /// dequantized model's, and greedy generation (8-bit dot kernels) stays close to it.
    func testQuantizedFilesComputeWithTheirDequantizedValues() throws {
        let m = try tiny(tied: false, kvHeads: 2)
        let types: [GGMLType] = [.q8_0, .q4_0, .q4_1, .q4_K, .q6_K, .f16, .bf16]
        for type in types {
            // K-quants need rows of 256: only the FFN down matrix (ffn 256) and smaller others fall back to Q8_0.
            let pick: (String) -> GGMLType = { name in
                let cols = name.contains("down_proj") ? 256 : 64
                return cols % type.blockSize == 0 ? type : .q8_0
            }
            let q = try roundTrip(m, pick, name: "\(type.name).gguf")
            let dense = try q.dequantizedCopy()
            let batch = try TokenBatch(sequences: [[1, 50, 7, 200, 33, 9, 12, 40], [3, 4, 5]])
            let b = try dense.logits(batch)
            let scale = b.map(abs).max() ?? 1
            // Float32 tiles for every product (as for long batches):
            let saved = Linear.quantizedDotMaxRows
            Linear.quantizedDotMaxRows = 0
            let a = try q.logits(batch)
            Linear.quantizedDotMaxRows = saved
            for i in a.indices { XCTAssertEqual(a[i], b[i], accuracy: 1e-4 * scale, "\(type.name) logit \(i)") }
            // 8-bit activations (these 14 rows are few enough): within their rounding, which this
            // random two-layer model amplifies to a few percent (RMS).
            let c = try q.logits(batch)
            let err = zip(c, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +), norm = b.map { $0 * $0 }.reduce(0, +)
            XCTAssertLessThan((err / norm).squareRoot(), 0.05, "\(type.name) 8-bit logits")
            // Generation reads the same weights through the 8-bit path.
            let prompt = [[1, 50, 7, 200]]
            let g = try q.generate(promptTokens: prompt, options: SamplingOptions(maxTokens: 1, temperature: 0))
            let full = try dense.logits(try TokenBatch(sequences: [prompt[0] + [0]]))
            let last = Array(full[(3 * 300)..<(4 * 300)])
            let best = last.max() ?? 0
            // The picked token's logit is within the activation rounding of the best one.
            XCTAssertLessThanOrEqual(best - last[g[0].tokens[0]], 0.1 * scale, type.name)
            if type.isQuantized { XCTAssertNotNil(q.trainingBlocker) }
        }
    }
}
