/// The tokenizer of a GGUF file: its `tokenizer.ggml.*` metadata read into the plain values of
/// `GGUFTokenizerMetadata`, from which `ByteLevelBPETokenizer(gguf:source:)` builds it.
extension GGUFFile {
    /// The tokenizer metadata; a missing vocabulary or a value of the wrong kind is an error
    /// naming the file and the key.
    public func tokenizerMetadata() throws -> GGUFTokenizerMetadata {
        func bad(_ problem: String) -> EngineError { EngineError("load: \(path): \(problem)") }
        guard let model = try string("tokenizer.ggml.model") else { throw bad("tokenizer.ggml.model is missing: the file has no tokenizer") }
        guard let tokens = try strings("tokenizer.ggml.tokens") else { throw bad("tokenizer.ggml.tokens is missing") }
        return GGUFTokenizerMetadata(
            model: model, pre: try string("tokenizer.ggml.pre"), tokens: tokens,
            tokenTypes: try ints("tokenizer.ggml.token_type") ?? [], merges: try strings("tokenizer.ggml.merges") ?? [],
            beginID: try int("tokenizer.ggml.bos_token_id"), endID: try int("tokenizer.ggml.eos_token_id"),
            padID: try int("tokenizer.ggml.padding_token_id"), unknownID: try int("tokenizer.ggml.unknown_token_id"),
            addBegin: try bool("tokenizer.ggml.add_bos_token"), chatTemplate: try string("tokenizer.chat_template"))
    }

    /// The tokenizer the metadata describes.
    public func tokenizer() throws -> any Tokenizer {
        try ByteLevelBPETokenizer(gguf: try tokenizerMetadata(), source: "load: \(path)")
    }
}

extension LlamaGGUF {
    /// Loads `path` with the tokenizer of its own metadata.
    public static func load(path: String) throws -> LlamaModel {
        try load(path: path) { try $0.tokenizer() }
    }
}
