/// A compile error (from the lexer, parser or resolver) with its location.
public struct CompileError: Error, CustomStringConvertible {
    public let message: String
    public let location: SourceLocation
    /// True when the input merely ended too early (an open bracket or string): the REPL reads more.
    public var isIncompleteInput = false
    public init(_ message: String, at location: SourceLocation) {
        self.message = message; self.location = location
    }
    public var description: String { Diagnostic.render(message: message, at: location) }
}

/// Renders errors in the one shape Spar uses everywhere:
///
///     file:line:col: error: message
///     the source line
///         ^
public enum Diagnostic {
    /// Source lines longer than this many characters are shown as a window around the caret.
    public static let maxShownLine = 160

    public static func render(message: String, at location: SourceLocation) -> String {
        var out = "\(location): error: \(message)\n"
        let line = location.file.line(Int(location.line))
        if !line.isEmpty || location.file.lines.count >= Int(location.line) {
            // Columns count Unicode scalars, as the lexer does.
            let scalars = line.unicodeScalars
            let count = scalars.count
            let column = Swift.max(1, Int(location.column))
            var start = 0, end = count
            if count > maxShownLine {
                start = Swift.max(0, Swift.min(column - 1 - maxShownLine / 2, count - maxShownLine))
                end = Swift.min(count, start + maxShownLine)
            }
            let from = scalars.index(scalars.startIndex, offsetBy: start)
            let to = scalars.index(from, offsetBy: end - start)
            let cutBefore = start > 0 ? "..." : "", cutAfter = end < count ? "..." : ""
            out += cutBefore + String(scalars[from..<to]) + cutAfter + "\n"
            // Keep tabs so the caret lines up under tab-indented code.
            var caret = String(repeating: " ", count: cutBefore.count)
            var i = start
            for ch in scalars[from..<to] {
                if i + 1 >= column { break }
                caret.append(ch == "\t" ? "\t" : " ")
                i += 1
            }
            out += caret + "^\n"
        }
        return out
    }
}
