import Foundation

/// One step of a byte-level BPE pre-tokenizer: a split rule that cuts each piece of text into smaller
/// pieces that merges never cross, as Hugging Face's `Split(pattern, behavior: "Isolated")` does: the
/// matches and the text between them each become a piece.
///
/// The named rules are hand-written equivalents of the regular expressions of llama.cpp and
/// `tokenizers` (tested against both the regex and Hugging Face on a hostile corpus):
///
/// | rule | pattern |
/// |------|---------|
/// | `gpt2` | `'s\|'t\|'re\|'ve\|'m\|'ll\|'d\| ?\p{L}+\| ?\p{N}+\| ?[^\s\p{L}\p{N}]+\|\s+(?!\S)\|\s+` |
/// | `llama3` | `(?i:'s\|'t\|'re\|'ve\|'m\|'ll\|'d)\|[^\r\n\p{L}\p{N}]?\p{L}+\|\p{N}{1,3}\| ?[^\s\p{L}\p{N}]+[\r\n]*\|\s*[\r\n]+\|\s+(?!\S)\|\s+` |
/// | `qwen2` | the `llama3` pattern with `\p{N}` in place of `\p{N}{1,3}` |
/// | `digits` | `\p{N}` (Hugging Face's `Digits(individual_digits: true)`) |
/// | `digitRuns` | `\p{N}+` |
/// | `threeDigits` | `[0-9][0-9][0-9]` |
/// | `punctuationRuns` | `[\p{P}\$\+<=>\^~\|]+` |
///
/// `regex` runs any other pattern with Swift's `Regex` on Unicode scalars (slower; exact only as far
/// as Swift's regex syntax agrees with Oniguruma's). `prefixSpace` is the `add_prefix_space` of
/// Hugging Face's ByteLevel step: a space is put before every piece that does not start with one.
public enum PreTokenizerRule: Equatable, Sendable, CustomStringConvertible {
    case gpt2, llama3, qwen2, digits, digitRuns, threeDigits, punctuationRuns, prefixSpace
    case regex(String)

    /// The name used in Spar's tokenizer files (a regex is written as `regex:PATTERN`).
    public var description: String {
        switch self {
        case .gpt2: return "gpt2"
        case .llama3: return "llama3"
        case .qwen2: return "qwen2"
        case .digits: return "digits"
        case .digitRuns: return "digit-runs"
        case .threeDigits: return "three-digits"
        case .punctuationRuns: return "punctuation-runs"
        case .prefixSpace: return "prefix-space"
        case .regex(let p): return "regex:" + p
        }
    }

    /// The rule a name of `description` stands for.
    public init?(name: String) {
        if name.hasPrefix("regex:") { self = .regex(String(name.dropFirst(6))); return }
        let named: [PreTokenizerRule] = [.gpt2, .llama3, .qwen2, .digits, .digitRuns, .threeDigits, .punctuationRuns, .prefixSpace]
        guard let rule = named.first(where: { $0.description == name }) else { return nil }
        self = rule
    }

    static let gpt2Pattern = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    static let llama3Pattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let qwen2Pattern = #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    private static let contractionsCI = #"(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"#

    /// The regular expression a named rule implements (nil for `prefixSpace`).
    public var pattern: String? {
        switch self {
        case .gpt2: return Self.gpt2Pattern
        case .llama3: return Self.llama3Pattern
        case .qwen2: return Self.qwen2Pattern
        case .digits: return #"\p{N}"#
        case .digitRuns: return #"\p{N}+"#
        case .threeDigits: return "[0-9][0-9][0-9]"
        case .punctuationRuns: return #"[\p{P}\$\+<=>\^~\|]+"#
        case .prefixSpace: return nil
        case .regex(let p): return p
        }
    }

    /// The named rule a Split pattern of a tokenizer.json (or llama.cpp's spelling of it) is, else
    /// `.regex(pattern)`.
    static func recognize(_ pattern: String) -> PreTokenizerRule {
        let gpt2NoTail = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)"#
        let table: [(String, PreTokenizerRule)] = [
            (gpt2Pattern, .gpt2), (gpt2NoTail, .gpt2),
            (llama3Pattern, .llama3), (llama3Pattern.replacingOccurrences(of: "(?i:'s|'t|'re|'ve|'m|'ll|'d)", with: contractionsCI), .llama3),
            (qwen2Pattern, .qwen2), (qwen2Pattern.replacingOccurrences(of: "(?i:'s|'t|'re|'ve|'m|'ll|'d)", with: contractionsCI), .qwen2),
            (#"\p{N}"#, .digits), (#"\p{N}+"#, .digitRuns), ("[0-9][0-9][0-9]", .threeDigits),
            (#"[\p{P}\$\+<=>\^~\|]+"#, .punctuationRuns),
        ]
        return table.first { $0.0 == pattern }?.1 ?? .regex(pattern)
    }

    /// The split rules llama.cpp uses for a GGUF `tokenizer.ggml.pre` name, and whether it takes a
    /// piece that is a whole vocabulary token as that token without merging (`ignore_merges`).
    /// A missing name is llama.cpp's "default". Nil for names Spar does not know.
    public static func gguf(pre name: String?) -> (rules: [PreTokenizerRule], ignoreMerges: Bool)? {
        switch name ?? "default" {
        case "default", "": return ([.punctuationRuns, .gpt2, .digitRuns, .threeDigits], false)
        case "gpt2", "gpt-2", "phi-2", "mpt", "olmo", "jais", "jina-es", "jina-de", "jina-v2-es", "jina-v2-de", "trillion":
            return ([.gpt2], false)
        case "smollm", "starcoder", "refact", "command-r", "codeshell", "exaone", "minerva-7b":
            return ([.digits, .gpt2], false)
        case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2":
            return ([.llama3], true)
        case "dbrx", "smaug-bpe": return ([.llama3], false)
        case "qwen2", "deepseek-r1-qwen", "stablelm2": return ([.qwen2], false)
        default: return nil
        }
    }

    /// The `pre` names `gguf(pre:)` knows, for error messages.
    static let knownGGUFNames = "default, gpt2 (gpt-2), smollm, starcoder, llama3 (llama-bpe), dbrx, smaug-bpe, qwen2"
}
