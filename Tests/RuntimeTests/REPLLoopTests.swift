import Foundation
import XCTest
@testable import Runtime

/// The REPL loop and its parts, driven in-process with a scripted reader (no terminal, no process).
final class REPLLoopTests: XCTestCase {
    /// Hands out prepared inputs and records the prompts and history it was given.
    final class ScriptedReader: LineReader {
        let isInteractive: Bool
        var inputs: [LineInput]
        var prompts: [String] = []
        var remembered: [String] = []
        var closed = false

        init(_ inputs: [LineInput], interactive: Bool = false) {
            self.inputs = inputs
            self.isInteractive = interactive
        }

        func readLine(prompt: String) -> LineInput {
            prompts.append(prompt)
            return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
        }

        func remember(_ line: String) { remembered.append(line) }
        func close() { closed = true }
    }

    private func runLoop(_ inputs: [LineInput], interactive: Bool = false)
        -> (out: String, err: String, reader: ScriptedReader, status: Int32) {
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        let reader = ScriptedReader(inputs, interactive: interactive)
        let status = REPL(session: session, reader: reader, out: { out += $0 }, err: { err += $0 }).run()
        return (out, err, reader, status)
    }

    func testContinuationPromptWhileTheInputIsOpen() {
        let result = runLoop([.line("fn f() {"), .line("  41 + 1"), .line("}"), .line("f()")], interactive: true)
        XCTAssertEqual(result.reader.prompts, ["spar> ", "  ... ", "  ... ", "spar> ", "spar> "])
        XCTAssertTrue(result.out.hasSuffix("42\n\n"), result.out)
        XCTAssertTrue(result.out.hasPrefix("Spar \(Runtime.version)"), "a terminal session starts with a banner")
        XCTAssertTrue(result.reader.closed)
    }

    func testCtrlCDropsTheUnfinishedInput() {
        let result = runLoop([.line("[1,"), .line("2,"), .interrupted, .line("3")])
        XCTAssertEqual(result.reader.prompts, ["spar> ", "  ... ", "  ... ", "spar> ", "spar> "])
        XCTAssertEqual(result.out, "3\n")
        XCTAssertEqual(result.err, "")
    }

    func testHistoryGetsEveryNonBlankLine() {
        let result = runLoop([.line("let a = 1"), .line("   "), .line(":who"), .line("a")])
        XCTAssertEqual(result.reader.remembered, ["let a = 1", ":who", "a"])
    }

    func testPipedInputHasNoBanner() {
        let result = runLoop([.line("1")])
        XCTAssertEqual(result.out, "1\n")
        XCTAssertEqual(result.status, 0)
    }

    func testCommandsAreOnlyRecognisedAtTheStartOfAnInput() {
        // Inside an open list, a line starting with `?` or `:` is code, not a command.
        let parsedAsCommand = REPLCommand.parse(":who")
        XCTAssertEqual(parsedAsCommand, .who)
        let result = runLoop([.line("let r = {"), .line("a: 1}"), .line("r.a")])
        XCTAssertEqual(result.out, "1\n", result.err)
    }

    func testCommandParsing() {
        XCTAssertEqual(REPLCommand.parse("  :help  "), .help(topic: nil))
        XCTAssertEqual(REPLCommand.parse(":help list.map"), .help(topic: "list.map"))
        XCTAssertEqual(REPLCommand.parse("?print"), .help(topic: "print"))
        XCTAssertEqual(REPLCommand.parse("? len "), .help(topic: "len"))
        XCTAssertEqual(REPLCommand.parse("?"), .help(topic: nil))
        XCTAssertEqual(REPLCommand.parse(":time  f(1, 2) "), .time(expression: "f(1, 2)"))
        XCTAssertEqual(REPLCommand.parse(":time"), .missingArgument(command: ":time", usage: ":time EXPR"))
        XCTAssertEqual(REPLCommand.parse(":load a b.spar"), .load(path: "a b.spar"))
        XCTAssertEqual(REPLCommand.parse(":q"), .quit)
        XCTAssertEqual(REPLCommand.parse(":quit"), .quit)
        XCTAssertEqual(REPLCommand.parse(":reset"), .reset)
        XCTAssertEqual(REPLCommand.parse(":bogus x"), .unknown(name: ":bogus"))
        XCTAssertNil(REPLCommand.parse("x + 1"))
        XCTAssertNil(REPLCommand.parse("\"?\""))
    }

    func testDurationsKeepThreeSignificantDigits() {
        XCTAssertEqual(formatDuration(nanoseconds: 412), "0.41 µs")
        XCTAssertEqual(formatDuration(nanoseconds: 41_200), "41.2 µs")
        XCTAssertEqual(formatDuration(nanoseconds: 12_345_678), "12.3 ms")
        XCTAssertEqual(formatDuration(nanoseconds: 250_400_000), "250 ms")
        XCTAssertEqual(formatDuration(nanoseconds: 2_514_000_000), "2.51 s")
    }

    func testLoadPathsLoseQuotesAndExpandTheHomeDirectory() {
        XCTAssertEqual(ScriptFile.expandPath("\"my file.spar\""), "my file.spar")
        XCTAssertEqual(ScriptFile.expandPath("'a.spar'"), "a.spar")
        XCTAssertEqual(ScriptFile.expandPath("plain.spar"), "plain.spar")
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        if !home.isEmpty { XCTAssertEqual(ScriptFile.expandPath("~/x.spar"), home + "/x.spar") }
    }

    func testWordWrapping() {
        XCTAssertEqual(wrapWords(["aa", "bb", "cc"], width: 7, indent: "  "), "  aa bb\n  cc\n")
        XCTAssertEqual(wrapWords([], width: 7, indent: "  "), "")
        XCTAssertEqual(wrapWords(["aa", "bb", "cc"], width: 9, indent: "  x: ", continuationIndent: "    "),
                       "  x: aa\n    bb cc\n")
    }
}
