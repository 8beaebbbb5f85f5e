import XCTest
@testable import Lang

/// Parser tests print the tree back in a fully parenthesised form, so precedence is visible.
final class ParserTests: XCTestCase {
    func parse(_ text: String) throws -> Program { try Parser.parse(SourceFile(name: "t", text: text)) }

    func shape(_ text: String) throws -> String {
        let program = try parse(text)
        guard case .expression(let e) = program.main.body.statements.first?.kind else { return "<not an expression>" }
        return render(e)
    }

    func render(_ e: Expr) -> String {
        switch e.kind {
        case .number(let d): return d == d.rounded() ? String(Int(d)) : String(d)
        case .string(let s): return "\"\(s)\""
        case .variable(let r): return r.name
        case .binary(let op, let a, let b): return "(\(render(a)) \(op.rawValue) \(render(b)))"
        case .unary(_, let a): return "(-\(render(a)))"
        case .and(let a, let b): return "(\(render(a)) and \(render(b)))"
        case .or(let a, let b): return "(\(render(a)) or \(render(b)))"
        case .not(let a): return "(not \(render(a)))"
        case .range(let a, let b, let inc): return "(\(render(a))\(inc ? "..." : "..<")\(render(b)))"
        case .pipe(let a, let b, _): return "(\(render(a)) |> \(render(b)))"
        case .call(let f, let args):
            return render(f) + "(" + args.map { ($0.label.map { "\($0): " } ?? "") + render($0.value) }.joined(separator: ", ") + ")"
        case .member(let a, let n): return "\(render(a)).\(n)"
        case .index(let a, let i): return "\(render(a))[\(render(i))]"
        case .list(let items): return "[" + items.map(render).joined(separator: ", ") + "]"
        case .function(let info): return "fn(\(info.parameters.count)){\(info.body.statements.count)}"
        default: return "?"
        }
    }

    /// `name { ... }` is a call with a parameterless function; not in if/while/for heads, and only
    /// when `{` is on the name's line.
    func testTrailingBlocks() throws {
        XCTAssertEqual(try shape("no_grad { a; b }"), "no_grad(fn(0){2})")
        XCTAssertEqual(try shape("1 + twice { a }"), "(1 + twice(fn(0){1}))")
        XCTAssertThrowsError(try parse("obj.m { a }"))   // a plain name only
        let loop = try parse("while running { x }").main.body.statements
        guard loop.count == 1, case .whileLoop(let condition, let body) = loop[0].kind else { return XCTFail("not a loop") }
        XCTAssertEqual(render(condition), "running")
        XCTAssertEqual(body.statements.count, 1)
        guard case .forLoop(_, let sequence, _) = try parse("for x in items { x }").main.body.statements[0].kind else {
            return XCTFail("not a for loop")
        }
        XCTAssertEqual(render(sequence), "items")
        // Brackets inside a head switch it back on.
        guard case .expression(let e) = try parse("if f(g { 1 }) { 2 }").main.body.statements[0].kind,
              case .ifElse(let c, _, _) = e.kind else { return XCTFail("not an if") }
        XCTAssertEqual(render(c), "f(g(fn(0){1}))")
        // `{` on the next line starts a new statement.
        XCTAssertEqual(try parse("f\n{a: 1}").main.body.statements.count, 2)
    }

    func testPrecedenceTable() throws {
        XCTAssertEqual(try shape("1 + 2 * 3"), "(1 + (2 * 3))")
        XCTAssertEqual(try shape("a or b and c"), "(a or (b and c))")
        XCTAssertEqual(try shape("not a == b"), "(not (a == b))")
        XCTAssertEqual(try shape("a < b + 1"), "(a < (b + 1))")
        XCTAssertEqual(try shape("0..<n + 1"), "(0..<(n + 1))")
        XCTAssertEqual(try shape("a == 0..<3"), "(a == (0..<3))")
        XCTAssertEqual(try shape("-a ** 2"), "(-(a ** 2))")
        XCTAssertEqual(try shape("2 ** 3 ** 2"), "(2 ** (3 ** 2))")
        XCTAssertEqual(try shape("a @ b // c % d"), "(((a @ b) // c) % d)")
        XCTAssertEqual(try shape("x |> f(1) |> g"), "((x |> f(1)) |> g)")
        XCTAssertEqual(try shape("a or b |> f"), "((a or b) |> f)")
        XCTAssertEqual(try shape("a.b(c)[d].e"), "a.b(c)[d].e")
        XCTAssertEqual(try shape("f(x, steps: 5)"), "f(x, steps: 5)")
        XCTAssertEqual(try shape("1 - 2 - 3"), "((1 - 2) - 3)")
    }

    func testStatements() throws {
        let program = try parse("let a = 1\nvar b\nfn f(x, y: 2) { x }\nb += 1\nfor i in 0..<3 { }\nwhile false { }\nuse text")
        let kinds = program.main.body.statements.map { s -> String in
            switch s.kind {
            case .binding(let d, _): return d.isConstant ? "let" : "var"
            case .function(let d, let info): return "fn \(d.name)/\(info.parameters.count)"
            case .assign(_, let op, _): return "assign \(op?.rawValue ?? "=")"
            case .forLoop: return "for"
            case .whileLoop: return "while"
            case .use(_, let name): return "use \(name)"
            default: return "other"
            }
        }
        XCTAssertEqual(kinds, ["let", "var", "fn f/2", "assign +=", "for", "while", "use text"])
    }

    func testDocCommentAttachesToFunction() throws {
        let program = try parse("# Squares x.\nfn sq(x) { x * x }")
        guard case .function(_, let info) = program.main.body.statements[0].kind else { return XCTFail() }
        XCTAssertEqual(info.doc, "Squares x.")
    }

    func testErrorsCarryLocations() {
        func failure(_ text: String) -> (String, Int32, Int32)? {
            do { _ = try parse(text); return nil } catch let e as CompileError {
                return (e.message, e.location.line, e.location.column)
            } catch { return nil }
        }
        XCTAssertEqual(failure("let = 1")?.0, "expected a name after 'let', found '='")
        XCTAssertEqual(failure("1 < 2 < 3")?.0, "comparisons cannot be chained; combine them with 'and'")
        XCTAssertEqual(failure("f(a: 1, 2)")?.0, "positional arguments must come before labeled ones")
        let e = failure("let x = 1\nlet y = (2 +)")
        XCTAssertEqual(e?.1, 2); XCTAssertEqual(e?.2, 13)
    }

    func testNestingIsBounded() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        XCTAssertThrowsError(try parse(deep)) { error in
            XCTAssertEqual((error as? CompileError)?.message, "nesting too deep")
        }
        let deepNot = String(repeating: "not ", count: 100_000) + "true"
        XCTAssertThrowsError(try parse(deepNot))
        let deepMinus = String(repeating: "-", count: 100_000) + "1"
        XCTAssertThrowsError(try parse(deepMinus))
        let deepBlocks = String(repeating: "if true {", count: 10_000) + String(repeating: "}", count: 10_000)
        XCTAssertThrowsError(try parse(deepBlocks))
        // Long operator chains build deep left-nested trees: bounded too.
        XCTAssertNoThrow(try parse("1" + String(repeating: " + 1", count: 5_000)))
        XCTAssertThrowsError(try parse("1" + String(repeating: " + 1", count: 20_000))) { error in
            XCTAssertEqual((error as? CompileError)?.message, "expression too long")
        }
        var nested = "1"
        for _ in 0..<200 { nested = "\"\\(" + nested + ")\"" }
        XCTAssertThrowsError(try parse(nested)) { error in
            XCTAssertEqual((error as? CompileError)?.message, "string interpolation nested too deeply")
        }
    }
}
