import Foundation
import XCTest
@testable import Engine

/// Hugging Face folders (Fixtures/hf_llama, made by make_hf_llama_fixture.py with transformers): the
/// tokenizer's ids and the model's logits equal transformers', in F32 and BF16.
final class ModelHuggingFaceTests: XCTestCase {
    func reference() throws -> [[String: Any]] {
        let data = try Data(contentsOf: Fixtures.folder.appendingPathComponent("hf_llama/reference.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(root["cases"] as? [[String: Any]])
    }

    func testFoldersLoadAndComputeWhatTransformersComputes() throws {
        for (folder, key) in [("f32", "logits"), ("bf16", "logits_bf16")] {
            let m = try LlamaHuggingFace.load(folder: Fixtures.path("hf_llama/\(folder)"))
            XCTAssertEqual(m.config.kvHeads, 2)
            XCTAssertEqual(m.config.ropeTheta, 50_000)
            XCTAssertFalse(m.config.tiedOutput)
            XCTAssertNil(m.trainingBlocker, "a Float32 model from a folder trains")
            for c in try reference() {
                let text = try XCTUnwrap(c["text"] as? String), ids = try XCTUnwrap(c["ids"] as? [Int])
                XCTAssertEqual(m.tokenizer.encode(text), ids, text)
                let want = try XCTUnwrap(c[key] as? [[Double]])
                let got = try m.logits(try TokenBatch(sequences: [ids + [0]]))
                let v = m.config.vocabularySize
                for (p, row) in want.enumerated() {
                    for (j, x) in row.enumerated() { XCTAssertEqual(Double(got[p * v + j]), x, accuracy: 1e-4 * max(1, abs(x)), "\(folder) position \(p) id \(j)") }
                }
            }
        }
    }

    func testMalformedFoldersNameTheFileAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-hf-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"] {
            try FileManager.default.copyItem(atPath: Fixtures.path("hf_llama/f32/\(f)"), toPath: dir.appendingPathComponent(f).path)
        }
        let config = dir.appendingPathComponent("config.json")
        let original = try String(contentsOf: config, encoding: .utf8)
        func with(_ from: String, _ to: String, _ fragment: String) throws {
            try original.replacingOccurrences(of: from, with: to).write(to: config, atomically: true, encoding: .utf8)
            assertEngineError(fragment) { try LlamaHuggingFace.load(folder: dir.path) }
        }
        try with("\"model_type\": \"llama\"", "\"model_type\": \"qwen2\"", "model_type \"qwen2\" is not supported")
        try with("\"hidden_size\": 64", "\"hidden_size\": 48", "config.json")
        try with("\"num_hidden_layers\": 2", "\"num_hidden_layers\": 3", "tensor \"model.layers.2.input_layernorm.weight\" is missing")
        try with("\"vocab_size\": 320", "\"vocab_size\": \"many\"", "vocab_size must be an integer")
        try with("\"rope_type\": \"default\"", "\"rope_type\": \"yarn\"", "rope_type \"yarn\" is not supported")
        try original.write(to: config, atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try LlamaHuggingFace.load(folder: dir.path))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("model.safetensors"))
        assertEngineError("no model.safetensors") { try LlamaHuggingFace.load(folder: dir.path) }
    }
}
