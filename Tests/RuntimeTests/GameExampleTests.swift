import XCTest
@testable import Runtime

/// Runs examples/game_theory.spar (sized down) through a real Session and checks that it tells its
/// story: the safety game's value, the price of refusing everything, and the dynamics chart.
/// (GoldenScriptTests runs Tests/Scripts/games and checks that every example exits 0.)
final class GameExampleTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func run(_ url: URL, arguments: [String] = []) throws -> (status: RunStatus, out: String, err: String) {
        let source = try String(contentsOf: url, encoding: .utf8)
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        session.arguments = arguments
        let status = session.run(source: source, path: url.path)
        return (status, out, err)
    }

    func testExampleRuns() throws {
        let result = try run(root.appendingPathComponent("examples/game_theory.spar"), arguments: ["60"])
        XCTAssertEqual(result.status, .ok, result.err)
        XCTAssertTrue(result.out.contains("game value (defender's expected loss at equilibrium): 0.3"), result.out)
        XCTAssertTrue(result.out.contains("refuse_all: harm 0, loss against any attack 0.4 > value 0.3"), result.out)
        XCTAssertTrue(result.out.contains("matching pennies: exploitability per step"), result.out)
    }
}
