import XCTest
@testable import Lang

final class LexerTests: XCTestCase {
    func kinds(_ text: String) throws -> [TokenKind] {
        var lexer = Lexer(SourceFile(name: "t", text: text))
        return try lexer.tokenize().map(\.kind)
    }

    func testNumbers() throws {
        XCTAssertEqual(try kinds("1 2.5 1e-3 1_000 3E2"),
                       [.number(1), .number(2.5), .number(0.001), .number(1000), .number(300), .end])
        // `1..<3` is a range, not the number "1."
        XCTAssertEqual(try kinds("1..<3"), [.number(1), .symbol(.halfOpenRange), .number(3), .end])
        XCTAssertEqual(try kinds("2.x"), [.number(2), .symbol(.dot), .identifier("x"), .end])
    }

    func testSymbolsAndKeywords() throws {
        XCTAssertEqual(try kinds("a |> b // c ** d ... e"),
                       [.identifier("a"), .symbol(.pipe), .identifier("b"), .symbol(.slashSlash), .identifier("c"),
                        .symbol(.starStar), .identifier("d"), .symbol(.closedRange), .identifier("e"), .end])
        XCTAssertEqual(try kinds("let x += not"), [.keyword(.let), .identifier("x"), .symbol(.plusEqual), .keyword(.not), .end])
    }

    func testStringEscapes() throws {
        XCTAssertEqual(try kinds(#""a\n\t\\\"\u{41}""#), [.string("a\n\t\\\"A"), .end])
    }

    func testInterpolation() throws {
        let k = try kinds(#""x=\(x + 1)!""#)
        guard case .template(let parts) = k[0] else { return XCTFail("expected a template, got \(k)") }
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(parts[0], .text("x="))
        guard case .code(let tokens) = parts[1] else { return XCTFail() }
        XCTAssertEqual(tokens.map(\.kind), [.identifier("x"), .symbol(.plus), .number(1), .end])
        XCTAssertEqual(parts[2], .text("!"))
    }

    func testMultilineDedent() throws {
        let text = "let s = \"\"\"\n    a\n      b\n    \"\"\"\n"
        XCTAssertEqual(try kinds(text), [.keyword(.let), .identifier("s"), .symbol(.equal), .string("a\n  b"), .newline, .end])
    }

    func testNewlinesInsideBracketsAreDropped() throws {
        XCTAssertEqual(try kinds("f(1,\n2)\n[3,\n4]"),
                       [.identifier("f"), .symbol(.leftParen), .number(1), .symbol(.comma), .number(2), .symbol(.rightParen),
                        .newline, .symbol(.leftBracket), .number(3), .symbol(.comma), .number(4), .symbol(.rightBracket), .end])
        // Inside braces newlines are kept: blocks are statement lists.
        XCTAssertEqual(try kinds("{\n1\n}"), [.symbol(.leftBrace), .newline, .number(1), .newline, .symbol(.rightBrace), .end])
    }

    func testCommentsAreRecorded() throws {
        var lexer = Lexer(SourceFile(name: "t", text: "# doc line\nfn f() { 1 } # trailing"))
        _ = try lexer.tokenize()
        XCTAssertEqual(lexer.comments[1], " doc line")
        XCTAssertEqual(lexer.comments[2], " trailing")
    }

    func testPositions() throws {
        var lexer = Lexer(SourceFile(name: "t", text: "let x\n  y"))
        let tokens = try lexer.tokenize()
        XCTAssertEqual(tokens[1].line, 1); XCTAssertEqual(tokens[1].column, 5)
        XCTAssertEqual(tokens[3].line, 2); XCTAssertEqual(tokens[3].column, 3)
    }

    func testErrors() {
        func message(_ text: String) -> String? {
            var lexer = Lexer(SourceFile(name: "t", text: text))
            do { _ = try lexer.tokenize(); return nil } catch let e as CompileError { return e.message } catch { return "\(error)" }
        }
        XCTAssertEqual(message("\"abc"), "unterminated string")
        XCTAssertEqual(message("\"\\q\""), "unknown escape '\\q'")
        XCTAssertEqual(message("a ? b"), "unexpected character '?'")
        XCTAssertEqual(message("(]"), "']' does not match '('")
        XCTAssertEqual(message("\"\\u{110000}\""), "invalid unicode scalar \\u{110000}")
    }

    func testIncompleteInput() {
        XCTAssertTrue(Lexer.needsMoreInput("fn f() {"))
        XCTAssertTrue(Lexer.needsMoreInput("[1,\n2"))
        XCTAssertTrue(Lexer.needsMoreInput("let s = \"\"\"\nabc"))
        XCTAssertFalse(Lexer.needsMoreInput("fn f() { 1 }"))
        XCTAssertFalse(Lexer.needsMoreInput("let x = )"))
        XCTAssertFalse(Lexer.needsMoreInput("\"abc"))
    }
}
