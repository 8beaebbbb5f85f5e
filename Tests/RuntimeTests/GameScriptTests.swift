import XCTest
@testable import Runtime

/// Runs the game-theory golden scripts (Tests/Scripts/games) and examples/game_theory.spar through a
/// real Session. Expected output is written in the scripts as `# expect: line` comments; a script
/// that should stop with an error says `# expect error: message`. (A shared runner for every area
/// can replace this one; the format is the one DESIGN.md describes.)
final class GameScriptTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func run(_ url: URL, arguments: [String] = []) throws -> (status: RunStatus, out: String, err: String) {
        let source = try String(contentsOf: url, encoding: .utf8)
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        session.arguments = arguments
        let status = session.run(source: source, path: url.path)
        return (status, out, err)
    }

    func testGoldenScripts() throws {
        let dir = root.appendingPathComponent("Tests/Scripts/games")
        let files = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "spar" }.sorted { $0.path < $1.path }
        XCTAssertGreaterThanOrEqual(files.count, 5)
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            var expected: [String] = [], expectedError: String?
            for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
                let text = line.drop(while: { $0 == " " })
                if text.hasPrefix("# expect: ") { expected.append(String(text.dropFirst("# expect: ".count))) }
                else if text.hasPrefix("# expect error: ") { expectedError = String(text.dropFirst("# expect error: ".count)) }
            }
            let result = try run(file)
            var lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            XCTAssertEqual(lines, expected, file.lastPathComponent)
            if let expectedError {
                XCTAssertEqual(result.status, .runtimeError, file.lastPathComponent)
                XCTAssertTrue(result.err.contains("error: \(expectedError)"), "\(file.lastPathComponent): \(result.err)")
                // The error points at the script line.
                XCTAssertTrue(result.err.contains("\(file.lastPathComponent):"), result.err)
            } else {
                XCTAssertEqual(result.status, .ok, "\(file.lastPathComponent): \(result.err)")
            }
        }
    }

    func testExampleRuns() throws {
        let result = try run(root.appendingPathComponent("examples/game_theory.spar"), arguments: ["60"])
        XCTAssertEqual(result.status, .ok, result.err)
        XCTAssertTrue(result.out.contains("game value (defender's expected loss at equilibrium): 0.3"), result.out)
        XCTAssertTrue(result.out.contains("refuse_all: harm 0, loss against any attack 0.4 > value 0.3"), result.out)
        XCTAssertTrue(result.out.contains("matching pennies: exploitability per step"), result.out)
    }
}
