/// Recognising a checkpoint's Jinja chat template (GGUF `tokenizer.chat_template`, tokenizer_config
/// `chat_template`) as one of the formats `ChatTemplate` renders. Spar does not interpret Jinja: it
/// looks for each format's marker tokens, and reads the few settings that vary between templates of
/// one format (ChatML's default system text, whether Llama 3 trims and writes the bos token).
extension ChatTemplate {
    /// The format of `source`, with the begin/end texts of `tokenizer`. An unknown template is an
    /// error that says how to choose a format by name.
    public init(recognizing source: String, for tokenizer: any Tokenizer) throws {
        let begin = Self.text(of: .begin, tokenizer), end = Self.text(of: .end, tokenizer)
        if source == Self.sparJinja {
            self = .spar
        } else if source.contains("<|im_start|>") && source.contains("<|im_end|>") {
            self.init(format: .chatml, defaultSystem: Self.chatmlDefaultSystem(source))
        } else if source.contains("<|start_header_id|>") && source.contains("<|eot_id|>") {
            guard !source.contains("Cutting Knowledge Date") else {
                throw EngineError("chat: this is a Llama 3.1-style template (a dated system block, tools), which Spar does not render; choose the Llama 3.0 format by name (llama3)")
            }
            self.init(format: .llama3, beginText: source.contains("bos_token") ? begin : "", endText: end,
                      trimsContent: source.contains("trim"))
        } else if source.contains("[INST]") && source.contains("<<SYS>>") {
            self.init(format: .llama2, beginText: source.contains("bos_token") ? begin : "", endText: end)
        } else {
            let start = String(source.prefix(60)).debugDescription
            throw EngineError("chat: the chat template is not one Spar recognises (ChatML, Llama 3, Llama 2, Spar's own); it starts \(start). Choose a format by name: chatml, llama3, llama2 or spar")
        }
    }

    /// The literal system text a ChatML template writes when the conversation has none:
    /// `'<|im_start|>system\nTEXT<|im_end|>\n'` with TEXT free of quotes and braces.
    static func chatmlDefaultSystem(_ source: String) -> String? {
        for header in ["<|im_start|>system\n", "<|im_start|>system\\n"] {
            var rest = source[...]
            while let r = rest.range(of: header) {
                let after = rest[r.upperBound...]
                if let close = after.range(of: "<|im_end|>") {
                    let text = after[..<close.lowerBound]
                    if !text.isEmpty && !text.contains(where: { "'\"{}+".contains($0) }) {
                        return header.hasSuffix("\\n") ? text.replacingOccurrences(of: "\\n", with: "\n") : String(text)
                    }
                }
                rest = after
            }
        }
        return nil
    }
}
