import XCTest
@testable import Lang

final class ResolverTests: XCTestCase {
    func resolve(_ text: String, globals: GlobalTable = GlobalTable()) throws -> Program {
        let program = try Parser.parse(SourceFile(name: "t", text: text))
        try Resolver.resolve(program, globals: globals)
        return program
    }

    func function(_ program: Program, _ index: Int = 0) -> FunctionInfo? {
        guard case .function(_, let info) = program.main.body.statements[index].kind else { return nil }
        return info
    }

    func testTopLevelNamesAreGlobals() throws {
        let globals = GlobalTable()
        _ = try resolve("let a = 1\nvar b = a\nfn c() { a + b }", globals: globals)
        XCTAssertEqual(globals.names, ["a", "b", "c"])
        XCTAssertEqual(globals.isConstant, [true, false, true])
    }

    func testLocalsGetSlotsParametersFirst() throws {
        let program = try resolve("fn f(a, b) { let c = a\n if true { let d = c }\n c }")
        let info = try XCTUnwrap(function(program))
        XCTAssertEqual(info.slotCount, 4)
        XCTAssertEqual(info.cellCount, 0)
        XCTAssertTrue(info.upvalues.isEmpty)
    }

    func testCapturedLocalsBecomeCellsAndUpvalues() throws {
        let program = try resolve("fn outer() { var n = 0\n let k = 1\n fn() { fn() { n + k } } }")
        let outer = try XCTUnwrap(function(program))
        XCTAssertEqual(outer.cellCount, 2)
        guard case .binding(let n, _) = outer.body.statements[0].kind else { return XCTFail() }
        XCTAssertEqual(n.cellIndex, 0)
        guard case .expression(let middleExpr) = outer.body.statements[2].kind,
              case .function(let middle) = middleExpr.kind else { return XCTFail() }
        // The middle function forwards both cells to the inner one.
        XCTAssertEqual(middle.upvalues, [.enclosingCell(0), .enclosingCell(1)])
        guard case .expression(let innerExpr) = middle.body.statements[0].kind,
              case .function(let inner) = innerExpr.kind else { return XCTFail() }
        XCTAssertEqual(inner.upvalues, [.enclosingUpvalue(0), .enclosingUpvalue(1)])
    }

    func testErrors() {
        func message(_ text: String) -> String? {
            do { _ = try resolve(text); return nil } catch let e as CompileError { return e.message } catch { return "\(error)" }
        }
        XCTAssertEqual(message("x + 1"), "undefined variable 'x'")
        XCTAssertEqual(message("let x = 1\nx = 2"), "cannot assign to constant 'x'")
        XCTAssertEqual(message("fn f() { let y = 1\n fn() { y += 1 } }"), "cannot assign to constant 'y'")
        XCTAssertEqual(message("break"), "'break' outside a loop")
        XCTAssertEqual(message("while true { fn() { continue } }"), "'continue' outside a loop")
        XCTAssertEqual(message("return 1"), "'return' outside a function")
        XCTAssertEqual(message("let a = 1\nlet a = 2"), "'a' is already defined")
        XCTAssertEqual(message("fn f() { var a = 1\n let a = 2 }"), "'a' is already defined in this scope")
        XCTAssertNil(message("fn f() { let a = 1\n if true { let a = 2 } }"))
    }

    func testPipeToUnknownNameCallsMethod() throws {
        let program = try resolve("let xs = [1]\nxs |> map(fn(x) { x })\nfn g(x) { x }\nxs |> g")
        guard case .expression(let e1) = program.main.body.statements[1].kind, case .pipe(_, _, let info1) = e1.kind,
              case .expression(let e2) = program.main.body.statements[3].kind, case .pipe(_, _, let info2) = e2.kind
        else { return XCTFail() }
        XCTAssertEqual(info1.callsMethod, "map")
        XCTAssertNil(info2.callsMethod)
    }

    func testReplRedeclaresGlobalsInPlace() throws {
        let globals = GlobalTable()
        _ = try resolve("let x = 1", globals: globals)
        _ = try resolve("var x = x + 1", globals: globals)
        XCTAssertEqual(globals.names, ["x"])
        XCTAssertEqual(globals.isConstant, [false])
    }
}
