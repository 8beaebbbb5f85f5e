import Foundation
import XCTest

/// Transcript tests: input piped into the real `spar` binary, compared with the expected standard
/// output, standard error and exit status. With piped input the REPL shows no banner and no prompts,
/// so stdout holds exactly the echoed values and printed text.
final class REPLTranscriptTests: XCTestCase {
    /// Pipes `input` into `spar` (the REPL) and checks stdout exactly, stderr by its lines' content.
    private func assertTranscript(_ input: String, stdout expected: String, stderrContains: [String] = [],
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try SparBinary.run([], input: input, file: file, line: line)
        XCTAssertEqual(run.stdout, expected, "stdout differs; stderr was:\n\(run.stderr)", file: file, line: line)
        if stderrContains.isEmpty {
            XCTAssertEqual(run.stderr, "", file: file, line: line)
        }
        for fragment in stderrContains {
            XCTAssertTrue(run.stderr.contains(fragment), "stderr lacks \"\(fragment)\":\n\(run.stderr)",
                          file: file, line: line)
        }
        XCTAssertEqual(run.status, 0, "a REPL session ends with status 0", file: file, line: line)
    }

    func testExpressionValuesAreEchoedAndStatementsAreNot() throws {
        try assertTranscript("""
            1 + 2
            "hi"
            let x = 5
            x * 2
            [1, "a", nil]

            """, stdout: "3\n\"hi\"\n10\n[1, \"a\", nil]\n")
    }

    func testTrailingSemicolonSuppressesTheEcho() throws {
        try assertTranscript("""
            40 + 2;
            print("printed");
            7

            """, stdout: "printed\n7\n")
    }

    func testUnderscoreHoldsTheLastShownValue() throws {
        try assertTranscript("""
            20 + 1
            _ * 2
            _ + 1
            100;
            _

            """, stdout: "21\n42\n43\n43\n")
    }

    func testOpenBracketsContinueOnTheNextLine() throws {
        try assertTranscript("""
            fn square(x) {
              x * x
            }
            square(7)
            [1,
             2,
             3]
            let s = \"""
                a
                  b
                \"""
            s
            {k: (1 +
                 2)}

            """, stdout: "49\n[1, 2, 3]\n\"a\\n  b\"\n{k: 3}\n")
    }

    func testNoPromptOrBannerWhenInputIsPiped() throws {
        let run = try SparBinary.run([], input: "1\n")
        XCTAssertEqual(run.stdout, "1\n")
        XCTAssertFalse(run.stdout.contains("spar>"))
        XCTAssertFalse(run.stdout.contains("Spar "))
    }

    func testAnErrorIsReportedAndTheSessionGoesOn() throws {
        try assertTranscript("""
            var k = 1
            k += 1
            error("boom")
            k + no_such_name
            k

            """, stdout: "2\n", stderrContains: ["<repl>:1:", "error: boom", "no_such_name"])
    }

    func testInputEndingInsideABracketIsReported() throws {
        let run = try SparBinary.run([], input: "1\n[1, 2\n")
        XCTAssertEqual(run.stdout, "1\n")
        XCTAssertTrue(run.stderr.contains("error:"), run.stderr)
        XCTAssertEqual(run.status, 0)
    }

    func testHelpListsCommandsAndTopics() throws {
        let run = try SparBinary.run([], input: ":help\n")
        for command in [":help", ":who", ":time", ":load", ":reset", ":quit"] {
            XCTAssertTrue(run.stdout.contains(command), "`:help` does not list \(command):\n\(run.stdout)")
        }
        for builtin in ["print", "len", "type", "str", "num", "range", "assert", "error", "show"] {
            XCTAssertTrue(run.stdout.contains(builtin), "`:help` does not list \(builtin):\n\(run.stdout)")
        }
        XCTAssertEqual(run.stderr, "")
    }

    func testQuestionMarkAndHelpNameShowTheHelpLine() throws {
        let question = try SparBinary.run([], input: "?len\n")
        let command = try SparBinary.run([], input: ":help len\n")
        XCTAssertTrue(question.stdout.contains("len"), question.stdout)
        XCTAssertGreaterThan(question.stdout.count, "len\n".count, "the help line says what len does")
        XCTAssertEqual(question.stdout, command.stdout)
        XCTAssertEqual(question.stderr, "")
        let method = try SparBinary.run([], input: "?list.map\n")
        XCTAssertTrue(method.stdout.contains("map"), method.stdout + method.stderr)
    }

    func testEveryBuiltinHasAHelpLine() throws {
        let names = ["print", "show", "len", "type", "str", "num", "range", "assert", "error"]
        let run = try SparBinary.run([], input: names.map { "?\($0)\n" }.joined())
        XCTAssertEqual(run.stderr, "")
        let lines = run.stdout.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, names.count, run.stdout)
    }

    func testHelpForAnUnknownNameOrCommand() throws {
        try assertTranscript("?no_such_thing\n:help :who\n", stdout: ":who\n  list your variables with their types and values\n",
                             stderrContains: ["no help for 'no_such_thing'"])
    }

    func testWhoListsNamesTypesAndValues() throws {
        let run = try SparBinary.run([], input: ":who\nlet n = 3\nvar greeting = \"hello\"\nfn twice(x) { 2 * x }\n:who\n")
        XCTAssertEqual(run.stderr, "")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "no variables yet")
        let row = { (name: String) in lines.first { $0.hasPrefix(name + " ") } ?? "" }
        XCTAssertTrue(row("n").contains("number") && row("n").hasSuffix("3"), row("n"))
        XCTAssertTrue(row("greeting").contains("string") && row("greeting").contains("hello"), row("greeting"))
        XCTAssertTrue(row("twice").contains("function"), row("twice"))
    }

    func testTimePrintsTheValueAndTheWallTime() throws {
        let run = try SparBinary.run([], input: "let t = 2\n:time t * 21\n_\n")
        XCTAssertEqual(run.stderr, "")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, run.stdout)
        XCTAssertEqual(lines.first, "42")
        XCTAssertEqual(lines.last, "42", "`:time` keeps the value in _")
        let timing = lines.count > 1 ? lines[1] : ""
        XCTAssertNotNil(timing.range(of: #"^time: [0-9]+(\.[0-9]+)? (µs|ms|s)$"#, options: .regularExpression),
                        timing)
    }

    func testTimeMeasuresAStringOfWork() throws {
        let run = try SparBinary.run([], input: "fn spin(n) { var i = 0\n while i < n { i += 1 }\n i }\n:time spin(2000000)\n")
        XCTAssertEqual(run.stderr, "")
        XCTAssertTrue(run.stdout.hasPrefix("2000000\ntime: "), run.stdout)
        XCTAssertFalse(run.stdout.contains(" µs"), "2,000,000 loop turns take more than a millisecond")
    }

    func testLoadRunsAFileIntoTheSession() throws {
        let script = try SparBinary.temporaryFile("fn double(x) { x * 2 }\nlet loaded = true\nprint(\"loaded\")\n")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        try assertTranscript(":load \(script.path)\ndouble(4)\nloaded\n", stdout: "loaded\n8\ntrue\n")
    }

    func testLoadReportsAMissingFileAndABrokenFile() throws {
        let broken = try SparBinary.temporaryFile("let = 3\n", name: "broken.spar")
        defer { try? FileManager.default.removeItem(at: broken.deletingLastPathComponent()) }
        try assertTranscript(":load /no/such/file.spar\n:load \(broken.path)\n:load\n1\n", stdout: "1\n",
                             stderrContains: ["cannot read '/no/such/file.spar'", "broken.spar:1:", ":load FILE"])
    }

    func testResetForgetsVariables() throws {
        try assertTranscript("let a = 1\n:reset\nlet a = 2\na\n:reset\na\n",
                             stdout: "session reset: all variables forgotten\n2\nsession reset: all variables forgotten\n",
                             stderrContains: ["error:"])
    }

    func testQuitStopsReading() throws {
        try assertTranscript("1\n:quit\n2\n", stdout: "1\n")
        try assertTranscript("1\n:q\n2\n", stdout: "1\n")
    }

    func testUnknownCommandIsNamed() throws {
        try assertTranscript(":frobnicate now\n1\n", stdout: "1\n",
                             stderrContains: ["unknown command ':frobnicate'", ":help"])
    }
}
