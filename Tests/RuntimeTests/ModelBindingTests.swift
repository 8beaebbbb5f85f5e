import XCTest
@testable import Runtime

/// Help lines, completion and the REPL echo of model values (the golden scripts in
/// Tests/Scripts/models cover the methods' behaviour and errors).
final class ModelBindingTests: XCTestCase {
    func testHelpLinesForEveryBuiltinAndMethod() {
        let session = Session(out: { _ in }, err: { _ in })
        for topic in ["model", "model.llama", "model.load", "model.generate", "model.logprob", "model.fit",
                      "model.save", "model.snapshot", "model.params", "model.config", "file", "file.read"] {
            XCTAssertNotNil(session.help(topic), topic)
        }
        _ = session.run(source: "let m = model.llama(tokenizer.bytes(), layers: 1, width: 16, heads: 2, context: 8)", path: "<test>")
        XCTAssertEqual(session.help("m.generate")?.hasPrefix("m.generate(prompt or prompts"), true)
        XCTAssertTrue(session.completions(line: "m.sn", cursor: 4).contains("snapshot"))
    }

    func testREPLEchoesTheSummary() {
        var out = ""
        let session = Session(out: { out += $0 }, err: { _ in })
        XCTAssertEqual(session.evalInteractive("model.llama(tokenizer.bytes(), layers: 2, width: 128, heads: 4, vocab: 1024)"), .ok)
        XCTAssertEqual(out, "<model llama 2x128, 0.6M params, vocab 1024>\n")
    }

    func testFitPrintsProgressLines() {
        var out = ""
        let session = Session(out: { out += $0 }, err: { _ in })
        let status = session.run(source: """
            let m = model.llama(tokenizer.bytes(), layers: 1, width: 16, heads: 2, context: 8)
            let h = m.fit(["abcabcabc"], steps: 4, every: 2)
            """, path: "<test>")
        XCTAssertEqual(status, .ok)
        let lines = out.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.first?.hasPrefix("fit: step 2/4  loss ") ?? false, out)
        XCTAssertTrue(lines.last?.hasSuffix("tok/s") ?? false, out)
    }
}
