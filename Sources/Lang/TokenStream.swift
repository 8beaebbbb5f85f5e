/// The parser's view of the tokens: indexed like an array (`tokens[pos]`, `tokens[pos + 1]`), but
/// filled from the lexer on demand and trimmed behind the parser, so a huge file never has all its
/// tokens in memory at once. The parser only looks one token back and two ahead.
///
/// A lexer error cannot be thrown from a subscript: it is kept in `lexerError` and the stream ends
/// there (`.end` from then on); `Parser.parse` reports it in place of whatever the parser said.
final class TokenStream {
    private var lexer: Lexer?
    private var buffer: [Token] = []
    /// Absolute index of `buffer[0]`.
    private var base = 0
    private var ended = false
    private let fixedComments: [Int: String]
    /// The lexer's error, if it stopped on one.
    private(set) var lexerError: CompileError?

    /// Tokens kept behind the furthest one read before the buffer is trimmed.
    private static let keptBehind = 16
    private static let trimAbove = 4096

    /// A stream over tokens already lexed (they end with `.end`): interpolations.
    init(_ tokens: [Token], comments: [Int: String]) {
        buffer = tokens
        ended = true
        fixedComments = comments
        if buffer.isEmpty { buffer = [Token(.end, line: 1, column: 1)] }
    }

    /// A stream that lexes as it is read.
    init(_ lexer: Lexer) {
        self.lexer = lexer
        fixedComments = [:]
    }

    /// `#` comments by line, as far as the file has been lexed.
    var comments: [Int: String] { lexer?.comments ?? fixedComments }

    /// The number of tokens once the end is reached; until then larger than any index asked for.
    var count: Int {
        ended ? base + buffer.count : Int.max
    }

    subscript(i: Int) -> Token {
        while !ended && i >= base + buffer.count { lexOne(reading: i) }
        let k = i - base
        if k < 0 { return buffer[0] }
        return k < buffer.count ? buffer[k] : buffer[buffer.count - 1]
    }

    private func lexOne(reading i: Int) {
        if buffer.count > Self.trimAbove, i - base > Self.keptBehind {
            let drop = Swift.min(buffer.count - 1, i - base - Self.keptBehind)
            buffer.removeFirst(drop)
            base += drop
        }
        guard var l = lexer else { ended = true; return }
        lexer = nil      // keep the lexer uniquely referenced while it mutates
        do {
            let token = try l.next()
            buffer.append(token)
            if case .end = token.kind { ended = true }
        } catch let error as CompileError {
            lexerError = error
            buffer.append(Token(.end, line: Int(error.location.line), column: Int(error.location.column)))
            ended = true
        } catch {
            buffer.append(Token(.end, line: 1, column: 1))
            ended = true
        }
        lexer = l
    }
}
