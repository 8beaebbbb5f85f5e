/// Decides what Tab offers, from the line up to the cursor and the word being completed (the text
/// after the last word-break character, see `EditLineCompletion.wordBreakCharacters`).
///
/// Kept apart from libedit so the choices can be unit-tested without a terminal.
public final class REPLCompleter {
    /// What to complete the word with.
    public enum Result: Equatable {
        /// Candidates that each replace the whole word; `appendSpace` adds a space after a unique match.
        case words([String], appendSpace: Bool)
        /// Let the line editor complete a file name (after `:load`, `:cells` and `:run`).
        case fileNames
    }

    let session: Session

    public init(session: Session) {
        self.session = session
    }

    public func complete(beforeCursor: String, word: String) -> Result {
        let line = String(beforeCursor.drop { $0.isWhitespace })
        var code = beforeCursor
        if line.hasPrefix(":") {
            guard let space = line.firstIndex(where: { $0.isWhitespace }) else {
                return .words(matching(REPLCommand.completableNames, word), appendSpace: true)
            }
            let argument = String(line[space...].drop { $0.isWhitespace })
            switch line[..<space] {
            case ":load", ":cells", ":run": return .fileNames
            case ":help", ":h": return .words(helpCandidates(argument, word), appendSpace: false)
            case ":time": code = argument  // an expression: complete it as code
            default: return .words([], appendSpace: false)
            }
        } else if line.hasPrefix("?") {
            return .words(helpCandidates(String(line.dropFirst()), word), appendSpace: false)
        }
        // The session answers whole words: `push` for `xs.pu`, the same unit libedit replaces.
        return .words(matching(session.completions(line: code, cursor: code.count), word), appendSpace: false)
    }

    /// Help topics, commands and global names that start with `argument` (the text typed after
    /// `:help` or `?`). The word is only its last part (`ma` in `list.ma`), so that part is offered.
    private func helpCandidates(_ argument: String, _ word: String) -> [String] {
        let topics = session.helpTopics() + REPLCommand.completableNames + session.globals().map { $0.name }
        guard argument.hasSuffix(word) else { return [] }
        let qualifier = argument.count - word.count
        return matching(topics.filter { $0.hasPrefix(argument) }.map { String($0.dropFirst(qualifier)) }, word)
    }

    private func matching(_ candidates: [String], _ word: String) -> [String] {
        var seen = Set<String>()
        return candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }.sorted()
    }
}
