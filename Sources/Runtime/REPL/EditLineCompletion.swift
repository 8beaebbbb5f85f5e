import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The glue between libedit's C completion callbacks and a `REPLCompleter`. libedit calls plain C
/// function pointers that cannot capture context, so the active completer and the current candidates
/// live in globals; only the REPL's thread touches them.
enum EditLineCompletion {
    nonisolated(unsafe) static var completer: REPLCompleter?
    nonisolated(unsafe) static var candidates: [String] = []

    /// Word boundaries for completion. `.` ends a word, so `xs.pu` completes `pu` among the members of
    /// `xs`; `:` does not, so `:he` completes as a whole command; `?` does, so `?pri` completes `pri`.
    static let wordBreakCharacters = " \t\n\"\\'`@$><=;|&{([,.+-*/%?)]}!"

    static func install(_ completer: REPLCompleter) {
        self.completer = completer
        rl_basic_word_break_characters = UnsafePointer(strdup(wordBreakCharacters))
        rl_completer_word_break_characters = strdup(wordBreakCharacters)
        rl_attempted_completion_function = attemptCompletion
    }
}

/// libedit's `rl_attempted_completion_function`: `text` is the word before the cursor.
private func attemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
    -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    // Never fall back to libedit's file-name completion unless the completer asks for it.
    rl_attempted_completion_over = 1
    guard let completer = EditLineCompletion.completer, let text else { return nil }
    let word = String(cString: text)
    let beforeCursor = lineBeforeCursor()
    switch completer.complete(beforeCursor: beforeCursor, word: word) {
    case .fileNames:
        rl_attempted_completion_over = 0
        return nil
    case .words(let words, let appendSpace):
        guard !words.isEmpty else { return nil }
        rl_completion_append_character = appendSpace ? 32 : 0
        EditLineCompletion.candidates = words
        return completion_matches(UnsafeMutablePointer(mutating: text), nextCandidate)
    }
}

/// The text of the line up to the cursor (libedit keeps `rl_point` as a byte offset).
private func lineBeforeCursor() -> String {
    guard let buffer = rl_line_buffer else { return "" }
    let length = strlen(buffer)
    let point = Int(max(0, rl_point))
    let bytes = UnsafeRawBufferPointer(start: buffer, count: min(point, length))
    return String(decoding: bytes, as: UTF8.self)
}

/// libedit's generator protocol: called with state 0, 1, 2, ... until it returns NULL; each result is
/// a malloc'ed string that libedit frees.
private func nextCandidate(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    let index = Int(state)
    guard index >= 0, index < EditLineCompletion.candidates.count else { return nil }
    return strdup(EditLineCompletion.candidates[index])
}
