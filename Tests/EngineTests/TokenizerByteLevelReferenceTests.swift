import XCTest
@testable import Engine

/// Byte-level BPE against Hugging Face `tokenizers` on the committed multilingual corpus
/// (Fixtures/make_tokenizer_fixtures.py): ids, decodes, the pieces of every split rule, SmolLM2's
/// GGUF metadata, and the Runtime-free file round trip.
final class TokenizerByteLevelReferenceTests: XCTestCase {
    let corpus = TokenizerFixtures.corpus

    func testCorpusIsLoaded() {
        XCTAssertGreaterThan(corpus.count, 80)
        XCTAssertFalse(TokenizerFixtures.expected.isEmpty)
    }

    /// Every pre-tokenizer, normalizer, model and added-token variant of the tiny tokenizer.json.
    func testTinyTokenizerVariantsMatchHuggingFace() throws {
        let variants = try XCTUnwrap(TokenizerFixtures.expected["variants"] as? [[String: Any]])
        XCTAssertEqual(variants.count, 11)
        let base = TokenizerFixtures.idLists(variants[0]["ids"])
        XCTAssertEqual(base.count, corpus.count)
        for v in variants {
            let name = v["name"] as? String ?? "?"
            let tok = try TokenizerFixtures.tiny(v["overrides"] as? [String: Any] ?? [:])
            var expected = base
            if let differing = v["ids"] as? [String: [Int]] {
                for (k, ids) in differing { if let i = Int(k) { expected[i] = ids } }
            }
            var failures = 0
            for (i, text) in corpus.enumerated() where tok.encode(text) != expected[i] {
                failures += 1
                if failures <= 3 {
                    XCTFail("\(name): text \(i) \(String(text.prefix(40)).debugDescription): \(tok.encode(text).prefix(20)) vs \(expected[i].prefix(20))")
                }
            }
            XCTAssertEqual(failures, 0, name)
        }
    }

    func testDecodingMatchesHuggingFace() throws {
        let variants = try XCTUnwrap(TokenizerFixtures.expected["variants"] as? [[String: Any]])
        let v = variants[0]
        let tok = try TokenizerFixtures.tiny([:])
        let ids = TokenizerFixtures.idLists(v["ids"])
        let decoded = try XCTUnwrap(v["decoded"] as? [String]), skipping = try XCTUnwrap(v["decoded_skipping"] as? [String])
        for (i, list) in ids.enumerated() {
            XCTAssertEqual(Array(try tok.decode(list).utf8), Array(decoded[i].utf8), "text \(i)")
            XCTAssertEqual(Array(try tok.decode(list, skippingSpecials: true).utf8), Array(skipping[i].utf8), "text \(i)")
            XCTAssertEqual(Array(decoded[i].utf8), Array(corpus[i].utf8), "HF round trip of text \(i)")
        }
        // Random ids cut characters: both sides write U+FFFD the same way.
        let random = TokenizerFixtures.idLists(v["random_ids"]), randomDecoded = try XCTUnwrap(v["random_decoded"] as? [String])
        for (i, list) in random.enumerated() {
            XCTAssertEqual(Array(try tok.decode(list).utf8), Array(randomDecoded[i].utf8), "random \(i) \(list)")
        }
        XCTAssertThrowsError(try tok.decode([tok.vocabularySize]))
    }

    /// The hand-written split rules against Hugging Face's Oniguruma regexes.
    func testSplitRulesMatchHuggingFacePieces() throws {
        let pieces = try XCTUnwrap(TokenizerFixtures.expected["pieces"] as? [String: Any])
        let rules: [String: [PreTokenizerRule]] = [
            "gpt2": [.gpt2], "llama3": [.llama3], "qwen2": [.qwen2], "digits": [.digits],
            "default": [.punctuationRuns, .gpt2, .digitRuns, .threeDigits],
        ]
        XCTAssertEqual(Set(pieces.keys), Set(rules.keys))
        for (name, ruleList) in rules {
            let pre = try PreTokenizer(rules: ruleList, context: name)
            let expected = TokenizerFixtures.idLists(pieces[name])
            for (i, text) in corpus.enumerated() {
                let got = pre.pieces(of: text).map { $0.utf8.count }
                XCTAssertEqual(got, expected[i], "\(name): text \(i) \(String(text.prefix(40)).debugDescription)")
            }
        }
    }

    /// SmolLM2-135M-Instruct's GGUF tokenizer metadata (restricted to the corpus) through the
    /// constructor the GGUF loader calls.
    func testSmolLM2MetadataMatchesHuggingFace() throws {
        let (meta, subset) = try TokenizerFixtures.smollm2Metadata()
        let tok = try ByteLevelBPETokenizer(gguf: meta, source: "SmolLM2-135M-Instruct.Q4_1.gguf")
        XCTAssertEqual(tok.vocabularySize, 49_152)
        XCTAssertEqual(tok.id(of: .end), 2)
        XCTAssertEqual(tok.id(of: .begin), 1)
        XCTAssertEqual(tok.id(of: .pad), 2)
        XCTAssertEqual(tok.table.unknownID, 0)
        XCTAssertNil(tok.id(of: .thinkOpen))
        XCTAssertNil(tok.id(of: .user))
        XCTAssertEqual(tok.specialID("<|im_start|>"), 1)
        XCTAssertEqual(tok.specialTokens.count, 17)
        XCTAssertTrue(tok.isSpecial(0) && tok.isSpecial(16) && !tok.isSpecial(17))
        XCTAssertFalse(tok.addsBeginToken)
        XCTAssertEqual(tok.spec.preTokenizer, [.digits, .gpt2])
        let ids = TokenizerFixtures.idLists(subset["ids"])
        let skipping = try XCTUnwrap(subset["decoded_skipping"] as? [String])
        XCTAssertEqual(ids.count, corpus.count)
        XCTAssertEqual(tok.missingBytes, [4, 6, 19, 20, 22, 29, 192, 193, 241, 242] + Array(245...255))
        let missing = Set(tok.missingBytes)
        for (i, text) in corpus.enumerated() {
            XCTAssertEqual(tok.encode(text), ids[i], "text \(i) \(String(text.prefix(40)).debugDescription)")
            if !text.utf8.contains(where: missing.contains) {
                XCTAssertEqual(Array(try tok.decode(ids[i]).utf8), Array(text.utf8), "text \(i)")
            }
            XCTAssertEqual(try tok.decode(ids[i], skippingSpecials: true), skipping[i], "text \(i)")
        }
        // The reference prompt of ASSETS.md.
        XCTAssertEqual(tok.encode("<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n"),
                       [1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198])
        XCTAssertEqual(try tok.decode([504, 3575, 282, 4649, 314, 7042, 30, 2], skippingSpecials: true), "The capital of France is Paris.")
        XCTAssertEqual(try tok.tokenText(216), " ")
        XCTAssertEqual(try tok.tokenText(2), "<|im_end|>")

        // Its chat template is recognised as ChatML with SmolLM's default system text.
        let template = try tok.chatTemplate()
        XCTAssertEqual(template.format, .chatml)
        XCTAssertEqual(template.defaultSystem, "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        let chats = try XCTUnwrap(subset["chat"] as? [[String: Any]])
        XCTAssertEqual(chats.count, 2 * TokenizerFixtures.conversations.count)
        for c in chats {
            let conv = TokenizerFixtures.conversations[c["conversation"] as? Int ?? 0]
            let gen = c["generation_prompt"] as? Bool ?? true
            XCTAssertEqual(try template.render(conv, addGenerationPrompt: gen), c["text"] as? String)
            XCTAssertEqual(try template.encode(conv, addGenerationPrompt: gen, with: tok), c["ids"] as? [Int])
        }
    }

    /// Spar's "byte-level-bpe" file keeps everything: the same ids after save and load.
    func testSerializedFileRoundTrips() throws {
        let (meta, _) = try TokenizerFixtures.smollm2Metadata()
        let tok = try ByteLevelBPETokenizer(gguf: meta, source: "smollm2")
        let back = try XCTUnwrap(TokenizerFile.decode(tok.serialized(), source: "metadata") as? ByteLevelBPETokenizer)
        XCTAssertEqual(back.spec, tok.spec)
        XCTAssertEqual(back.serialized(), tok.serialized())
        for text in corpus.prefix(40) { XCTAssertEqual(back.encode(text), tok.encode(text)) }

        let tiny = try TokenizerFixtures.tiny(["normalizer": ["type": "NFC"]])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-bl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tok.json").path
        try tiny.save(to: path)
        let loaded = try XCTUnwrap(TokenizerFile.load(path: path) as? ByteLevelBPETokenizer)
        XCTAssertEqual(loaded.spec, tiny.spec)
        XCTAssertEqual(loaded.kind, "byte-level-bpe")
        // And a Hugging Face file is told apart by its content, through the same call.
        let hf = try XCTUnwrap(TokenizerFile.load(path: TokenizerFixtures.tinyPath) as? ByteLevelBPETokenizer)
        XCTAssertEqual(hf.id(of: .end), hf.specialID("<|im_end|>"))
        XCTAssertEqual(hf.id(of: .pad), hf.specialID("<|endoftext|>"))
        XCTAssertEqual(hf.id(of: .thinkOpen), hf.specialID("<think>"))
        XCTAssertFalse(hf.isSpecial(try XCTUnwrap(hf.specialID("<think>"))))
        let folder = try TokenizerFile.load(path: (TokenizerFixtures.tinyPath as NSString).deletingLastPathComponent)
        XCTAssertEqual(folder.encode("Hello world <|im_end|>"), hf.encode("Hello world <|im_end|>"))
    }
}
