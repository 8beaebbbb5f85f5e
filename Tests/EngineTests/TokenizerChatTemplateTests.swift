import XCTest
@testable import Engine

/// Chat templates against transformers' `apply_chat_template` (text and ids), their recognition
/// from Jinja sources, and their errors.
final class TokenizerChatTemplateTests: XCTestCase {
    func testTemplatesMatchTransformers() throws {
        let tok = try TokenizerFixtures.tiny([:])
        let sets = try XCTUnwrap(TokenizerFixtures.expected["chat"] as? [[String: Any]])
        XCTAssertEqual(sets.map { $0["name"] as? String ?? "" }, ["chatml-smollm", "chatml", "llama3", "llama2", "spar"])
        for set in sets {
            let name = set["name"] as? String ?? ""
            let source = try XCTUnwrap(set["template"] as? String)
            var template = try ChatTemplate(recognizing: source, for: tok)
            // The fixture renders with these begin/end texts; the tiny tokenizer's own are ChatML's.
            if !template.beginText.isEmpty || template.format == .llama2 { template.beginText = set["bos"] as? String ?? "" }
            template.endText = set["eos"] as? String ?? ""
            for c in try XCTUnwrap(set["cases"] as? [[String: Any]]) {
                let conv = TokenizerFixtures.conversations[c["conversation"] as? Int ?? 0]
                let gen = c["generation_prompt"] as? Bool ?? true
                if let error = c["error"] as? String {
                    XCTAssertThrowsError(try template.render(conv, addGenerationPrompt: gen), name) { e in
                        XCTAssertTrue("\(e)".contains("Conversation roles must alternate"), "\(name): \(e) vs \(error)")
                    }
                    continue
                }
                let text = try template.render(conv, addGenerationPrompt: gen)
                XCTAssertEqual(text, c["text"] as? String, "\(name) conversation \(c["conversation"] ?? "") gen \(gen)")
                XCTAssertEqual(tok.encode(text), c["ids"] as? [Int], name)
            }
        }
    }

    func testRecognitionAndNames() throws {
        let tok = try TokenizerFixtures.tiny([:])
        XCTAssertEqual(try tok.chatTemplate().format, .chatml)
        XCTAssertEqual(try tok.chatTemplate().defaultSystem, "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        XCTAssertEqual(try ChatTemplate(named: "llama3", for: tok).format, .llama3)
        XCTAssertEqual(try ChatTemplate(recognizing: ChatTemplate.sparJinja, for: tok), .spar)
        XCTAssertThrowsError(try ChatTemplate(named: "vicuna", for: tok)) { e in
            XCTAssertTrue("\(e)".contains("unknown chat format \"vicuna\""), "\(e)")
        }
        XCTAssertThrowsError(try ChatTemplate(recognizing: "{{ messages[0]['content'] }}", for: tok)) { e in
            XCTAssertTrue("\(e)".contains("not one Spar recognises"), "\(e)")
        }
        XCTAssertThrowsError(try ChatTemplate(recognizing: "<|start_header_id|> Cutting Knowledge Date <|eot_id|>", for: tok))
        // Spar's own tokenizers use Spar's format; its end of turn is <|end|>.
        let spar = ByteTokenizer()
        let t = try spar.chatTemplate()
        XCTAssertEqual(t, .spar)
        let text = try t.render([ChatMessage(role: "system", content: "Be brief."), ChatMessage(role: "user", content: "hi")])
        XCTAssertEqual(text, "<|system|>Be brief.<|end|><|user|>hi<|end|><|assistant|>")
        XCTAssertEqual(try t.encode([ChatMessage(role: "user", content: "hi")], with: spar), [259, 104, 105, 261, 260])
        XCTAssertEqual(t.endOfTurn, "<|end|>")
        XCTAssertThrowsError(try t.render([ChatMessage(role: "tool", content: "x")]))
        // A tokenizer without a template or Spar's role tokens says so.
        let bare = try ByteTokenizer(specials: ["<x>"])
        XCTAssertThrowsError(try bare.chatTemplate())
        var root = try TokenizerFixtures.tinyRoot()
        root["added_tokens"] = []
        XCTAssertThrowsError(try HuggingFaceTokenizer.tokenizer(root, config: nil, source: "t").chatTemplate()) { e in
            XCTAssertTrue("\(e)".contains("no chat template"), "\(e)")
        }
    }

    func testPythonStripMatchesIsspace() {
        XCTAssertEqual(PythonText.strip(" \t\n\u{1F}\u{85}\u{A0}\u{3000}x y\u{2028} \u{1C}"), "x y")
        XCTAssertEqual(PythonText.strip("\u{200B}x\u{200B}"), "\u{200B}x\u{200B}")   // zero-width space is not whitespace
        XCTAssertEqual(PythonText.strip("   "), "")
    }
}
