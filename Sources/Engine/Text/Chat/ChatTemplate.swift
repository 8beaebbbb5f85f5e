/// One message of a conversation.
public struct ChatMessage: Sendable, Equatable {
    /// "system", "user" or "assistant" (other roles are written as given where the format allows).
    public var role: String
    public var content: String
    public init(role: String, content: String) { self.role = role; self.content = content }
}

/// A chat format: renders a conversation as the text a model was trained on, ending with the
/// assistant's header when asked for a generation prompt (Hugging Face's `apply_chat_template`
/// with `add_generation_prompt`). Not a Jinja interpreter: `init(recognizing:for:)` recognises the
/// checkpoint's template among the formats below and renders that format exactly.
///
/// | format | one turn | generation prompt |
/// |--------|----------|-------------------|
/// | `chatml` (SmolLM2, Qwen) | `<\|im_start\|>user\nHi<\|im_end\|>\n` | `<\|im_start\|>assistant\n` |
/// | `llama3` | `<\|start_header_id\|>user<\|end_header_id\|>\n\nHi<\|eot_id\|>` (bos before the first) | `<\|start_header_id\|>assistant<\|end_header_id\|>\n\n` |
/// | `llama2` | `<s>[INST] <<SYS>>\nsys\n<</SYS>>\n\nHi [/INST]`, answers ` text </s>` | (none: `[/INST]` is the prompt) |
/// | `spar` (Spar's own models) | `<\|user\|>Hi<\|end\|>` | `<\|assistant\|>` |
///
///     let t = try tok.chatTemplate()
///     let text = try t.render([ChatMessage(role: "user", content: "What is the capital of France?")])
///     let ids = try t.encode([ChatMessage(role: "user", content: "Hi")], with: tok)
public struct ChatTemplate: Sendable, Equatable {
    public enum Format: String, CaseIterable, Sendable { case chatml, llama3, llama2, spar }

    public var format: Format
    /// ChatML: the system text put first when a conversation has no system message (SmolLM2's
    /// "You are a helpful AI assistant named SmolLM, trained by Hugging Face"); nil for none.
    public var defaultSystem: String?
    /// The begin (bos) token's text written by Llama formats ("" when the template writes none).
    public var beginText: String
    /// The end (eos) token's text, which closes an assistant answer in Llama 2.
    public var endText: String
    /// Llama 3: whether each content is trimmed (`| trim`) before it is written.
    public var trimsContent: Bool

    public init(format: Format, defaultSystem: String? = nil, beginText: String = "", endText: String = "",
                trimsContent: Bool = true) {
        self.format = format; self.defaultSystem = defaultSystem; self.beginText = beginText
        self.endText = endText; self.trimsContent = trimsContent
    }

    /// Spar's own format, for the models Spar trains from scratch.
    public static let spar = ChatTemplate(format: .spar)

    /// The Jinja source of Spar's own format (what a tokenizer_config.json would hold).
    public static let sparJinja = "{% for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] + '<|end|>' }}{% endfor %}{% if add_generation_prompt %}{{ '<|assistant|>' }}{% endif %}"

    /// A format by name ("chatml", "llama3", "llama2", "spar") with the begin and end texts of
    /// `tokenizer`.
    public init(named name: String, for tokenizer: any Tokenizer) throws {
        guard let format = Format(rawValue: name) else {
            throw EngineError("chat: unknown chat format \(name.debugDescription) (known: \(Format.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.init(format: format, beginText: Self.text(of: .begin, tokenizer), endText: Self.text(of: .end, tokenizer))
    }

    /// The text of a role's token, or "".
    static func text(of role: SpecialToken, _ tokenizer: any Tokenizer) -> String {
        guard let id = tokenizer.id(of: role) else { return "" }
        return (try? tokenizer.decode([id], skippingSpecials: false)) ?? ""
    }

    /// The token text that ends an assistant turn: where generation should stop.
    public var endOfTurn: String {
        switch format {
        case .chatml: return "<|im_end|>"
        case .llama3: return "<|eot_id|>"
        case .llama2: return endText
        case .spar: return SpecialToken.end.text
        }
    }

    /// The conversation as text; with `addGenerationPrompt` it ends where the assistant's answer
    /// starts. Throws for a Llama 2 conversation whose roles do not alternate user/assistant, and
    /// for a role Spar's format has no token for.
    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = true) throws -> String {
        var out = ""
        switch format {
        case .chatml:
            for (k, m) in messages.enumerated() {
                if k == 0, let system = defaultSystem, messages[0].role != "system" {
                    out += "<|im_start|>system\n" + system + "<|im_end|>\n"
                }
                out += "<|im_start|>" + m.role + "\n" + m.content + "<|im_end|>\n"
            }
            if addGenerationPrompt { out += "<|im_start|>assistant\n" }
        case .llama3:
            for (k, m) in messages.enumerated() {
                if k == 0 { out += beginText }
                out += "<|start_header_id|>" + m.role + "<|end_header_id|>\n\n"
                out += (trimsContent ? PythonText.strip(m.content) : m.content) + "<|eot_id|>"
            }
            if addGenerationPrompt { out += "<|start_header_id|>assistant<|end_header_id|>\n\n" }
        case .llama2:
            var turns = messages[...]
            var system: String?
            if let first = messages.first, first.role == "system" { system = first.content; turns = messages.dropFirst() }
            for (k, m) in turns.enumerated() {
                guard (m.role == "user") == (k % 2 == 0) else {
                    throw EngineError("chat: Conversation roles must alternate user/assistant/user/assistant/... (Llama 2 format; message \(k + (system == nil ? 0 : 1)) is \(m.role.debugDescription))")
                }
                var content = m.content
                if k == 0, let system { content = "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + m.content }
                if m.role == "user" {
                    out += beginText + "[INST] " + PythonText.strip(content) + " [/INST]"
                } else if m.role == "assistant" {
                    out += " " + PythonText.strip(content) + " " + endText
                }
            }
        case .spar:
            for m in messages {
                guard ["system", "user", "assistant"].contains(m.role) else {
                    throw EngineError("chat: Spar's chat format has no token for the role \(m.role.debugDescription) (system, user or assistant)")
                }
                out += "<|" + m.role + "|>" + m.content + SpecialToken.end.text
            }
            if addGenerationPrompt { out += SpecialToken.assistant.text }
        }
        return out
    }

    /// The ids of the rendered conversation (no begin token is added beyond what the format writes).
    public func encode(_ messages: [ChatMessage], addGenerationPrompt: Bool = true, with tokenizer: any Tokenizer) throws -> [Int] {
        tokenizer.encode(try render(messages, addGenerationPrompt: addGenerationPrompt))
    }
}

/// Python's `str.strip()` (what Jinja's `trim` and `.strip()` call): removes the characters
/// `str.isspace` accepts from both ends.
enum PythonText {
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func strip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
