import Foundation
import XCTest
@testable import Engine

/// The committed outputs of Fixtures/make_tokenizer_fixtures.py (Hugging Face `tokenizers`).
enum TokenizerFixtures {
    static let folder = Fixtures.folder.appendingPathComponent("tokenizers")

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw EngineError("\(name) is not an object")
        }
        return root
    }

    static let corpus: [String] = ((try? json("corpus.json"))?["texts"] as? [String]) ?? []
    static let expected: [String: Any] = (try? json("expected.json")) ?? [:]
    static let tinyPath = folder.appendingPathComponent("tiny/tokenizer.json").path

    static func tinyRoot() throws -> [String: Any] { try json("tiny/tokenizer.json") }
    /// The config with the chat template transformers 5 writes beside it (as `load(path:)` reads it).
    static func tinyConfig() throws -> [String: Any] {
        var config = try json("tiny/tokenizer_config.json")
        config["chat_template"] = try String(contentsOf: folder.appendingPathComponent("tiny/chat_template.jinja"), encoding: .utf8)
        return config
    }

    /// The tiny tokenizer with a variant's overrides (keys of the tokenizer.json, or "model.KEY").
    static func tiny(_ overrides: [String: Any]) throws -> ByteLevelBPETokenizer {
        var root = try tinyRoot()
        for (key, value) in overrides {
            if key.hasPrefix("model.") {
                var model = root["model"] as? [String: Any] ?? [:]
                model[String(key.dropFirst(6))] = value
                root["model"] = model
            } else {
                root[key] = value
            }
        }
        return try HuggingFaceTokenizer.tokenizer(root, config: try tinyConfig(), source: "tiny")
    }

    /// A list of lists of ints.
    static func idLists(_ any: Any?) -> [[Int]] { (any as? [[Any]] ?? []).map { $0.compactMap { ($0 as? NSNumber)?.intValue } } }

    /// SmolLM2's GGUF tokenizer metadata restricted to the corpus, as the GGUF reader would give it
    /// (unused ids filled with placeholder tokens).
    static func smollm2Metadata() throws -> (GGUFTokenizerMetadata, [String: Any]) {
        let s = try json("smollm2-subset.json")
        guard let count = s["count"] as? Int, let tokenMap = s["tokens"] as? [String: String],
              let typeMap = s["types"] as? [String: Int], let merges = s["merges"] as? [String] else {
            throw EngineError("smollm2-subset.json is malformed")
        }
        var tokens = (0..<count).map { "<spar-unused-\($0)>" }
        for (k, v) in tokenMap { if let i = Int(k) { tokens[i] = v } }
        var types = [Int](repeating: 1, count: count)
        for (k, v) in typeMap { if let i = Int(k) { types[i] = v } }
        let meta = GGUFTokenizerMetadata(model: s["model"] as? String ?? "", pre: s["pre"] as? String, tokens: tokens, tokenTypes: types,
                                         merges: merges, beginID: s["bos"] as? Int, endID: s["eos"] as? Int, padID: s["pad"] as? Int,
                                         unknownID: s["unk"] as? Int, addBegin: s["add_bos"] as? Bool, chatTemplate: s["chat_template"] as? String)
        return (meta, s)
    }

    static let conversations: [[ChatMessage]] = (expected["conversations"] as? [[[String: String]]] ?? []).map { conv in
        conv.map { ChatMessage(role: $0["role"] ?? "", content: $0["content"] ?? "") }
    }
}
