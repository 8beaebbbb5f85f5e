/// The tokenizer metadata of a GGUF file, as plain Swift values: the GGUF reader fills it in and
/// `ByteLevelBPETokenizer(gguf:source:)` builds the tokenizer.
///
/// Keys (llama.cpp's names) → fields:
///
/// | GGUF key | field |
/// |----------|-------|
/// | `tokenizer.ggml.model` (string) | `model`; only `"gpt2"` (byte-level BPE) is supported |
/// | `tokenizer.ggml.pre` (string) | `pre` (split rules, see `PreTokenizerRule.gguf(pre:)`); nil → `"default"` |
/// | `tokenizer.ggml.tokens` ([string]) | `tokens` |
/// | `tokenizer.ggml.token_type` ([int32]) | `tokenTypes` (1 normal, 2 unknown, 3 control, 4 user-defined, 5 unused, 6 byte); empty if absent |
/// | `tokenizer.ggml.merges` ([string], `"left right"`) | `merges` |
/// | `tokenizer.ggml.bos_token_id` / `eos_token_id` / `padding_token_id` / `unknown_token_id` (uint32) | `beginID` / `endID` / `padID` / `unknownID` |
/// | `tokenizer.ggml.add_bos_token` (bool) | `addBegin` |
/// | `tokenizer.chat_template` (string) | `chatTemplate` |
///
///     var meta = GGUFTokenizerMetadata(model: "gpt2", tokens: tokens, merges: merges)
///     meta.pre = "smollm"; meta.tokenTypes = types; meta.beginID = 1; meta.endID = 2
///     let tok = try ByteLevelBPETokenizer(gguf: meta, source: "SmolLM2-135M-Instruct.Q4_1.gguf")
///
/// Control tokens (type 3) become special added tokens and user-defined ones (type 4) plain added
/// tokens, both matched whole in text before splitting — as Hugging Face's GGUF loader
/// (transformers) does, which also skips a control token written with characters outside the
/// byte-level alphabet. A llama3 `pre` takes a piece that is a whole token without merging, as
/// llama.cpp does.
public struct GGUFTokenizerMetadata: Sendable, Equatable {
    public var model: String
    public var pre: String?
    public var tokens: [String]
    public var tokenTypes: [Int]
    public var merges: [String]
    public var beginID: Int?
    public var endID: Int?
    public var padID: Int?
    public var unknownID: Int?
    public var addBegin: Bool?
    public var chatTemplate: String?

    public init(model: String, pre: String? = nil, tokens: [String], tokenTypes: [Int] = [], merges: [String],
                beginID: Int? = nil, endID: Int? = nil, padID: Int? = nil, unknownID: Int? = nil,
                addBegin: Bool? = nil, chatTemplate: String? = nil) {
        self.model = model; self.pre = pre; self.tokens = tokens; self.tokenTypes = tokenTypes; self.merges = merges
        self.beginID = beginID; self.endID = endID; self.padID = padID; self.unknownID = unknownID
        self.addBegin = addBegin; self.chatTemplate = chatTemplate
    }

    /// GGUF token types.
    public static let controlType = 3, userDefinedType = 4
}

extension ByteLevelBPETokenizer {
    /// The tokenizer a GGUF file's metadata describes; `source` (the file name) starts every error.
    public convenience init(gguf meta: GGUFTokenizerMetadata, source: String) throws {
        func bad(_ problem: String) -> EngineError { EngineError("\(source): \(problem)") }
        guard meta.model == "gpt2" else {
            throw bad("tokenizer.ggml.model is \(meta.model.debugDescription); Spar reads byte-level BPE vocabularies (\"gpt2\") only")
        }
        guard let (rules, ignoreMerges) = PreTokenizerRule.gguf(pre: meta.pre) else {
            throw bad("tokenizer.ggml.pre \(meta.pre?.debugDescription ?? "nil") is not a pre-tokenizer Spar knows (known: \(PreTokenizerRule.knownGGUFNames))")
        }
        guard !meta.tokens.isEmpty else { throw bad("tokenizer.ggml.tokens is empty: the vocabulary is empty") }
        guard meta.tokens.count <= ByteLevelBPESpec.maximumTokens else {
            throw bad("tokenizer.ggml.tokens has \(meta.tokens.count) entries, more than the limit of \(ByteLevelBPESpec.maximumTokens)")
        }
        guard meta.tokenTypes.isEmpty || meta.tokenTypes.count == meta.tokens.count else {
            throw bad("tokenizer.ggml.token_type has \(meta.tokenTypes.count) entries but tokenizer.ggml.tokens has \(meta.tokens.count)")
        }
        guard meta.merges.count <= ByteLevelBPESpec.maximumMerges else {
            throw bad("tokenizer.ggml.merges has \(meta.merges.count) entries, more than the limit of \(ByteLevelBPESpec.maximumMerges)")
        }
        var merges = [ByteLevelBPESpec.Merge]()
        merges.reserveCapacity(meta.merges.count)
        for (r, m) in meta.merges.enumerated() {
            let parts = m.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw bad("tokenizer.ggml.merges entry \(r) \(m.debugDescription) is not two tokens separated by one space")
            }
            merges.append(.init(String(parts[0]), String(parts[1])))
        }
        var added = [ByteLevelBPESpec.AddedToken]()
        for (id, type) in meta.tokenTypes.enumerated() where type == GGUFTokenizerMetadata.controlType || type == GGUFTokenizerMetadata.userDefinedType {
            let text = meta.tokens[id]
            guard !text.isEmpty, ByteLevelAlphabet.bytes(ofSpelling: text) != nil else { continue }
            added.append(.init(id: id, content: text, special: type == GGUFTokenizerMetadata.controlType))
        }
        func role(_ v: Int?, _ key: String) throws -> Int? {
            // llama.cpp writes -1 (as 0xFFFFFFFF) for "none" in some files.
            guard let v, v != -1, v != Int(UInt32.max) else { return nil }
            guard v >= 0 && v < meta.tokens.count else {
                throw bad("tokenizer.ggml.\(key) \(v) is outside the vocabulary (ids 0..<\(meta.tokens.count))")
            }
            return v
        }
        let spec = ByteLevelBPESpec(
            tokens: meta.tokens, merges: merges, addedTokens: added, preTokenizer: rules, normalizer: nil,
            ignoreMerges: ignoreMerges, unknownID: try role(meta.unknownID, "unknown_token_id"), fuseUnknown: false,
            beginID: try role(meta.beginID, "bos_token_id"), endID: try role(meta.endID, "eos_token_id"),
            padID: try role(meta.padID, "padding_token_id"), addsBegin: meta.addBegin ?? false, chatTemplate: meta.chatTemplate)
        try self.init(spec: spec, source: source)
    }
}
