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

    /// The model with the tokenizer of its own metadata: the chat template's ids are the reference
    /// prompt, and chat answers the reference question.
    func testSmolLM2WithItsOwnTokenizerChats() throws {
        let path = Assets.smolLM2Path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("SmolLM2 is not fetched (run `spar fetch smollm2`); looked for \(path)") }
        let start = Date()
        let m = try LlamaGGUF.load(path: path)
        print("SmolLM2 load with its tokenizer: \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
        let q = [ChatMessage(role: "user", content: "What is the capital of France?")]
        let template = try m.tokenizer.chatTemplate()
        XCTAssertEqual(m.tokenizer.encode("<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n"),
                       [1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198])
        XCTAssertEqual(template.format, .chatml)
        let out = try m.chat([q], options: SamplingOptions(maxTokens: 96, temperature: 0), onStep: nil)
        XCTAssertTrue(out[0].text.contains("Paris"), out[0].text)
        print("SmolLM2 chat: \(out[0].text)")
        XCTAssertEqual(out[0].finishReason, "end")
        XCTAssertEqual(try m.generate(prompts: ["The capital of France is"], options: SamplingOptions(maxTokens: 2, temperature: 0))[0].tokens.count, 2)
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
            // Float32 tiles for every product (as for long batches), and the dot kernels (these
            // 14 rows are few enough) with Float32 activations: both the dequantized model's logits.
            let saved = Linear.quantizedDotMaxRows
            Linear.quantizedDotMaxRows = 0
            let a = try q.logits(batch)
            Linear.quantizedDotMaxRows = saved
            let c = try q.logits(batch)
            for i in a.indices {
                XCTAssertEqual(a[i], b[i], accuracy: 1e-4 * scale, "\(type.name) logit \(i)")
                XCTAssertEqual(c[i], b[i], accuracy: 1e-4 * scale, "\(type.name) dot-kernel logit \(i)")
            }
            // 8-bit activations: within their rounding, which this random two-layer model amplifies
            // to a few percent (RMS).
            Linear.eightBitActivations = true
            let e = try q.logits(batch)
            Linear.eightBitActivations = false
            let err = zip(e, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +), norm = b.map { $0 * $0 }.reduce(0, +)
            XCTAssertLessThan((err / norm).squareRoot(), 0.05, "\(type.name) 8-bit logits")
            // Generation reads the same weights through the 8-bit path.
            let prompt = [[1, 50, 7, 200]]
            let g = try q.generate(promptTokens: prompt, options: SamplingOptions(maxTokens: 1, temperature: 0))
            let full = try dense.logits(try TokenBatch(sequences: [prompt[0] + [0]]))
            // (Only ids of the tokenizer's 267 can be sampled; the model has 300 rows.)
            let last = Array(full[(3 * 300)..<(3 * 300 + 267)])
            let best = last.max() ?? 0
            XCTAssertLessThanOrEqual(best - last[g[0].tokens[0]], 1e-4 * scale, type.name)
            if type.isQuantized { XCTAssertNotNil(q.trainingBlocker) }
        }
    }
}

/// SmolLM2 against the committed reference (Fixtures/make_gguf_fixtures.py): transformers' float32
/// forward of the dequantized GGUF, and llama.cpp's greedy tokens.
final class ModelSmolLM2ReferenceTests: XCTestCase {
    struct Case { let ids: [Int]; let lastTop: [(Int, Float)]; let fixed: [[Float]]; let greedy: [Int]; let cpp: [Int] }

    func cases() throws -> (fixed: [Int], cases: [Case]) {
        let data = try Data(contentsOf: Fixtures.folder.appendingPathComponent("smollm2_reference.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let fixed = try XCTUnwrap(root["fixed_ids"] as? [Int])
        let list = try XCTUnwrap(root["cases"] as? [[String: Any]])
        return (fixed, try list.map { c in
            Case(ids: try XCTUnwrap(c["ids"] as? [Int]),
                 lastTop: try XCTUnwrap(c["last_top"] as? [[Double]]).map { (Int($0[0]), Float($0[1])) },
                 fixed: try XCTUnwrap(c["fixed_logits"] as? [[Double]]).map { $0.map(Float.init) },
                 greedy: try XCTUnwrap(c["greedy_reference"] as? [Int]), cpp: try XCTUnwrap(c["greedy_llamacpp"] as? [Int]))
        })
    }

    /// The scoring path (Float32 tiles of the dequantized weights) computes what the float32
    /// reference computes: logits within 2e-3 absolute (they range over about +-30), the same top 20.
    func testScoringLogitsMatchTheFloat32Reference() throws {
        let m = try ModelGGUFTests.smolLM2()
        let (fixed, cases) = try cases()
        let saved = Linear.quantizedDotMaxRows
        Linear.quantizedDotMaxRows = 0
        defer { Linear.quantizedDotMaxRows = saved }
        var worst: Float = 0
        for c in cases {
            let logits = try m.logits(try TokenBatch(sequences: [c.ids + [0]]))
            let v = 49152
            for (p, row) in c.fixed.enumerated() {
                for (j, id) in fixed.enumerated() { worst = max(worst, abs(logits[p * v + id] - row[j])) }
            }
            let last = Array(logits[((c.ids.count - 1) * v)..<(c.ids.count * v)])
            for (id, value) in c.lastTop { worst = max(worst, abs(last[id] - value)) }
            let top = last.indices.sorted { last[$0] > last[$1] }.prefix(5)
            XCTAssertEqual(Array(top), c.lastTop.prefix(5).map(\.0))
        }
        XCTAssertLessThan(worst, 2e-3, "largest logit difference \(worst)")
    }

    /// Decoding (the dot kernels over the packed weights) gives llama.cpp's greedy tokens, as far as
    /// llama.cpp and the float32 reference agree with each other (llama.cpp's 8-bit activations flip
    /// one near tie of the fifth prompt).
    func testGreedyDecodingMatchesLlamaCpp() throws {
        let m = try ModelGGUFTests.smolLM2()
        for c in try cases().cases {
            let agree = zip(c.greedy, c.cpp).prefix { $0 == $1 }.count
            XCTAssertGreaterThanOrEqual(agree, 3)
            let out = try m.generate(promptTokens: [c.ids], options: SamplingOptions(maxTokens: agree, temperature: 0))
            XCTAssertEqual(out[0].tokens, Array(c.cpp.prefix(agree)))
        }
    }
}
