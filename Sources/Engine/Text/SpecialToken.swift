/// The special tokens every Spar tokenizer carries, in id order.
///
/// Ids 0..<256 are the bytes; the special tokens follow at 256, 257, ... in the order of `allCases`,
/// so a special token has the same id in every tokenizer built with the standard set, whatever its
/// vocabulary size. Their texts, when they occur in the text being encoded, encode to the single
/// special id (so the RL format check sees `<think>` as one unit); all other text is byte-level.
///
///     let tok = ByteTokenizer()
///     tok.id(of: .thinkOpen)          // 262
///     tok.encode("<think>hi")         // [262, 104, 105]
public enum SpecialToken: String, CaseIterable, Sendable {
    /// Padding in batches; never produced by encoding ordinary text.
    case pad = "<|pad|>"
    /// Start of a text or a conversation.
    case begin = "<|begin|>"
    /// The role markers of a chat transcript.
    case system = "<|system|>", user = "<|user|>", assistant = "<|assistant|>"
    /// End of a chat turn (and of a generated text).
    case end = "<|end|>"
    /// The hidden chain-of-thought and final-answer tags of the Self-RedTeam format.
    case thinkOpen = "<think>", thinkClose = "</think>", answerOpen = "<answer>", answerClose = "</answer>"

    /// The token's text, e.g. `<|user|>`.
    public var text: String { rawValue }

    /// The texts of the standard special tokens in id order: the default of every tokenizer.
    public static var standardTexts: [String] { allCases.map(\.text) }
}
