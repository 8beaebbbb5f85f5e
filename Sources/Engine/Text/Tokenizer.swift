/// Turns text into token ids and back. Spar's two kinds: `ByteTokenizer` and `BPETokenizer`.
///
/// Ids are laid out the same way in both: 0..<256 are the bytes, then the special tokens
/// (`SpecialTokenSet`, 256...), then (BPE only) one id per learned merge, in merge order.
/// `encode` and `decode` round-trip exactly: for every string `s`,
/// `Array(decode(encode(s)).utf8) == Array(s.utf8)`.
///
///     let tok = try BPETokenizer.train(texts: corpus, vocabularySize: 1024)
///     let ids = tok.encode("<|user|>hello<|end|>")
///     try tok.decode(ids)             // "<|user|>hello<|end|>"
///     tok.id(of: .end)                // 261
///     try tok.tokenText(ids[1])       // " hello" or a piece of it, for display
public protocol Tokenizer: AnyObject, Sendable, CustomStringConvertible {
    /// "bytes" or "bpe": the `kind` field of the saved file.
    var kind: String { get }
    /// The bytes of every token (a special token's bytes are its text), the specials and the
    /// shared decoding logic.
    var table: TokenTable { get }
    /// The ids of `text`; special token texts in it become their single ids.
    func encode(_ text: String) -> [Int]
    /// The tokenizer as one JSON text: the content of its file, and what a checkpoint stores in its
    /// metadata. `TokenizerFile.decode` reads it back.
    func serialized() -> String
}

extension Tokenizer {
    /// The number of ids: 256 + special tokens + merges.
    public var vocabularySize: Int { table.count }

    /// The special tokens, in id order starting at 256.
    public var specialTokens: SpecialTokenSet { table.specials }

    /// The id of a standard special token; nil if this tokenizer was built without it.
    public func id(of token: SpecialToken) -> Int? { table.specials.id(of: token.text) }

    /// The id of the special token with this text (e.g. `"<|user|>"`), or nil.
    public func specialID(_ text: String) -> Int? { table.specials.id(of: text) }

    /// Whether `id` is one of the special tokens.
    public func isSpecial(_ id: Int) -> Bool { table.isSpecial(id) }

    /// The text of `ids`. Bytes that do not form valid UTF-8 (an id sequence cut inside a character)
    /// become U+FFFD replacement characters. With `skippingSpecials`, special tokens are left out.
    /// Throws for an id outside the vocabulary.
    public func decode(_ ids: [Int], skippingSpecials: Bool = false) throws -> String {
        try table.decode(ids, skippingSpecials: skippingSpecials)
    }

    /// A readable form of one token for display: its text when that is printable UTF-8, with
    /// control characters and stray bytes written as escapes (`\n`, `<0xE2>`).
    public func tokenText(_ id: Int) throws -> String { try table.displayText(of: id) }

    /// Writes `serialized()` to `path` atomically (a temporary file renamed into place).
    public func save(to path: String) throws { try TokenizerFile.write(serialized(), to: path) }

    public var description: String { "<tokenizer \(kind), vocab \(vocabularySize)>" }
}
