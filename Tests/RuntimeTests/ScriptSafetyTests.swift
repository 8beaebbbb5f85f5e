import XCTest
import Foundation
import Engine
@testable import Runtime

/// Issue 17, reached from scripts: equality of deeply nested lists, lists that contain themselves,
/// error messages of CRLF scripts and of very long lines, the memory needed to compile a huge
/// script, and Ctrl-C (a real SIGINT) inside engine work.
final class ScriptSafetyTests: XCTestCase {
    private func run(_ code: String, path: String = "t.spar") -> (out: String, err: String, status: RunStatus) {
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        let status = session.run(source: code, path: path)
        return (out, err, status)
    }

    /// `a == b` was false for equal lists nested 10,000 deep (a recursion limit answered "unequal").
    func testDeeplyNestedEqualListsCompareEqual() {
        let code = """
            fn deep(n, leaf) { var x = [leaf]; for i in 0..<n { x = [x, i] }; x }
            print(deep(10000, 1) == deep(10000, 1), deep(100000, 1) == deep(100000, 1), deep(10000, 1) == deep(10000, 2))
            print(deep(3, 1) == deep(4, 1), {a: deep(500, 1)} == {a: deep(500, 1)})
            let xs = [1]; xs.push(xs)
            let ys = [1]; ys.push(ys)
            print(xs == ys, xs == xs, xs == [1, [1]])
            """
        let r = run(code)
        XCTAssertEqual(r.out, "true true false\nfalse true\ntrue true false\n", r.err)
    }

    /// A list that contains itself made `tensor()` loop forever; depth 100,000 took quadratic memory.
    func testNestedListsToTensorsAreBoundedAndLinear() {
        let r = run("""
            let xs = []
            xs.push(xs)
            try { tensor(xs) } catch e { print(e.message) }
            fn d(n) { var x = 1; for i in 0..<n { x = [x] }; x }
            try { tensor(d(100000)) } catch e { print(e.message) }
            print(tensor(d(64)).rank)
            """)
        XCTAssertEqual(r.out, """
            tensor: the list contains itself
            tensor: lists nested more than 64 deep (a tensor has at most 64 axes)
            64

            """, r.err)
    }

    /// CRLF scripts lost the source line and caret of their errors (`"\r\n"` is one Character).
    func testCRLFScriptsShowTheLineAndCaret() {
        let r = run("let a = 1\r\nlet b = a +* 2\r\nprint(b)\r\n")
        XCTAssertEqual(r.status, .compileError)
        XCTAssertTrue(r.err.hasPrefix("t.spar:2:"), r.err)
        let lines = r.err.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count >= 3 ? String(lines[1]) : "", "let b = a +* 2")
        XCTAssertTrue(lines.count >= 3 && lines[2].hasSuffix("^") && !lines[2].contains("\r"), r.err)
        let runtime = run("let xs = [1]\r\nprint(xs[5])\r\n")
        XCTAssertTrue(runtime.err.contains("\nprint(xs[5])\n        ^\n"), runtime.err)
    }

    /// A 7 MB source line was echoed whole in the error; it is cut around the caret.
    func testAHugeSourceLineIsCutAroundTheCaret() {
        let filler = String(repeating: "a", count: 7_000_000)
        let r = run("let s = \"" + filler + "\"; let x = s + nope + 1\n")
        XCTAssertEqual(r.status, .compileError)
        XCTAssertLessThan(r.err.utf8.count, 1000, "the error is short")
        let lines = r.err.split(separator: "\n")
        XCTAssertTrue(lines[0].hasSuffix("error: undefined variable 'nope'"), String(lines[0]))
        XCTAssertTrue(lines[1].hasPrefix("...") && lines[1].hasSuffix("nope + 1") && lines[1].count < 200, String(lines[1]))
        let caret = lines[2].count - 1
        XCTAssertEqual(Array(lines[1])[caret...].prefix(4).map(String.init).joined(), "nope", "the caret points at the name")
    }

    /// Allocation failure is a Spar error for scripts too: too big to compile in the memory there is.
    func testAScriptTooLargeForTheMemoryLimitIsRefusedBeforeParsing() {
        let saved = Engine.MemoryLimit.configured
        defer { Engine.MemoryLimit.configured = saved }
        Engine.MemoryLimit.configured = 64 << 20
        let r = run("let s = \"" + String(repeating: "a", count: 4_000_000) + "\"\n", path: "big.spar")
        XCTAssertEqual(r.status, .compileError)
        XCTAssertTrue(r.err.contains("big.spar: error: big.spar: compiling 4 MB of source needs 128 MB, above the memory limit SPAR_MAX_MEMORY="), r.err)
    }

    /// Wrong reasons in messages: each now says the true one.
    func testMessagesSayTheTrueReason() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let r = run("""
            try { file.read("\(folder)") } catch e { print(e.message) }
            try { tensor([1, 2])[9007199254740992] } catch e { print(e.message) }
            try { zeros(1e20) } catch e { print(e.message) }
            let lm = model.llama(tokenizer.bytes(), layers: 1, width: 8, heads: 1, context: 8, seed: 1)
            try { lm.fit(["ab"], steps: 1, batch: 1000000000) } catch e { print(e.message) }
            try { lm.generate("a", max_tokens: 1000000000000) } catch e { print(e.message) }
            try { lm.generate("a", max_tokens: -1) } catch e { print(e.message) }
            """)
        XCTAssertEqual(r.out, """
            file.read: cannot read \(folder): is a directory
            index: 9007199254740992 is too large (integers here are below 9e15 in size)
            zeros: size 1e+20 is too large (sizes are below 9e15)
            fit: batch 1000000000 is above the limit of 1000000
            generate: max_tokens 1000000000000 is above the limit of 10000000
            generate: max_tokens -1 must be a non-negative number

            """, r.err)
    }

    // MARK: Ctrl-C inside engine work (a real SIGINT to the REPL)

    /// Runs the piped REPL on `input`, presses Ctrl-C after a second until it exits, and returns
    /// (stdout, stderr). The loops below would run for minutes without the engine's own checks:
    /// the interpreter looks for Ctrl-C only every 1024 steps.
    private func interrupted(_ input: String) throws -> (String, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spar-sigint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdin = directory.appendingPathComponent("in"), stdout = directory.appendingPathComponent("out"),
            stderr = directory.appendingPathComponent("err")
        try Data(input.utf8).write(to: stdin)
        for f in [stdout, stderr] { _ = FileManager.default.createFile(atPath: f.path, contents: nil) }
        let process = Process()
        process.executableURL = try SparBinary.require()
        process.standardInput = try FileHandle(forReadingFrom: stdin)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        for _ in 0..<4 where process.isRunning {
            process.interrupt()
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { usleep(10_000) }
        }
        if process.isRunning {
            process.terminate()
            XCTFail("Ctrl-C did not stop the engine work")
        }
        process.waitUntilExit()
        return (try String(contentsOf: stdout, encoding: .utf8), try String(contentsOf: stderr, encoding: .utf8))
    }

    func testCtrlCStopsALoopOfLargeMatrixProducts() throws {
        let (out, err) = try interrupted("var k = 5\nlet a = ones([1500, 1500])\nwhile true { a @ a }\nk * 2\n")
        XCTAssertEqual(out, "10\n")
        XCTAssertTrue(err.contains("error: interrupted"), err)
    }

    func testCtrlCStopsLongLearningDynamics() throws {
        let (out, err) = try interrupted("""
            var k = 5
            let g = matrix_game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
            hedge(g, steps: 1000000000, every: 1000000000);
            best_response_dynamics(g, steps: 1000000000, every: 1000000000);
            k * 2

            """)
        XCTAssertEqual(out, "10\n")
        XCTAssertEqual(err.components(separatedBy: "error: interrupted").count - 1, 2, err)
    }
}
