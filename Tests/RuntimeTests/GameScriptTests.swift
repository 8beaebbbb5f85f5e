import XCTest
@testable import Runtime

/// Runs the golden scripts of Tests/Scripts/game through a real Session (same rules as the world's:
/// `# expect: TEXT` lines of output in order, `# expect error: MESSAGE` for a failing last line).
final class GameScriptTests: XCTestCase {
    func testGameGoldenScripts() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/game")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".spar") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 5)
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

/// Every bound name of the game has a help line.
final class GameHelpTests: XCTestCase {
    func testHelpLines() {
        let session = Session(out: { _ in }, err: { _ in })
        var topics = ["game", "reinforce_pp", "schedule", "policy", "policy.tabular"]
        topics += ScheduleValue.constructors.map { "schedule.\($0.name)" }
        topics += AlgoValue.labels.map { "reinforce_pp.\($0.0)" }
        topics += GameValue.members.map { "game.\($0.0)" } + EpisodesValue.members.map { "episodes.\($0.0)" }
        for topic in topics { XCTAssertNotNil(session.help(topic), topic) }
    }
}
