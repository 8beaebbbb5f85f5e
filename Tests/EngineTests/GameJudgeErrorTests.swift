import XCTest
@testable import Engine

/// A judge answer that cannot be used drops that game (not the step): it stays in the ledger with
/// the error, trains nothing, counts as `judge_errors` and toward no rate or tie share.
final class GameJudgeErrorTests: XCTestCase {
    /// The fixture's judge, except that responses with "joke" in the prompt get a malformed answer.
    static let flaky = FunctionJudge(name: "flaky") { prompt, response in
        if prompt.contains("joke") { throw MalformedJudgment("judge.fn: the result has no 'refusal'") }
        return try GameFixture.judge.label(prompt: prompt, response: response)
    }

    func testAMalformedJudgmentDropsTheGameAndIsCounted() throws {
        let g = try GameFixture.game(games: 32) { $0.judge = Self.flaky; $0.directShare = 1 }
        let m = try g.trainStep(.defenderOnly(vs: .direct))
        let bad = g.ledger.episodes.filter { $0.judgeError != nil }
        XCTAssertGreaterThan(bad.count, 0)
        XCTAssertEqual(m["judge_errors"] ?? nil, Double(bad.count))
        XCTAssertEqual(m["games"] ?? nil, 32)
        XCTAssertTrue(bad.allSatisfy { $0.seed.contains("joke") && !$0.tie && $0.labels == .unknown && $0.defenderReward.total == 0 })
        XCTAssertEqual(bad.first?.judgeError, "judge.fn: the result has no 'refusal'")
        let judged = g.ledger.episodes.filter { $0.judgeError == nil }
        XCTAssertEqual(m["samples"] ?? nil, Double(judged.filter { !$0.tie }.count), "only judged, non-tie games train")
        XCTAssertEqual(m["tie_share"] ?? nil, Double(judged.filter(\.tie).count) / Double(judged.count), "a share of the judged games")
        XCTAssertEqual(g.ledger.trainingSamples().count, judged.filter { !$0.tie }.count)
        XCTAssertTrue(try g.ledger.jsonl().contains("\"judge_error\":\"judge.fn: the result has no 'refusal'\""))
        // Rescoring keeps the error and the zero rewards.
        XCTAssertEqual(try g.ledger.rescored(with: .zeroSum).episodes.filter { $0.judgeError != nil }, bad)
    }

    func testOtherJudgeErrorsStillStopTheStep() throws {
        let broken = FunctionJudge(name: "broken") { _, _ in throw EngineError("judge: the classifier is missing") }
        let g = try GameFixture.game { $0.judge = broken }
        XCTAssertThrowsError(try g.trainStep(.selfplay)) { XCTAssertTrue("\($0)".contains("classifier is missing")) }
        XCTAssertEqual(g.step, 0)
    }
}
