import Foundation

/// The shape of a Llama-style decoder, nanoGPT style: every field has a default that explains itself.
///
///     var config = LlamaConfig(vocabularySize: 1024)      // 2 layers of width 128, 4 heads
///     config.layers = 4; config.width = 256
///     try config.validate()
///     config.parameterCount                              // 3.47M for the bench config
///
/// Names follow the Hugging Face `LlamaConfig` where one exists (in brackets), so real checkpoints of
/// the family can be mapped onto it later.
public struct LlamaConfig: Equatable, Sendable, Codable {
    /// Number of token ids [vocab_size]; at least the tokenizer's vocabulary.
    public var vocabularySize: Int
    /// Longest sequence the model reads, in tokens [max_position_embeddings]. Fixes the rotary tables
    /// and the KV cache size; longer inputs are an error, never silently cut.
    public var context: Int = 256
    /// Number of decoder blocks [num_hidden_layers].
    public var layers: Int = 2
    /// Width of the residual stream [hidden_size]; `heads` must divide it.
    public var width: Int = 128
    /// Number of query heads [num_attention_heads]; head size is width / heads.
    public var heads: Int = 4
    /// Number of key/value heads [num_key_value_heads]; divides `heads`. Fewer than `heads` gives
    /// grouped-query attention (each key/value head serves heads / kvHeads query heads).
    public var kvHeads: Int = 4
    /// Hidden size of the SwiGLU feed-forward [intermediate_size]. Default: 8/3 of the width (the
    /// SwiGLU rule that keeps parameters equal to a 4x GELU MLP), rounded up to a multiple of 64.
    public var ffnHidden: Int
    /// Base of the rotary position angles [rope_theta].
    public var ropeTheta: Double = 10_000
    /// Added to the mean square inside RMSNorm [rms_norm_eps].
    public var normEps: Float = 1e-5
    /// Whether the output matrix is the token embedding (tie_word_embeddings). Saves vocab x width
    /// parameters; a small model trained from scratch loses nothing by it.
    public var tiedOutput: Bool = true

    /// A config with the defaults above for `vocabularySize`.
    public init(vocabularySize: Int, context: Int = 256, layers: Int = 2, width: Int = 128, heads: Int = 4,
                kvHeads: Int? = nil, ffnHidden: Int? = nil, ropeTheta: Double = 10_000, normEps: Float = 1e-5,
                tiedOutput: Bool = true) {
        self.vocabularySize = vocabularySize
        self.context = context
        self.layers = layers
        self.width = width
        self.heads = heads
        self.kvHeads = kvHeads ?? heads
        self.ffnHidden = ffnHidden ?? Self.defaultFFNHidden(width: width)
        self.ropeTheta = ropeTheta
        self.normEps = normEps
        self.tiedOutput = tiedOutput
    }

    /// 8/3 of `width` rounded up to a multiple of 64 (at least 64).
    public static func defaultFFNHidden(width: Int) -> Int {
        let raw = (8 * Swift.max(width, 1) + 2) / 3
        return Swift.max(64, (raw + 63) / 64 * 64)
    }

    /// Size of one attention head.
    public var headSize: Int { width / Swift.max(heads, 1) }
    /// Width of the query projection output (heads x head size).
    public var queryWidth: Int { heads * headSize }
    /// Width of the key and of the value projection output (kvHeads x head size).
    public var keyValueWidth: Int { kvHeads * headSize }

    /// Most parameters accepted (4 GB of Float32 weights), so that a typo cannot ask for terabytes.
    /// Training needs four times the weights' memory (weights, gradients, two AdamW moments).
    public static let maxParameters = 1_000_000_000

    /// Throws an `EngineError` naming the first field that does not make sense.
    public func validate() throws {
        func need(_ ok: Bool, _ message: String) throws { if !ok { throw EngineError("llama config: \(message)") } }
        try need(vocabularySize >= 1 && vocabularySize <= 10_000_000, "vocab \(vocabularySize) must be between 1 and 10000000")
        try need(context >= 1 && context <= 1_000_000, "context \(context) must be between 1 and 1000000")
        try need(layers >= 1 && layers <= 1000, "layers \(layers) must be between 1 and 1000")
        try need(width >= 2 && width <= 100_000, "width \(width) must be between 2 and 100000")
        try need(heads >= 1 && width % heads == 0, "heads \(heads) must be positive and divide the width \(width)")
        try need(headSize % 2 == 0, "head size \(headSize) (width / heads) must be even for rotary positions")
        try need(kvHeads >= 1 && heads % kvHeads == 0, "kv_heads \(kvHeads) must be positive and divide heads \(heads)")
        try need(ffnHidden >= 1 && ffnHidden <= 1_000_000, "ffn hidden size \(ffnHidden) must be between 1 and 1000000")
        try need(ropeTheta.isFinite && ropeTheta > 1, "rope theta \(ropeTheta) must be a number above 1")
        try need(normEps.isFinite && normEps > 0, "norm eps \(normEps) must be a positive number")
        try need(parameterCount <= Self.maxParameters, "\(parameterCount) parameters is above the limit of \(Self.maxParameters)")
    }

    /// Parameters of one decoder block: two norms, four attention projections, three FFN matrices.
    public var parametersPerLayer: Int {
        2 * width + width * queryWidth * 2 + width * keyValueWidth * 2 + 3 * width * ffnHidden
    }

    /// Total trainable parameters (embedding, blocks, final norm, output matrix unless tied).
    public var parameterCount: Int {
        vocabularySize * width + layers * parametersPerLayer + width + (tiedOutput ? 0 : vocabularySize * width)
    }

    /// Model FLOPs per trained token, as in the PaLM paper's MFU: 6 x parameters for the matrix
    /// products forward and backward, plus 12 x layers x context x width for attention.
    public var trainingFLOPsPerToken: Double {
        6 * Double(parameterCount) + 12 * Double(layers) * Double(context) * Double(width)
    }

    /// The config as JSON, the "spar.config" entry of a checkpoint's metadata.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// Reads `json()` back; `source` names the file in errors.
    public static func decode(json: String, source: String) throws -> LlamaConfig {
        do {
            let config = try JSONDecoder().decode(LlamaConfig.self, from: Data(json.utf8))
            try config.validate()
            return config
        } catch let error as EngineError {
            throw EngineError("load: \(source): \(error.message)")
        } catch {
            throw EngineError("load: \(source): the model config in the metadata is not valid: \(error)")
        }
    }
}
