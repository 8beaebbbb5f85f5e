/// Turns source text into tokens.
///
/// Newlines end statements, except inside `( )` and `[ ]`, where the lexer drops them so an open
/// bracket continues the line. Inside `{ }` newlines are kept (blocks are statement lists; the
/// parser skips them inside record literals). Strings support escapes `\n \t \r \0 \\ \" \' \u{...}`,
/// interpolation `\( expr )`, and `"""` multi-line literals whose common indentation is removed.
public struct Lexer {
    let file: SourceFile
    private var chars: [Unicode.Scalar]
    private var pos = 0
    private var line: Int
    private var column = 1
    private var brackets: [Symbol] = []
    /// Where each open bracket in `brackets` was opened, for "never closed" errors.
    private var bracketLocations: [(line: Int, column: Int)] = []
    /// Comment text by line number (without `#`), so the parser can attach doc comments.
    public private(set) var comments: [Int: String] = [:]
    private var interpolationDepth = 0
    /// True at the start and after a newline token: further newlines are skipped.
    private var lastWasNewlineOrStart = true

    public init(_ file: SourceFile) {
        self.file = file
        self.chars = Array(file.text.unicodeScalars)
        self.line = 1
    }

    private init(file: SourceFile, scalars: [Unicode.Scalar], line: Int, column: Int) {
        self.file = file; self.chars = scalars; self.line = line; self.column = column
    }

    /// All tokens of the file, ending with `.end`.
    public mutating func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if case .end = token.kind { break }
        }
        return tokens
    }

    /// The next token of the file: what `tokenize` would list next, one at a time, so a parser can
    /// read a huge file without holding all its tokens. Blank lines collapse into one newline and a
    /// newline at the very start is dropped. After `.end` it returns `.end` again.
    public mutating func next() throws -> Token {
        while true {
            let token = try nextToken()
            switch token.kind {
            case .newline:
                if lastWasNewlineOrStart { continue }
                lastWasNewlineOrStart = true
            case .end:
                if let open = brackets.last, let at = bracketLocations.last {
                    var e = CompileError("'\(open.rawValue)' is never closed", at: location(at.line, at.column))
                    e.isIncompleteInput = true
                    throw e
                }
            default:
                lastWasNewlineOrStart = false
            }
            return token
        }
    }

    /// True when `text` ends inside an open bracket or an unterminated multi-line string, so the
    /// REPL should read another line.
    public static func needsMoreInput(_ text: String) -> Bool {
        var lexer = Lexer(SourceFile(name: "<input>", text: text))
        do { _ = try lexer.tokenize(); return false } catch let error as CompileError {
            return error.isIncompleteInput
        } catch { return false }
    }

    // MARK: - Characters

    private var current: Unicode.Scalar? { pos < chars.count ? chars[pos] : nil }
    private func peek(_ offset: Int = 1) -> Unicode.Scalar? {
        pos + offset < chars.count ? chars[pos + offset] : nil
    }

    private mutating func advance() {
        guard pos < chars.count else { return }
        if chars[pos] == "\n" { line += 1; column = 1 } else { column += 1 }
        pos += 1
    }

    private func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    private func error(_ message: String) -> CompileError {
        CompileError(message, at: location(line, column))
    }

    private func incomplete(_ message: String) -> CompileError {
        var e = CompileError(message, at: location(line, column))
        e.isIncompleteInput = true
        return e
    }

    // MARK: - Tokens

    private mutating func nextToken() throws -> Token {
        while let c = current {
            if c == " " || c == "\t" || c == "\r" { advance(); continue }
            if c == "#" {
                let startLine = line
                var text = ""
                while let d = current, d != "\n" { text.unicodeScalars.append(d); advance() }
                comments[startLine] = String(text.dropFirst())
                continue
            }
            if c == "\n" {
                let token = Token(.newline, line: line, column: column)
                advance()
                if let top = brackets.last, top == .leftParen || top == .leftBracket { continue }
                return token
            }
            break
        }
        let startLine = line, startColumn = column
        guard let c = current else { return Token(.end, line: line, column: column) }
        func make(_ kind: TokenKind) -> Token { Token(kind, line: startLine, column: startColumn) }

        if c.properties.isASCIIHexDigit && ("0"..."9").contains(c) {
            return make(.number(try number()))
        }
        if c == "_" || c.properties.isAlphabetic {
            var name = ""
            while let d = current, d == "_" || d.properties.isAlphabetic || ("0"..."9").contains(d) {
                name.unicodeScalars.append(d); advance()
            }
            if let keyword = Keyword(rawValue: name) { return make(.keyword(keyword)) }
            return make(.identifier(name))
        }
        if c == "\"" {
            if peek() == "\"" && peek(2) == "\"" { return make(try multilineString()) }
            advance()
            return make(try stringBody(terminator: "\""))
        }
        return make(.symbol(try symbol()))
    }

    private mutating func number() throws -> Double {
        var text = ""
        func digits() {
            while let d = current, ("0"..."9").contains(d) || d == "_" {
                if d != "_" { text.unicodeScalars.append(d) }
                advance()
            }
        }
        digits()
        if current == ".", let next = peek(), ("0"..."9").contains(next) {
            text.append("."); advance(); digits()
        }
        if current == "e" || current == "E" {
            let sign = peek()
            let digitAfter = (sign == "+" || sign == "-") ? peek(2) : sign
            if let d = digitAfter, ("0"..."9").contains(d) {
                text.append("e"); advance()
                if current == "+" || current == "-" { text.unicodeScalars.append(current ?? "+"); advance() }
                digits()
            }
        }
        if let d = current, d == "_" || d.properties.isAlphabetic {
            throw error("invalid character '\(d)' in number")
        }
        guard let value = Double(text) else { throw error("invalid number '\(text)'") }
        return value
    }

    private mutating func symbol() throws -> Symbol {
        let c = current ?? " "
        let n1 = peek(), n2 = peek(2)
        var symbol: Symbol
        var length = 1
        switch c {
        case "(": symbol = .leftParen
        case ")": symbol = .rightParen
        case "[": symbol = .leftBracket
        case "]": symbol = .rightBracket
        case "{": symbol = .leftBrace
        case "}": symbol = .rightBrace
        case ",": symbol = .comma
        case ":": symbol = .colon
        case ";": symbol = .semicolon
        case "@": symbol = .at
        case "%": symbol = .percent
        case ".":
            if n1 == "." && n2 == "<" { symbol = .halfOpenRange; length = 3 }
            else if n1 == "." && n2 == "." { symbol = .closedRange; length = 3 }
            else { symbol = .dot }
        case "+": (symbol, length) = n1 == "=" ? (.plusEqual, 2) : (.plus, 1)
        case "-": (symbol, length) = n1 == "=" ? (.minusEqual, 2) : (.minus, 1)
        case "*":
            if n1 == "*" { symbol = .starStar; length = 2 }
            else if n1 == "=" { symbol = .starEqual; length = 2 }
            else { symbol = .star }
        case "/":
            if n1 == "/" { symbol = .slashSlash; length = 2 }
            else if n1 == "=" { symbol = .slashEqual; length = 2 }
            else { symbol = .slash }
        case "=": (symbol, length) = n1 == "=" ? (.equalEqual, 2) : (.equal, 1)
        case "!":
            guard n1 == "=" else { throw error("unexpected '!'; use 'not' for negation") }
            symbol = .bangEqual; length = 2
        case "<": (symbol, length) = n1 == "=" ? (.lessEqual, 2) : (.less, 1)
        case ">": (symbol, length) = n1 == "=" ? (.greaterEqual, 2) : (.greater, 1)
        case "|":
            guard n1 == ">" else { throw error("unexpected '|'; the pipe is '|>'") }
            symbol = .pipe; length = 2
        default:
            throw error("unexpected character '\(c.escaped(asASCII: true))'")
        }
        let startLine = line, startColumn = column
        for _ in 0..<length { advance() }
        switch symbol {
        case .leftParen, .leftBracket, .leftBrace:
            brackets.append(symbol)
            bracketLocations.append((startLine, startColumn))
        case .rightParen, .rightBracket, .rightBrace:
            let expected: Symbol = symbol == .rightParen ? .leftParen : symbol == .rightBracket ? .leftBracket : .leftBrace
            guard let top = brackets.last else {
                throw CompileError("unmatched '\(symbol.rawValue)'", at: location(line, column - 1))
            }
            guard top == expected else {
                throw CompileError("'\(symbol.rawValue)' does not match '\(top.rawValue)'", at: location(line, column - 1))
            }
            brackets.removeLast()
            bracketLocations.removeLast()
        default: break
        }
        return symbol
    }

    // MARK: - Strings

    /// Reads string content up to `terminator` (or to the end when nil, for multi-line bodies).
    private mutating func stringBody(terminator: Unicode.Scalar?) throws -> TokenKind {
        var parts: [TemplatePart] = []
        var text = ""
        while true {
            guard let c = current else {
                if terminator == nil { break }
                throw error("unterminated string")
            }
            if c == terminator { advance(); break }
            if c == "\n" && terminator != nil { throw error("unterminated string") }
            if c != "\\" { text.unicodeScalars.append(c); advance(); continue }
            advance()
            guard let e = current else { continue }
            switch e {
            case "n": text.append("\n"); advance()
            case "t": text.append("\t"); advance()
            case "r": text.append("\r"); advance()
            case "0": text.append("\0"); advance()
            case "\\": text.append("\\"); advance()
            case "\"": text.append("\""); advance()
            case "'": text.append("'"); advance()
            case "u":
                advance()
                guard current == "{" else { throw error("expected '{' after \\u") }
                advance()
                var hex = ""
                while let h = current, h.properties.isASCIIHexDigit { hex.unicodeScalars.append(h); advance() }
                guard current == "}" else { throw error("expected '}' to end \\u{...}") }
                advance()
                guard hex.count <= 8, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                    throw error("invalid unicode scalar \\u{\(hex)}")
                }
                text.unicodeScalars.append(scalar)
            case "(":
                advance()
                if !text.isEmpty { parts.append(.text(text)); text = "" }
                parts.append(.code(try interpolation()))
            default:
                throw error("unknown escape '\\\(e)'")
            }
        }
        if parts.isEmpty { return .string(text) }
        if !text.isEmpty { parts.append(.text(text)) }
        return .template(parts)
    }

    /// The tokens of `\( ... )` up to the matching `)`, which is consumed.
    private mutating func interpolation() throws -> [Token] {
        // Strings inside interpolations inside strings recurse; keep that bounded.
        guard interpolationDepth < 50 else { throw error("string interpolation nested too deeply") }
        let saved = brackets, savedLocations = bracketLocations
        interpolationDepth += 1
        defer { interpolationDepth -= 1 }
        brackets = [.leftParen]
        bracketLocations = [(line, column)]
        var tokens: [Token] = []
        while true {
            if current == nil { throw incomplete("unterminated interpolation") }
            let token = try nextToken()
            if case .end = token.kind { throw incomplete("unterminated interpolation") }
            if brackets.isEmpty { break }  // the closing ')'
            if case .newline = token.kind { continue }
            tokens.append(token)
        }
        brackets = saved
        bracketLocations = savedLocations
        tokens.append(Token(.end, line: line, column: column))
        if tokens.count == 1 { throw error("empty interpolation") }
        return tokens
    }

    /// `"""` newline, lines, closing `"""`. The common indentation of the non-blank lines (and of
    /// the closing delimiter's line) is removed; the first and last line breaks are not part of the text.
    private mutating func multilineString() throws -> TokenKind {
        let startLine = line
        advance(); advance(); advance()
        while current == " " || current == "\t" || current == "\r" { advance() }
        if current == nil { throw incomplete("unterminated multi-line string") }
        guard current == "\n" else { throw error("a \"\"\" string starts on the line after the opening quotes") }
        advance()
        var raw: [Unicode.Scalar] = []
        while true {
            guard let c = current else { throw incomplete("unterminated multi-line string") }
            if c == "\"" && peek() == "\"" && peek(2) == "\"" { advance(); advance(); advance(); break }
            if c == "\\" { raw.append(c); advance(); if let d = current { raw.append(d); advance() }; continue }
            raw.append(c); advance()
        }
        var lines = raw.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
        var closingIndent: Int? = nil
        if let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) {
            closingIndent = last.count
            lines.removeLast()
        }
        func indent(_ l: [Unicode.Scalar]) -> Int { l.prefix(while: { $0 == " " || $0 == "\t" }).count }
        let contentIndents = lines.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }.map(indent)
        let common = min(contentIndents.min() ?? 0, closingIndent ?? Int.max)
        let dedented = lines.map { l -> [Unicode.Scalar] in Array(l.dropFirst(min(common, indent(l)))) }
        var body: [Unicode.Scalar] = []
        for (i, l) in dedented.enumerated() {
            if i > 0 { body.append("\n") }
            body.append(contentsOf: l)
        }
        var inner = Lexer(file: file, scalars: body, line: startLine + 1, column: common + 1)
        inner.interpolationDepth = interpolationDepth
        return try inner.stringBody(terminator: nil)
    }
}
