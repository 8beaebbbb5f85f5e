import Engine

/// A tokenizer as a Spar value: `tok.encode(s)`, `tok.decode(ids)`, `tok.save(path)`, ...
///
/// Wraps an Engine `Tokenizer` (Spar's byte-level or BPE, or a checkpoint's byte-level BPE). Prints
/// as `<tokenizer bpe, vocab 1024>`; `show(tok)` lists its special tokens, roles and first merges
/// (or its split rules and chat format).
public final class TokenizerValue: NativeValue {
    public let tokenizer: any Tokenizer

    public init(_ tokenizer: any Tokenizer) { self.tokenizer = tokenizer }

    public var typeName: String { "tokenizer" }
    public var summary: String { tokenizer.description }

    public var showText: String {
        var lines = [summary]
        let specials = tokenizer.specialTokens
        let shownSpecials = zip(specials.texts, specials.ids).prefix(24).map { "\($0) \($1)" }
        lines.append("  specials: " + shownSpecials.joined(separator: ", ")
                     + (specials.count > 24 ? ", ... (\(specials.count) in all)" : ""))
        let roles = SpecialToken.allCases.compactMap { role in tokenizer.id(of: role).map { "\(Self.roleName(role)) \($0)" } }
        if tokenizer is ByteLevelBPETokenizer {
            lines.append("  roles: " + (roles.isEmpty ? "none" : roles.joined(separator: ", ")))
        }
        if let bl = tokenizer as? ByteLevelBPETokenizer {
            lines.append("  merges: \(bl.spec.merges.count); split rules: " + bl.spec.preTokenizer.map(\.description).joined(separator: ", ")
                         + (bl.spec.normalizer.map { "; normalizer \($0)" } ?? "") + (bl.spec.ignoreMerges ? "; whole tokens before merges" : ""))
            let chat = (try? tokenizer.chatTemplate()).map { $0.format.rawValue } ?? "none recognised"
            lines.append("  chat format: \(chat)\(bl.addsBeginToken ? "; prompts start with the begin token" : "")")
        }
        if let bpe = tokenizer as? BPETokenizer {
            let first = SpecialTokenSet.firstID + bpe.specialTokens.count
            let shown = bpe.merges.prefix(12).enumerated().map { r, pair in
                let text = (try? bpe.tokenText(first + r)) ?? "?"
                return "\(first + r) \(quoted(text))"
            }
            lines.append("  merges: \(bpe.merges.count); first: " + shown.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// Help lines of the members, also registered as topics "tokenizer.encode", ... (`:help`).
    static let memberHelp: [(String, String)] = [
        ("encode", "tok.encode(text): the token ids of a string, as a list of numbers; special token texts such as <think> become single ids"),
        ("decode", "tok.decode(ids): the text of a list of token ids; ids that cut a character decode to \u{FFFD}; skip_specials: true leaves special tokens out"),
        ("token", "tok.token(id): one token's text for display, with control characters and stray bytes escaped"),
        ("id", "tok.id(text): the id of a special (or added) token such as \"<|user|>\" or \"<|im_end|>\", or nil if there is none"),
        ("apply_chat_template", "tok.apply_chat_template(messages, add_generation_prompt: true, tokenize: false, format: nil): a conversation [{role:, content:}] as the text (or, with tokenize: true, the ids) the model expects; the format is recognised from the checkpoint's template, or named: \"chatml\", \"llama3\", \"llama2\", \"spar\""),
        ("roles", "tok.roles: the ids of Spar's standard roles this tokenizer has, as a record (begin, end, pad, ...)"),
        ("save", "tok.save(path): writes the tokenizer as JSON (to a temporary file, then renamed into place)"),
        ("vocab", "tok.vocab: the number of token ids (for Spar's kinds 256 bytes + special tokens + merges)"),
        ("kind", "tok.kind: \"bytes\", \"bpe\" or \"byte-level-bpe\" (a checkpoint's vocabulary)"),
        ("specials", "tok.specials: the special token texts (for Spar's kinds in id order from 256)"),
    ]

    public var memberNames: [String] { Self.memberHelp.map(\.0) }

    public func help(member: String) -> String? { Self.memberHelp.first { $0.0 == member }?.1 }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "vocab": return .number(Double(tokenizer.vocabularySize))
        case "kind": return .string(tokenizer.kind)
        case "specials": return .list(tokenizer.specialTokens.texts.map { .string($0) })
        case "roles":
            return .record(RecordObject(SpecialToken.allCases.compactMap { role in
                tokenizer.id(of: role).map { (Self.roleName(role), Value.number(Double($0))) }
            }))
        default: return nil
        }
    }

    public func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "encode":
            try args.expect(1)
            return .list(tokenizer.encode(try args.string(0)).map { .number(Double($0)) })
        case "decode":
            try args.expect(1, 1, labels: ["skip_specials"])
            let skip = try flag(args, "skip_specials")
            return .string(try tokenizer.decode(try ids(args), skippingSpecials: skip))
        case "token":
            try args.expect(1)
            return .string(try tokenizer.tokenText(try args.integer(0)))
        case "id":
            try args.expect(1)
            return tokenizer.specialID(try args.string(0)).map { .number(Double($0)) } ?? .null
        case "apply_chat_template":
            try args.expect(1, 1, labels: ["add_generation_prompt", "tokenize", "format"])
            let messages = try chatMessages(args)
            let template: ChatTemplate
            switch args["format"] {
            case nil, .null?: template = try tokenizer.chatTemplate()
            case .string(let n)?: template = try ChatTemplate(named: n, for: tokenizer)
            case let v?: throw ScriptError("\(args.callee): format must be a string such as \"chatml\", not \(v.typeName)")
            }
            let generation = args["add_generation_prompt"] == nil ? true : try flag(args, "add_generation_prompt")
            let text = try template.render(messages, addGenerationPrompt: generation)
            if try flag(args, "tokenize") { return .list(tokenizer.encode(text).map { .number(Double($0)) }) }
            return .string(text)
        case "save":
            try args.expect(1)
            try tokenizer.save(to: try args.string(0))
            return .null
        default:
            return nil
        }
    }

    /// The list argument of `decode` as ids, each checked to be an integer.
    private func ids(_ args: Arguments) throws -> [Int] {
        let list = try args.list(0)
        var out = [Int]()
        out.reserveCapacity(list.items.count)
        for (i, item) in list.items.enumerated() {
            guard case .number(let d) = item, let id = exactInt(d) else {
                let shown = item.typeName == "number" ? item.repr : item.typeName
                throw ScriptError("\(args.callee): item \(i) of the ids must be an integer token id, not \(shown)")
            }
            out.append(id)
        }
        return out
    }

    /// A role's name in Spar: snake case, like the rest of the surface (`think_open`).
    static func roleName(_ role: SpecialToken) -> String {
        String(describing: role).reduce(into: "") { out, c in
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
    }

    /// The messages of a conversation: a list of records with string `role` and `content`.
    private func chatMessages(_ args: Arguments) throws -> [ChatMessage] {
        try args.list(0).items.enumerated().map { i, item in
            guard case .record(let r) = item, case .string(let role)? = r["role"], case .string(let content)? = r["content"] else {
                throw ScriptError("\(args.callee): message \(i) must be a record {role: \"user\", content: \"...\"} with string fields")
            }
            return ChatMessage(role: role, content: content)
        }
    }

    private func flag(_ args: Arguments, _ label: String) throws -> Bool {
        guard let v = args[label] else { return false }
        guard case .bool(let b) = v else {
            throw ScriptError("\(args.callee): argument '\(label)' must be true or false, not \(v.typeName)")
        }
        return b
    }

    public func equals(_ other: NativeValue) -> Bool {
        guard let o = other as? TokenizerValue else { return false }
        return o === self || o.tokenizer.serialized() == tokenizer.serialized()
    }
}
