/// Everything that defines a byte-level BPE tokenizer (GPT-2 style, as Hugging Face `tokenizers`
/// and llama.cpp run it), as plain values: what a GGUF file's `tokenizer.ggml.*` metadata or a
/// `tokenizer.json` says, and what Spar's own tokenizer file of kind "byte-level-bpe" stores.
/// `ByteLevelBPETokenizer(spec:source:)` validates it and builds the tokenizer.
public struct ByteLevelBPESpec: Sendable, Equatable {
    /// A token matched whole in text before splitting (`added_tokens` of a tokenizer.json; GGUF
    /// control tokens (type 3) are special ones, user-defined tokens (type 4) plain ones).
    public struct AddedToken: Sendable, Equatable {
        public var id: Int
        public var content: String
        /// Special tokens are left out by `decode(skippingSpecials: true)`.
        public var special: Bool
        /// Matched against the normalized text (after NFC, say) rather than the raw text.
        public var normalized: Bool
        /// Matched only where no word character touches it.
        public var singleWord: Bool
        /// Takes the whitespace on its left / right into its match.
        public var lstrip: Bool
        public var rstrip: Bool

        public init(id: Int, content: String, special: Bool, normalized: Bool = false, singleWord: Bool = false,
                    lstrip: Bool = false, rstrip: Bool = false) {
            self.id = id; self.content = content; self.special = special; self.normalized = normalized
            self.singleWord = singleWord; self.lstrip = lstrip; self.rstrip = rstrip
        }
    }

    /// A merge of two tokens, given by their spellings, in rank order.
    public struct Merge: Sendable, Equatable {
        public var left: String
        public var right: String
        public init(_ left: String, _ right: String) { self.left = left; self.right = right }
    }

    /// The spelling of each id: ordinary tokens in the byte-level alphabet (`Ġworld`), added tokens
    /// as their text. An empty string is a hole in the id space (never produced, decodes to nothing).
    public var tokens: [String]
    public var merges: [Merge]
    public var addedTokens: [AddedToken]
    /// The split rules, in order (see `PreTokenizerRule`).
    public var preTokenizer: [PreTokenizerRule]
    /// "nfc", "nfkc", or nil for none.
    public var normalizer: String?
    /// A piece that is a whole vocabulary token becomes that token without merging (Llama 3).
    public var ignoreMerges: Bool
    /// The vocabulary's unknown token, if it names one.
    public var unknownID: Int?
    /// Whether bytes the vocabulary has no token for become `unknownID` (a tokenizer.json whose
    /// model names an `unk_token`); otherwise they are dropped, as Hugging Face does.
    public var bytesBecomeUnknown: Bool
    /// With `bytesBecomeUnknown`: one unknown per run of missing bytes instead of one per byte.
    public var fuseUnknown: Bool
    /// Spar's roles: begin (bos), end (eos), pad.
    public var beginID: Int?
    public var endID: Int?
    public var padID: Int?
    /// Whether the checkpoint adds the begin token in front of a prompt (`add_bos_token`).
    /// `encode` never adds it; callers that feed a model do.
    public var addsBegin: Bool
    /// The chat template (Jinja source) of the checkpoint, if it has one. `ChatTemplate` recognises it.
    public var chatTemplate: String?

    public init(tokens: [String], merges: [Merge], addedTokens: [AddedToken] = [], preTokenizer: [PreTokenizerRule] = [.gpt2],
                normalizer: String? = nil, ignoreMerges: Bool = false, unknownID: Int? = nil, bytesBecomeUnknown: Bool = false, fuseUnknown: Bool = false,
                beginID: Int? = nil, endID: Int? = nil, padID: Int? = nil, addsBegin: Bool = false, chatTemplate: String? = nil) {
        self.tokens = tokens; self.merges = merges; self.addedTokens = addedTokens; self.preTokenizer = preTokenizer
        self.normalizer = normalizer; self.ignoreMerges = ignoreMerges; self.unknownID = unknownID
        self.bytesBecomeUnknown = bytesBecomeUnknown
        self.fuseUnknown = fuseUnknown; self.beginID = beginID; self.endID = endID; self.padID = padID
        self.addsBegin = addsBegin; self.chatTemplate = chatTemplate
    }

    /// Limits that keep a hostile file from making Spar allocate or loop without bound.
    public static let maximumTokens = 1 << 22
    public static let maximumMerges = 1 << 23
    public static let maximumTokenBytes = 1 << 14
    public static let maximumAddedTokens = 1 << 20
}
