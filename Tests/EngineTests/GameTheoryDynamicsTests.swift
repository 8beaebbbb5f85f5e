import XCTest
@testable import Engine

/// Learning dynamics: no-regret and fictitious-play averages approach equilibrium, naive best-response
/// self-play cycles, trajectories are consistent, and bad arguments are errors.
final class GameTheoryDynamicsTests: XCTestCase {
    let rps = try! MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    /// A start away from equilibrium (uniform is already the RPS equilibrium).
    let startRow = [0.7, 0.2, 0.1], startCol = [0.1, 0.3, 0.6]

    func testAveragesApproachEquilibrium() throws {
        let ferguson = try MatrixGame([[1, -1, -1], [-1, -1, 3], [-1, 2, -1]])
        for game in [rps, ferguson] {
            let (lo, hi) = game.payoffs.range
            for rule in [LearningRule.fictitiousPlay, .regretMatching, .hedge(learningRate: 0.05)] {
                let run = try game.learn(rule, steps: 2000, row: startRow, col: startCol)
                XCTAssertEqual(run.steps, 2000)
                let first = run.exploitability[0], last = run.exploitability[1999]
                // Far from equilibrium at the start; after 2000 steps within 4% of the payoff range, and
                // still falling (at most half of what it was after 200 steps).
                XCTAssertGreaterThan(first, 0.3, "\(rule.name)")
                XCTAssertLessThan(last, 0.04 * (hi - lo), "\(rule.name) on \(game.payoffs.values)")
                XCTAssertLessThan(last, 0.5 * run.exploitability[199], "\(rule.name) on \(game.payoffs.values)")
                // The averages are what the recorded exploitability measures.
                XCTAssertEqual(last, try game.exploitability(row: run.rowAverages[1999], col: run.colAverages[1999]), accuracy: 1e-12)
            }
        }
    }

    /// Best response to the opponent's last move in RPS: from (rock, rock) both players move to
    /// paper, then scissors, then rock: the last iterate cycles with period 3 through symmetric pure
    /// profiles, where each player gains 1 by switching, so its exploitability stays at 2.
    func testBestResponseDynamicsCycle() throws {
        let run = try rps.learn(.bestResponse, steps: 30, row: [1, 0, 0], col: [1, 0, 0])
        XCTAssertEqual(run.rowStrategies[1], [0, 1, 0])
        XCTAssertEqual(run.rowStrategies[2], [0, 0, 1])
        for t in 3..<30 { XCTAssertEqual(run.rowStrategies[t], run.rowStrategies[t - 3]) }
        for e in run.lastIterateExploitability { XCTAssertEqual(e, 2, accuracy: 1e-12) }
        // The averages of a period-3 cycle through all actions are uniform at the end of each period.
        XCTAssertEqual(run.exploitability[29], 0, accuracy: 1e-12)

        // Matching pennies from an asymmetric start: a period-4 cycle whose last iterate never settles.
        let mp = try MatrixGame([[1, -1], [-1, 1]])
        let cyc = try mp.learn(.bestResponse, steps: 40, row: [1, 0], col: [0, 1])
        for t in 4..<40 { XCTAssertEqual(cyc.rowStrategies[t], cyc.rowStrategies[t - 4]) }
        XCTAssertGreaterThanOrEqual(cyc.lastIterateExploitability.min()!, 2 - 1e-12)
    }

    /// Hedge's last iterate in matching pennies spirals outwards while its average converges.
    func testHedgeLastIterateDoesNotConverge() throws {
        let mp = try MatrixGame([[1, -1], [-1, 1]])
        let run = try mp.learn(.hedge(learningRate: 0.1), steps: 3000, row: [0.6, 0.4], col: [0.5, 0.5])
        XCTAssertLessThan(run.exploitability.last!, 0.1)
        XCTAssertGreaterThan(run.lastIterateExploitability.suffix(500).max()!, 1)
    }

    func testTrajectoryAveragesAreRunningMeans() throws {
        let run = try rps.learn(.regretMatching, steps: 50, row: startRow, col: startCol)
        XCTAssertEqual(run.rowStrategies[0], startRow)
        for t in [0, 9, 49] {
            for i in 0..<3 {
                let mean = (0...t).map { run.rowStrategies[$0][i] }.reduce(0, +) / Double(t + 1)
                XCTAssertEqual(run.rowAverages[t][i], mean, accuracy: 1e-12)
            }
            XCTAssertEqual(run.lastIterateExploitability[t],
                           try rps.exploitability(row: run.rowStrategies[t], col: run.colStrategies[t]), accuracy: 1e-12)
        }
        // Every iterate is a distribution.
        for x in run.rowStrategies + run.colStrategies { XCTAssertNoThrow(try MixedStrategy.validate(x, actions: 3, player: "row")) }
    }

    /// Recording every k-th step keeps exactly those records (and the last) of the full run.
    func testRecordingEveryKthStep() throws {
        let full = try rps.learn(.regretMatching, steps: 1000, row: startRow, col: startCol)
        let sparse = try rps.learn(.regretMatching, steps: 1000, recordEvery: 100, row: startRow, col: startCol)
        XCTAssertEqual(sparse.steps, 1000)
        XCTAssertEqual(sparse.iterations, Array(stride(from: 0, through: 900, by: 100)) + [999])
        for (r, t) in sparse.iterations.enumerated() {
            XCTAssertEqual(sparse.rowAverages[r], full.rowAverages[t])
            XCTAssertEqual(sparse.exploitability[r], full.exploitability[t])
            XCTAssertEqual(sparse.lastIterateExploitability[r], full.lastIterateExploitability[t])
        }
        XCTAssertEqual(full.iterations, Array(0..<1000))
        XCTAssertEqual(try rps.learn(.hedge(learningRate: 0.1), steps: 201, recordEvery: 100).iterations, [0, 100, 200])
    }

    /// General-sum dynamics track NashConv; fictitious play in the prisoner's dilemma locks onto
    /// (defect, defect) after one step.
    func testGeneralSumDynamics() throws {
        let pd = try BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        let run = try pd.learn(.fictitiousPlay, steps: 100)
        for t in 1..<100 { XCTAssertEqual(run.rowStrategies[t], [0, 1]); XCTAssertEqual(run.colStrategies[t], [0, 1]) }
        XCTAssertEqual(run.lastIterateExploitability[99], 0)
        XCTAssertLessThan(run.exploitability[99], 0.05)
    }

    func testBadArgumentsAreErrors() {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "no error" } catch let e as EngineError { return e.message } catch { return "other" }
        }
        XCTAssertEqual(message { _ = try rps.learn(.regretMatching, steps: 0) }, "dynamics need at least 1 step, got 0")
        XCTAssertEqual(message { _ = try rps.learn(.hedge(learningRate: 0), steps: 5) },
                       "hedge learning rate must be a positive finite number, got 0")
        XCTAssertEqual(message { _ = try rps.learn(.hedge(learningRate: .nan), steps: 5) },
                       "hedge learning rate must be a positive finite number, got nan")
        XCTAssertEqual(message { _ = try rps.learn(.fictitiousPlay, steps: 5, row: [1, 0]) },
                       "row strategy has 2 entries but the row player has 3 actions")
        XCTAssertEqual(message { _ = try rps.learn(.fictitiousPlay, steps: 5_000_000) },
                       "recording 5000000 steps of a 3x3 game would keep more than 4000000 numbers; use fewer steps or record every k-th")
        XCTAssertEqual(message { _ = try rps.learn(.fictitiousPlay, steps: 10, recordEvery: 0) },
                       "dynamics record every k-th step with k >= 1, got 0")
        XCTAssertEqual(message { _ = try rps.learn(.fictitiousPlay, steps: 2_000_000_000, recordEvery: 1_000_000_000) },
                       "2000000000 steps of a 3x3 game are more work than one run allows (10000000000 payoff products); use fewer steps")
    }
}
