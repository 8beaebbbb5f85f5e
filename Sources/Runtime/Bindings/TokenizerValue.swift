import Engine

/// A tokenizer as a Spar value: `tok.encode(s)`, `tok.decode(ids)`, `tok.save(path)`, ...
///
/// Wraps an Engine `Tokenizer` (byte-level or BPE). Prints as `<tokenizer bpe, vocab 1024>`;
/// `show(tok)` lists its special tokens and first merges.
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
        ("id", "tok.id(text): the id of a special token such as \"<|user|>\" or \"<think>\", or nil if there is none"),
        ("save", "tok.save(path): writes the tokenizer as JSON (to a temporary file, then renamed into place)"),
        ("vocab", "tok.vocab: the number of token ids (256 bytes + special tokens + merges)"),
        ("kind", "tok.kind: \"bytes\" or \"bpe\""),
        ("specials", "tok.specials: the special token texts, in id order from 256"),
    ]

    public var memberNames: [String] { Self.memberHelp.map(\.0) }

    public func help(member: String) -> String? { Self.memberHelp.first { $0.0 == member }?.1 }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "vocab": return .number(Double(tokenizer.vocabularySize))
        case "kind": return .string(tokenizer.kind)
        case "specials": return .list(tokenizer.specialTokens.texts.map { .string($0) })
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
