import XCTest
@testable import Runtime

/// Runs the golden scripts of Tests/Scripts/world through a real Session.
///
/// Rules: every `# expect: TEXT` comment is one line of expected standard output, in file order, and
/// the output must be exactly those lines. A `# expect error: MESSAGE` comment means the run must fail
/// (exit code 65 or 70) with a diagnostic that contains MESSAGE and points at the line the comment is
/// on. A script without expectations fails. (When the shared golden runner of the language lands,
/// it covers this folder too and this test can go.)
final class WorldScriptTests: XCTestCase {
    func testWorldGoldenScripts() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/world")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".spar") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 6)
        for file in files {
            let path = dir.appendingPathComponent(file).path
            let source = try String(contentsOfFile: path, encoding: .utf8)
            var expected: [String] = []
            var expectedError: (line: Int, message: String)?
            for (i, line) in source.components(separatedBy: "\n").enumerated() {
                if let r = line.range(of: "# expect error: ") {
                    expectedError = (i + 1, String(line[r.upperBound...]))
                } else if let r = line.range(of: "# expect: ") {
                    expected.append(String(line[r.upperBound...]))
                }
            }
            XCTAssertTrue(!expected.isEmpty || expectedError != nil, "\(file): no expectations")
            var out = "", err = ""
            let session = Session(out: { out += $0 }, err: { err += $0 })
            let status = session.run(source: source, path: file)
            var lines = out.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            XCTAssertEqual(lines, expected, "\(file): output differs\n--- got ---\n\(out)--- stderr ---\n\(err)")
            if let e = expectedError {
                XCTAssertNotEqual(status, .ok, "\(file): expected an error")
                XCTAssertTrue(err.contains(e.message), "\(file): error should contain \"\(e.message)\", got:\n\(err)")
                XCTAssertTrue(err.hasPrefix("\(file):\(e.line):"), "\(file): error should be on line \(e.line), got:\n\(err)")
            } else {
                XCTAssertEqual(status, .ok, "\(file): \(err)")
            }
        }
    }
}

/// Every bound name of the self-play world has a help line.
final class WorldHelpTests: XCTestCase {
    func testHelpLines() {
        let session = Session(out: { _ in }, err: { _ in })
        for topic in ["world", "role", "judge", "rewards", "world.safety", "role.attacker", "role.defender", "judge.rules",
                      "judge.oracle", "judge.fn", "judge.label", "judge.evaluate", "rewards.general_sum", "rewards.all_one",
                      "rewards.zero_sum", "rewards.custom", "rewards.score", "world.attacks", "world.demos", "role.parse"] {
            XCTAssertNotNil(session.help(topic), topic)
        }
    }
}
