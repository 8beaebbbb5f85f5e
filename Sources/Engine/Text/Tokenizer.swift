/// Turns text into token ids and back. Spar's own kinds are `ByteTokenizer` and `BPETokenizer`;
/// `ByteLevelBPETokenizer` reads the vocabularies of real checkpoints (GGUF, Hugging Face).
///
/// Spar's own kinds lay ids out the same way: 0..<256 are the bytes, then the special tokens
/// (`SpecialTokenSet`, 256...), then (BPE only) one id per learned merge, in merge order. Other kinds
/// have any vocabulary: a token's bytes, its id and whether it is special all come from `table`, and
/// Spar's standard roles (`SpecialToken`: begin, end, pad, ...) map to whatever ids the vocabulary
/// has for them (`id(of:)` is nil where it has none).
/// `encode` and `decode` round-trip exactly for every kind whose vocabulary covers the 256 bytes:
/// for every string `s`, `Array(decode(encode(s)).utf8) == Array(s.utf8)`.
///
///     let tok = try BPETokenizer.train(texts: corpus, vocabularySize: 1024)
///     let ids = tok.encode("<|user|>hello<|end|>")
///     try tok.decode(ids)             // "<|user|>hello<|end|>"
///     tok.id(of: .end)                // 261
///     try tok.tokenText(ids[1])       // " hello" or a piece of it, for display
public protocol Tokenizer: AnyObject, Sendable, CustomStringConvertible {
    /// "bytes", "bpe" or "byte-level-bpe": the `kind` field of the saved file.
    var kind: String { get }
    /// The bytes of every token (a special token's bytes are its text), the specials, the ids of
    /// the standard roles, and the shared decoding logic.
    var table: TokenTable { get }
    /// The ids of `text`; special token texts in it become their single ids. No begin token is
    /// added (Hugging Face's `add_special_tokens=False`); callers that want one prepend `id(of: .begin)`.
    func encode(_ text: String) -> [Int]
    /// The tokenizer as one JSON text: the content of its file, and what a checkpoint stores in its
    /// metadata. `TokenizerFile.decode` reads it back.
    func serialized() -> String
    /// The text of `ids` (default: the tokens' bytes concatenated, see `TokenTable`). Bytes that do
    /// not form valid UTF-8 become U+FFFD; with `skippingSpecials`, special tokens are left out.
    /// Throws for an id outside the vocabulary.
    func decode(_ ids: [Int], skippingSpecials: Bool) throws -> String
    /// A readable form of one token for display (default: its bytes, escaped where not printable).
    func tokenText(_ id: Int) throws -> String
    /// The chat format of this tokenizer's model (default: Spar's own `<|user|>...<|end|>` format
    /// when the tokenizer has those role tokens). Throws when the tokenizer has none.
    func chatTemplate() throws -> ChatTemplate
}

extension Tokenizer {
    /// The number of ids (for Spar's kinds: 256 + special tokens + merges).
    public var vocabularySize: Int { table.count }

    /// The special tokens with their ids (for Spar's kinds: in id order starting at 256).
    public var specialTokens: SpecialTokenSet { table.specials }

    /// The id of a standard role; nil if this tokenizer has no token for it.
    public func id(of token: SpecialToken) -> Int? { table.roles[token] }

    /// The id of the special (or added) token with this text (e.g. `"<|user|>"`), or nil.
    public func specialID(_ text: String) -> Int? { table.specials.id(of: text) }

    /// Whether `id` is one of the special tokens (the ones `skippingSpecials` leaves out).
    public func isSpecial(_ id: Int) -> Bool { table.isSpecial(id) }

    public func decode(_ ids: [Int], skippingSpecials: Bool) throws -> String {
        try table.decode(ids, skippingSpecials: skippingSpecials)
    }

    /// The text of `ids`, special tokens included (see `decode(_:skippingSpecials:)`).
    public func decode(_ ids: [Int]) throws -> String { try decode(ids, skippingSpecials: false) }

    public func tokenText(_ id: Int) throws -> String { try table.displayText(of: id) }

    public func chatTemplate() throws -> ChatTemplate {
        guard [SpecialToken.user, .assistant, .end].allSatisfy({ id(of: $0) != nil }) else {
            throw EngineError("chat: this \(kind) tokenizer has no chat template and no <|user|> <|assistant|> <|end|> tokens for Spar's own format")
        }
        return .spar
    }

    /// Writes `serialized()` to `path` atomically (a temporary file renamed into place).
    public func save(to path: String) throws { try TokenizerFile.write(serialized(), to: path) }

    public var description: String { "<tokenizer \(kind), vocab \(vocabularySize)>" }
}
