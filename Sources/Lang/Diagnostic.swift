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
    public static func render(message: String, at location: SourceLocation) -> String {
        var out = "\(location): error: \(message)\n"
        let line = location.file.line(Int(location.line))
        if !line.isEmpty || location.file.lines.count >= Int(location.line) {
            out += line + "\n"
            // Keep tabs so the caret lines up under tab-indented code.
            var caret = ""
            var column = 1
            for ch in line {
                if column >= Int(location.column) { break }
                caret.append(ch == "\t" ? "\t" : " ")
                column += 1
            }
            out += caret + "^\n"
        }
        return out
    }
}
