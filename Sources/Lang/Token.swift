/// The kinds of tokens the lexer produces.
public enum TokenKind: Equatable {
    case number(Double)
    /// A string literal without interpolation.
    case string(String)
    /// A string literal with `\( )` interpolation: literal text and embedded expression tokens.
    case template([TemplatePart])
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    /// The end of a line that ends a statement (not emitted inside `( )` and `[ ]`).
    case newline
    case end
}

/// A piece of an interpolated string.
public enum TemplatePart: Equatable {
    case text(String)
    /// The tokens of one `\( expr )`, ending with `.end`.
    case code([Token])
}

public enum Keyword: String, CaseIterable {
    case `let`, `var`, `fn`, `return`, `if`, `else`, `while`, `for`, `in`, `break`, `continue`
    case `try`, `catch`, `use`, `true`, `false`, `nil`, `and`, `or`, `not`
}

public enum Symbol: String, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", semicolon = ";", dot = "."
    case plus = "+", minus = "-", star = "*", slash = "/", slashSlash = "//", percent = "%"
    case at = "@", starStar = "**", pipe = "|>"
    case equal = "=", plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/="
    case equalEqual = "==", bangEqual = "!=", less = "<", lessEqual = "<=", greater = ">"
    case greaterEqual = ">=", halfOpenRange = "..<", closedRange = "..."
}

/// A token with its 1-based position.
public struct Token: Equatable {
    public let kind: TokenKind
    public let line: Int
    public let column: Int
    public init(_ kind: TokenKind, line: Int, column: Int) {
        self.kind = kind; self.line = line; self.column = column
    }

    public static func == (a: Token, b: Token) -> Bool {
        a.kind == b.kind && a.line == b.line && a.column == b.column
    }
}
