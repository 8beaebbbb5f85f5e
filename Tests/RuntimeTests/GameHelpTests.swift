import XCTest
@testable import Runtime

/// Every bound name of the game has a help line.
final class GameHelpTests: XCTestCase {
    func testHelpLines() {
        let session = Session(out: { _ in }, err: { _ in })
        var topics = ["game", "reinforce_pp", "schedule", "policy", "policy.tabular"]
        topics += ScheduleValue.constructors.map { "schedule.\($0.name)" }
        topics += AlgoValue.labels.map { "reinforce_pp.\($0.0)" }
        topics += SelfPlayGameValue.members.map { "game.\($0.0)" } + EpisodesValue.members.map { "episodes.\($0.0)" }
        for topic in topics { XCTAssertNotNil(session.help(topic), topic) }
    }
}
