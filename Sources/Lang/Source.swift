/// A named piece of Spar source text, kept for diagnostics (to print the offending line).
public final class SourceFile {
    /// The path or pseudo-name (`<repl>`, `<stdlib text>`) shown in diagnostics.
    public let name: String
    public let text: String
    /// The text split into lines, without line terminators ("\n" or "\r\n").
    public let lines: [Substring]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        // Split by scalars, as the lexer counts: "\r\n" is one Character, so a split on the
        // Character "\n" would see a CRLF file as one long line.
        self.lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? Substring(line.dropLast()) : Substring(line)
        }
    }

    /// The source line with the 1-based number `line`, or "" when out of range.
    public func line(_ line: Int) -> Substring {
        line >= 1 && line <= lines.count ? lines[line - 1] : ""
    }
}

/// A position in a source file: 1-based line and column (columns count characters).
public struct SourceLocation: CustomStringConvertible {
    public let file: SourceFile
    public let line: Int32
    public let column: Int32

    public init(file: SourceFile, line: Int, column: Int) {
        self.file = file
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
    }

    /// `file:line:col`
    public var description: String { "\(file.name):\(line):\(column)" }
}
