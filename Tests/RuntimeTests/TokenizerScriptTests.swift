import XCTest
@testable import Runtime

/// Runs the golden scripts of Tests/Scripts/tokenizers through a real Session.
///
/// Rule (the one of Tests/Scripts): every `# expect: TEXT` comment is one line of standard output,
/// in file order; a `# expect error: MESSAGE` comment means the script must stop with a runtime or
/// compile error reported at that comment's line whose message starts with MESSAGE. A script without
/// expectations fails. (The general golden-script runner of the language runs these files too once
/// it exists; this test keeps the tokenizer bindings checked on their own.)
final class TokenizerScriptTests: XCTestCase {
    func testTokenizerGoldenScripts() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/tokenizers")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".spar") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for name in files {
            let path = directory.appendingPathComponent(name).path
            let source = try String(contentsOfFile: path, encoding: .utf8)
            var expectedLines = [String]()
            var expectedError: (line: Int, message: String)?
            for (i, line) in source.components(separatedBy: "\n").enumerated() {
                if let r = line.range(of: "# expect: ") { expectedLines.append(String(line[r.upperBound...])) }
                else if line.hasSuffix("# expect:") { expectedLines.append("") }
                if let r = line.range(of: "# expect error: ") { expectedError = (i + 1, String(line[r.upperBound...])) }
            }
            XCTAssertFalse(expectedLines.isEmpty && expectedError == nil, "\(name) has no expectations")

            var out = "", err = ""
            let session = Session(out: { out += $0 }, err: { err += $0 })
            let status = session.run(source: source, path: path)
            let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            XCTAssertEqual(lines, expectedLines, "\(name): output differs; stderr: \(err)")
            if let expected = expectedError {
                XCTAssertNotEqual(status, .ok, "\(name): expected an error")
                XCTAssertTrue(err.hasPrefix("\(path):\(expected.line):"), "\(name): error not at line \(expected.line): \(err)")
                XCTAssertTrue(err.contains("error: \(expected.message)"), "\(name): \(err)")
            } else {
                XCTAssertEqual(status, .ok, "\(name): \(err)")
            }
        }
    }

    func testTokenizerHelpLines() {
        let session = Session(out: { _ in }, err: { _ in })
        for topic in ["tokenizer", "tokenizer.bytes", "tokenizer.bpe", "tokenizer.load", "tokenizer.encode", "tokenizer.decode"] {
            XCTAssertNotNil(session.help(topic), topic)
        }
        _ = session.run(source: "let tok = tokenizer.bytes()", path: "<test>")
        XCTAssertEqual(session.help("tok.encode")?.hasPrefix("tok.encode(text)"), true)
        XCTAssertTrue(session.completions(line: "tok.de", cursor: 6).contains("decode"))
    }

    func testREPLEchoesTheSummary() {
        var out = ""
        let session = Session(out: { out += $0 }, err: { _ in })
        XCTAssertEqual(session.evalInteractive("tokenizer.bytes()"), .ok)
        XCTAssertEqual(out, "<tokenizer bytes, vocab 266>\n")
    }
}
