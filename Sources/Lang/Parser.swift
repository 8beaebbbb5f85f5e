/// A recursive-descent parser, one function per grammar rule (the rule is written above each).
///
/// Precedence, lowest to highest: `|>`, `or`, `and`, `not`, comparisons, ranges `..<` `...`,
/// `+ -`, `* / // % @`, unary `-`, `**` (right-associative), then call, index and member access.
/// Nesting is bounded (`maxDepth`) so hostile input cannot overflow the native stack.
public struct Parser {
    /// Deepest allowed nesting of expressions and blocks.
    public static let maxDepth = 200

    let file: SourceFile
    /// The tokens, read from the lexer as the parser reaches them (`TokenStream`).
    var tokens: TokenStream
    var pos = 0
    var depth = 0
    /// False while parsing the head of `if`, `while` and `for` (as Swift does for trailing
    /// closures), so `while running { ... }` keeps its meaning; brackets switch it back on.
    var allowsTrailingBlock = true
    /// `#` comments by line, for doc strings.
    var comments: [Int: String] { tokens.comments }

    init(file: SourceFile, tokens: [Token], comments: [Int: String], depth: Int = 0) {
        self.file = file; self.tokens = TokenStream(tokens, comments: comments); self.depth = depth
    }

    init(file: SourceFile, stream: TokenStream) {
        self.file = file; self.tokens = stream
    }

    /// Lexes and parses a whole program. Tokens are lexed as the parser needs them, so memory for
    /// tokens stays small however long the file (a 50 MB line is 50 million tokens).
    public static func parse(_ file: SourceFile) throws -> Program {
        let stream = TokenStream(Lexer(file))
        var parser = Parser(file: file, stream: stream)
        do {
            let start = parser.location(of: parser.tokens[0])
            var statements: [Stmt] = []
            parser.skipSeparators()
            while !parser.check(.end) {
                statements.append(try parser.statement())
                try parser.endOfStatement()
            }
            if let error = stream.lexerError { throw error }
            let block = Block(statements: statements, location: start)
            return Program(file: file, main: FunctionInfo(name: "<script>", parameters: [], body: block,
                                                          location: start, doc: nil))
        } catch {
            // A lexer error ends the tokens early; it, not the parser's complaint about the early
            // end, is the error to report.
            if let lexerError = stream.lexerError { throw lexerError }
            throw error
        }
    }

    // MARK: - Token helpers

    var current: Token { tokens[min(pos, tokens.count - 1)] }
    func location(of token: Token) -> SourceLocation {
        SourceLocation(file: file, line: token.line, column: token.column)
    }
    var here: SourceLocation { location(of: current) }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }
    func check(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }
    func check(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }

    mutating func advance() { if pos < tokens.count - 1 { pos += 1 } }

    mutating func match(_ symbol: Symbol) -> Bool {
        if check(symbol) { advance(); return true }
        return false
    }
    mutating func match(_ keyword: Keyword) -> Bool {
        if check(keyword) { advance(); return true }
        return false
    }

    mutating func expect(_ symbol: Symbol, _ what: String) throws {
        guard match(symbol) else { throw error("expected '\(symbol.rawValue)' \(what), found \(describe(current))") }
    }

    mutating func identifier(_ what: String) throws -> String {
        guard case .identifier(let name) = current.kind else {
            throw error("expected \(what), found \(describe(current))")
        }
        advance()
        return name
    }

    mutating func skipNewlines() { while check(.newline) { advance() } }
    mutating func skipSeparators() { while check(.newline) || check(.semicolon) { advance() } }

    /// True when the next non-newline token is `symbol`; consumes the newlines in that case. Used for
    /// `|>` and `.` at the start of a continuation line, and for `else`/`catch` on the next line.
    mutating func continues(with kind: TokenKind) -> Bool {
        var i = pos
        while i < tokens.count, tokens[i].kind == .newline { i += 1 }
        guard i < tokens.count, tokens[i].kind == kind else { return false }
        pos = i
        return true
    }

    func error(_ message: String, at location: SourceLocation? = nil) -> CompileError {
        var e = CompileError(message, at: location ?? here)
        if case .end = current.kind, location == nil { e.isIncompleteInput = false }
        return e
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .number(let d): return "number \(d)"
        case .string, .template: return "string"
        case .identifier(let s): return "'\(s)'"
        case .keyword(let k): return "'\(k.rawValue)'"
        case .symbol(let s): return "'\(s.rawValue)'"
        case .newline: return "end of line"
        case .end: return "end of input"
        }
    }

    /// Counts operands of one left-associative chain (`a + b + c ...`), whose tree is as deep as
    /// the chain is long; later passes recurse over it.
    mutating func chainLink(_ count: inout Int) throws {
        count += 1
        if count > 10_000 { throw error("expression too long") }
    }

    mutating func enter() throws {
        depth += 1
        if depth > Parser.maxDepth { throw error("nesting too deep") }
    }
    mutating func leave() { depth -= 1 }

    /// Parses the head of `if`/`while`/`for`, where `name {` starts the body, not a trailing block.
    mutating func head() throws -> Expr {
        let saved = allowsTrailingBlock
        allowsTrailingBlock = false
        defer { allowsTrailingBlock = saved }
        return try expression()
    }

    /// Runs `body` with trailing blocks allowed again (inside brackets and blocks of a head).
    mutating func bracketed<T>(_ body: (inout Parser) throws -> T) rethrows -> T {
        let saved = allowsTrailingBlock
        allowsTrailingBlock = true
        defer { allowsTrailingBlock = saved }
        return try body(&self)
    }

    /// After a statement: a newline, `;`, a closing `}` or the end.
    mutating func endOfStatement() throws {
        if check(.newline) || check(.semicolon) { skipSeparators(); return }
        if check(.rightBrace) || check(.end) { return }
        throw error("expected end of statement, found \(describe(current))")
    }

    /// The `#` comment lines directly above `line`, joined, for doc strings.
    func docComment(above line: Int) -> String? {
        var lines: [String] = []
        var l = line - 1
        while let text = comments[l] { lines.insert(text.trimmingLeadingSpace(), at: 0); l -= 1 }
        return lines.isEmpty ? nil : lines.joined(separator: " ")
    }
}

extension String {
    func trimmingLeadingSpace() -> String { String(drop(while: { $0 == " " })) }
}
