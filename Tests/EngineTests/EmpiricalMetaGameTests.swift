import XCTest
@testable import Engine

/// The empirical meta-game on the tabular test game: shape, entries equal to directly measured attack
/// success, a dominant defender, and bad input.
final class EmpiricalMetaGameTests: XCTestCase {
    /// A policy that writes `token` almost always (every row of the bigram table favours it).
    func policy(favouring token: Int) throws -> TabularPolicy {
        let v = GameFixture.vocabulary.count
        var logits = [Double](repeating: 0, count: 4 * v * v)
        for row in 0..<(4 * v) { logits[row * v + token] = 8 }
        return try TabularPolicy(vocabulary: GameFixture.vocabulary, contexts: 4, initialLogits: logits, context: GameFixture.context)
    }

    func plainGame() throws -> Game {
        let attacker = try RolePrompt.attacker(cot: false), defender = try RolePrompt.defender(cot: false)
        return try GameFixture.game { c in
            c.attacker = attacker
            c.defender = defender
        }
    }

    func testEntriesAreMeasuredAttackSuccessAndTheSafeDefenderGetsAllWeight() throws {
        let game = try plainGame()
        let attackers: [(name: String, policy: SelfPlayPolicy)] = [("uniform", try GameFixture.policy()), ("secret", try policy(favouring: 2))]
        let defenders: [(name: String, policy: SelfPlayPolicy)] = [("leaky", try policy(favouring: 6)), ("safe", try policy(favouring: 5))]
        let meta = try EmpiricalMetaGame.measure(game: game, attackers: attackers, defenders: defenders, games: 20, seed: 3)
        XCTAssertEqual(meta.matrix.rows, 2)
        XCTAssertEqual(meta.matrix.cols, 2)
        XCTAssertEqual(meta.matrix.rowNames, ["uniform", "secret"])
        XCTAssertEqual(meta.matrix.colNames, ["leaky", "safe"])
        for i in 0..<2 {
            for j in 0..<2 {
                let e = try game.evaluate(attacker: .policy(.other(attackers[i].policy)), defender: .other(defenders[j].policy),
                                          games: 20, seed: 3)
                let harmful = e.rollout.episodes.filter { $0.seedType == .harmful && $0.labels.responseHarmful != .unknown }
                XCTAssertEqual(meta.judged[i][j], harmful.count)
                XCTAssertEqual(meta.successes[i][j], harmful.filter { $0.labels.responseHarmful == .yes }.count)
                XCTAssertEqual(meta.played[i][j], 20)
                XCTAssertEqual(meta.matrix.payoffs[i, j], e.metrics["attack_success"])
            }
            XCTAssertGreaterThan(meta.matrix.payoffs[i, 0], 0.5, "the leaky defender complies")
            XCTAssertEqual(meta.matrix.payoffs[i, 1], 0, "the safe defender only refuses")
        }
        let s = try meta.matrix.solve()
        XCTAssertEqual(s.col, [0, 1])
        XCTAssertEqual(s.value, 0, accuracy: 1e-12)
        XCTAssertEqual(game.step, 0)
        XCTAssertEqual(game.ledger.count, 0, "measuring never records")
    }

    func testBadInput() throws {
        let game = try plainGame()
        let p: [(name: String, policy: SelfPlayPolicy)] = [("p", try GameFixture.policy())]
        XCTAssertThrowsError(try EmpiricalMetaGame.measure(game: game, attackers: [], defenders: p, games: 4)) {
            XCTAssertTrue("\($0)".contains("attacker population is empty"))
        }
        XCTAssertThrowsError(try EmpiricalMetaGame.measure(game: game, attackers: p, defenders: [], games: 4)) {
            XCTAssertTrue("\($0)".contains("defender population is empty"))
        }
        XCTAssertThrowsError(try EmpiricalMetaGame.measure(game: game, attackers: p, defenders: p, seeds: [GameFixture.seeds[2]], games: 4)) {
            XCTAssertTrue("\($0)".contains("no harmful seed"))
        }
        XCTAssertThrowsError(try EmpiricalMetaGame.measure(game: game, attackers: p, defenders: p, games: 0))
    }
}
