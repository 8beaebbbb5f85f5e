import Foundation

/// One way a generation can break the hidden-thinking format of REFERENCE.md.
public enum FormatViolation: String, Codable, Sendable, CaseIterable {
    case closeThinkCount = "not exactly one </think>"
    case openAnswerCount = "not exactly one <answer>"
    case closeAnswerCount = "not exactly one </answer>"
    case openThinkInGeneration = "<think> inside the generation"
    case emptyThinking = "empty thinking"
    case emptyAnswer = "empty answer"
    case wrongOrder = "tags out of order"
    case textBetweenThinkingAndAnswer = "text between </think> and <answer>"
    case textAfterAnswer = "text after </answer>"
}

/// A role's generation split into its parts, with the format verdict.
public struct ParsedTurn: Sendable, Equatable {
    /// The text before `</think>` (trimmed), or "" when there is none or thinking is off.
    public let thinking: String
    /// The public message: the text inside the answer tags if they can be found, else the whole
    /// generation (trimmed), which then leaks the thinking.
    public let answer: String
    /// Every rule the generation breaks (empty when the format is kept or does not apply).
    public let violations: [FormatViolation]
    /// True when the answer tags were not found and the whole generation became the answer.
    public let leaked: Bool

    public var formatOK: Bool { violations.isEmpty }
}

/// The exact format check and answer extraction for hidden chain of thought (REFERENCE.md).
///
/// The generation starts after the thinking prefix that already opened `<think>`, so a well-formed one
/// reads `thinking </think> <answer> answer </answer>`. The rules: exactly one `</think>`, one
/// `<answer>` and one `</answer>`; no `<think>`; non-empty thinking and answer; the order `</think>`,
/// `<answer>`, `</answer>`; only whitespace between the first two; nothing after `</answer>`.
/// Choice made here: trailing whitespace after `</answer>` (a newline before end of text) is allowed,
/// any other character is a violation. Surrounding whitespace of thinking and answer is trimmed.
public enum FormatCheck {
    public static let openThink = "<think>"
    public static let closeThink = "</think>"
    public static let openAnswer = "<answer>"
    public static let closeAnswer = "</answer>"

    /// Checks `generation` (the text after the thinking prefix) and extracts its parts.
    public static func parse(_ generation: String) -> ParsedTurn {
        var violations: [FormatViolation] = []
        let closeThinks = ranges(of: closeThink, in: generation)
        let openAnswers = ranges(of: openAnswer, in: generation)
        let closeAnswers = ranges(of: closeAnswer, in: generation)
        if closeThinks.count != 1 { violations.append(.closeThinkCount) }
        if openAnswers.count != 1 { violations.append(.openAnswerCount) }
        if closeAnswers.count != 1 { violations.append(.closeAnswerCount) }
        if !ranges(of: openThink, in: generation).isEmpty { violations.append(.openThinkInGeneration) }

        // Thinking: everything before the first </think>.
        let thinking = closeThinks.first.map { trim(generation[..<$0.lowerBound]) } ?? ""
        if closeThinks.isEmpty || thinking.isEmpty { violations.append(.emptyThinking) }

        // Answer: inside the first <answer> and the first </answer> after it, if both exist.
        var answer = trim(generation[...])
        var leaked = true
        if let open = openAnswers.first,
           let close = closeAnswers.first(where: { $0.lowerBound >= open.upperBound }) {
            answer = trim(generation[open.upperBound..<close.lowerBound])
            leaked = false
        }
        if answer.isEmpty { violations.append(.emptyAnswer) }

        if let t = closeThinks.first, let a = openAnswers.first, let c = closeAnswers.first {
            if !(t.upperBound <= a.lowerBound && a.upperBound <= c.lowerBound) {
                violations.append(.wrongOrder)
            } else {
                if !generation[t.upperBound..<a.lowerBound].allSatisfy(\.isWhitespace) {
                    violations.append(.textBetweenThinkingAndAnswer)
                }
            }
        }
        if let last = closeAnswers.last, !generation[last.upperBound...].allSatisfy(\.isWhitespace) {
            violations.append(.textAfterAnswer)
        }
        return ParsedTurn(thinking: thinking, answer: answer, violations: violations, leaked: leaked)
    }

    /// Without hidden thinking the whole generation is the answer and no format applies.
    public static func parseDirect(_ generation: String) -> ParsedTurn {
        ParsedTurn(thinking: "", answer: trim(generation[...]), violations: [], leaked: false)
    }

    /// A well-formed completion from its parts (used by demos): "thinking </think> <answer> a </answer>".
    public static func compose(thinking: String, answer: String) -> String {
        " \(thinking) \(closeThink) \(openAnswer) \(answer) \(closeAnswer)"
    }

    static func ranges(of needle: String, in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while start < text.endIndex, let r = text.range(of: needle, range: start..<text.endIndex) {
            found.append(r)
            start = r.upperBound
        }
        return found
    }

    static func trim(_ s: Substring) -> String {
        s.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
