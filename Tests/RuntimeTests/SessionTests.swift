import XCTest
@testable import Runtime

/// The Session API as the REPL uses it: echo, `_`, completion, help, `:who`, reset, limits.
final class SessionTests: XCTestCase {
    final class Capture { var out = ""; var err = "" }

    func makeSession() -> (Session, Capture) {
        let c = Capture()
        return (Session(out: { c.out += $0 }, err: { c.err += $0 }), c)
    }

    func testInteractiveEchoAndUnderscore() {
        let (s, c) = makeSession()
        XCTAssertEqual(s.evalInteractive("1 + 2"), .ok)
        XCTAssertEqual(c.out, "3\n")
        XCTAssertEqual(s.evalInteractive("_ * 10"), .ok)
        XCTAssertEqual(c.out, "3\n30\n")
        XCTAssertEqual(s.evalInteractive("\"quoted\""), .ok)
        XCTAssertEqual(c.out, "3\n30\n\"quoted\"\n")
        c.out = ""
        XCTAssertEqual(s.evalInteractive("let x = 5"), .ok)  // a statement: no echo
        XCTAssertEqual(s.evalInteractive("x + 1;"), .ok)    // `;` silences the echo
        XCTAssertEqual(s.evalInteractive("x + 2; # comment"), .ok)
        XCTAssertEqual(s.evalInteractive("print(x)"), .ok)  // nil is not echoed
        XCTAssertEqual(c.out, "5\n")
        XCTAssertEqual(s.evalInteractive("_"), .ok)         // `_` is the last echoed value
        XCTAssertEqual(c.out, "5\n\"quoted\"\n")
    }

    func testGlobalsPersistAcrossInputsAndErrors() {
        let (s, c) = makeSession()
        XCTAssertEqual(s.evalInteractive("var n = 1"), .ok)
        XCTAssertEqual(s.evalInteractive("n += 1; error(\"boom\")"), .runtimeError)
        XCTAssertTrue(c.err.contains("<repl>:1:"), c.err)
        XCTAssertEqual(s.evalInteractive("n"), .ok)
        XCTAssertEqual(c.out, "2\n")
        XCTAssertEqual(s.evalInteractive("let n = \"redefined\""), .ok)
        XCTAssertEqual(s.evalInteractive("n"), .ok)
        XCTAssertEqual(c.out, "2\n\"redefined\"\n")
        XCTAssertEqual(s.evalInteractive("nope + 1"), .compileError)
        // A failed input declares nothing.
        XCTAssertEqual(s.evalInteractive("let fresh = 1\nlet other = nope"), .compileError)
        XCTAssertEqual(s.evalInteractive("fresh"), .compileError)
        XCTAssertEqual(s.evalInteractive("let n = 5\nn = 6"), .compileError)
        XCTAssertEqual(s.evalInteractive("n"), .ok)
        XCTAssertTrue(c.out.hasSuffix("\"redefined\"\n"), c.out)
    }

    func testExitCodes() {
        XCTAssertEqual(RunStatus.ok.exitCode, 0)
        XCTAssertEqual(RunStatus.compileError.exitCode, 65)
        XCTAssertEqual(RunStatus.runtimeError.exitCode, 70)
        let (s, _) = makeSession()
        XCTAssertEqual(s.run(source: "let x = (", path: "a.spar"), .compileError)
        XCTAssertEqual(s.run(source: "error(\"x\")", path: "a.spar"), .runtimeError)
    }

    func testNeedsMoreInput() {
        let (s, _) = makeSession()
        XCTAssertTrue(s.needsMoreInput("fn f(x) {"))
        XCTAssertTrue(s.needsMoreInput("let xs = [1,"))
        XCTAssertTrue(s.needsMoreInput("let d = \"\"\""))
        XCTAssertFalse(s.needsMoreInput("let xs = [1]"))
        XCTAssertFalse(s.needsMoreInput(""))
    }

    func testCompletions() {
        let (s, _) = makeSession()
        _ = s.evalInteractive("let training_steps = 3\nlet cfg = {alpha: 1, beta: 2}\nlet xs = [1]")
        XCTAssertEqual(s.completions(line: "print(train", cursor: 11), ["training_steps"])
        XCTAssertEqual(s.completions(line: "cfg.al", cursor: 6), ["alpha"])
        XCTAssertTrue(s.completions(line: "xs.p", cursor: 4).contains("push"))
        XCTAssertTrue(s.completions(line: "whi", cursor: 3).contains("while"))
        XCTAssertTrue(s.completions(line: "pri", cursor: 3).contains("print"))
        XCTAssertEqual(s.completions(line: "unknown.x", cursor: 9), [])
    }

    func testGlobalsListing() {
        let (s, _) = makeSession()
        _ = s.evalInteractive("let n = 3\nfn sq(x, power: 2) { x ** power }\nlet name = \"spar\"")
        let who = s.globals()
        XCTAssertEqual(who.map(\.name), ["n", "sq", "name"])
        XCTAssertEqual(who.map(\.type), ["number", "function", "string"])
        XCTAssertEqual(who[1].summary, "sq(x, power: 2)")
        XCTAssertEqual(who[2].summary, "\"spar\"")
    }

    func testHelp() {
        let (s, _) = makeSession()
        XCTAssertNotNil(s.help("print"))
        XCTAssertEqual(s.help("list.map"), s.help("map"))
        XCTAssertNotNil(s.help("string.format"))
        XCTAssertNil(s.help("no_such_thing"))
        _ = s.evalInteractive("# Doubles a number.\nfn dbl(x) { 2 * x }")
        XCTAssertEqual(s.help("dbl"), "dbl(x): Doubles a number.")
        let topics = s.helpTopics()
        for name in ["print", "show", "len", "type", "str", "num", "range", "assert", "error", "list.map", "record.get"] {
            XCTAssertTrue(topics.contains(name), name)
            XCTAssertNotNil(s.help(name), name)
        }
    }

    func testReset() {
        let (s, _) = makeSession()
        _ = s.evalInteractive("let a = 1")
        s.reset()
        XCTAssertEqual(s.evalInteractive("a"), .compileError)
        XCTAssertEqual(s.evalInteractive("len([1])"), .ok)
        XCTAssertTrue(s.globals().isEmpty)
    }

    func testArguments() {
        let (s, c) = makeSession()
        s.arguments = ["a", "b"]
        XCTAssertEqual(s.run(source: "print(args)", path: "t"), .ok)
        XCTAssertEqual(c.out, "[\"a\", \"b\"]\n")
    }

    func testStepLimitStopsInfiniteLoops() {
        let (s, c) = makeSession()
        s.stepLimit = 10_000
        XCTAssertEqual(s.run(source: "while true { }", path: "t"), .runtimeError)
        XCTAssertTrue(c.err.contains("step limit of 10000 exceeded"), c.err)
        // try/catch cannot swallow the step limit.
        XCTAssertEqual(s.run(source: "while true { try { while true {} } catch e { } }", path: "t"), .runtimeError)
        s.stepLimit = nil
        XCTAssertEqual(s.run(source: "var i = 0\nwhile i < 20000 { i += 1 }", path: "t"), .ok)
    }

    func testInterruptStopsEvaluationAndKeepsGlobals() {
        let (s, c) = makeSession()
        _ = s.evalInteractive("var kept = 42")
        let timer = DispatchQueue.global()
        timer.asyncAfter(deadline: .now() + 0.3) { Session.requestInterrupt() }
        let start = Date()
        XCTAssertEqual(s.evalInteractive("var i = 0\nwhile true { i += 1 }"), .runtimeError)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertTrue(c.err.contains("interrupted"), c.err)
        XCTAssertEqual(s.evalInteractive("kept"), .ok)
        XCTAssertTrue(c.out.hasSuffix("42\n"))
    }

    func testDeepRecursionIsASparError() {
        let (s, c) = makeSession()
        XCTAssertEqual(s.run(source: "fn f(n) { 1 + f(n + 1) }\nf(0)", path: "deep.spar"), .runtimeError)
        XCTAssertTrue(c.err.hasPrefix("deep.spar:1:15: error: stack overflow\n"), c.err)
        XCTAssertTrue(c.err.contains("  ... the line above repeats 9998 more times\n"), c.err)
        c.err = ""
        XCTAssertEqual(s.run(source: "fn a(n) { b(n) }\nfn b(n) { a(n) }\na(1)", path: "mutual.spar"), .runtimeError)
        XCTAssertTrue(c.err.contains("  in a at mutual.spar:1:11\n  in b at mutual.spar:2:11\n  ... the 2 lines above repeat"), c.err)
        XCTAssertLessThan(c.err.split(separator: "\n").count, 12, c.err)
        // The session still works afterwards.
        XCTAssertEqual(s.run(source: "print(1)", path: "t"), .ok)
    }

    func testDeeplyNestedDataIsBuiltPrintedAndFreed() {
        let (s, c) = makeSession()
        XCTAssertEqual(s.run(source: "var x = []\nfor i in 0..<100000 { x = [x] }\nprint(len(str(x)) > 0)\nx = nil", path: "t"), .ok)
        XCTAssertEqual(c.out, "true\n")
    }

    func testRuntimeErrorShape() {
        let (s, c) = makeSession()
        let source = "fn inner(x) {\n    x + nil\n}\nfn outer() { inner(1) }\nouter()\n"
        XCTAssertEqual(s.run(source: source, path: "t.spar"), .runtimeError)
        XCTAssertEqual(c.err, """
        t.spar:2:7: error: unsupported operand types for +: number and nil
            x + nil
              ^
          in inner at t.spar:2:7
          in outer at t.spar:4:14
          in <script> at t.spar:5:1

        """)
    }

    func testCompileErrorShape() {
        let (s, c) = makeSession()
        XCTAssertEqual(s.run(source: "let a = 1\nlet b = a +* 2\n", path: "c.spar"), .compileError)
        XCTAssertEqual(c.err, "c.spar:2:12: error: expected an expression, found '*'\nlet b = a +* 2\n           ^\n")
    }

    func testEmbeddedStdlibIsUpToDate() throws {
        let stdlib = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("stdlib")
        let files = try FileManager.default.contentsOfDirectory(at: stdlib, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "spar" }
        XCTAssertEqual(Set(files.map { $0.deletingPathExtension().lastPathComponent }), Set(EmbeddedStdlib.modules.keys),
                       "run scripts/embed-stdlib.sh")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let name = file.deletingPathExtension().lastPathComponent
            XCTAssertEqual(EmbeddedStdlib.modules[name].map { $0 + "\n" }, text,
                           "\(name).spar changed: run scripts/embed-stdlib.sh")
        }
    }
}
