import XCTest
@testable import Engine

/// The simplex solver on textbook linear programs (including one that cycles under naive pivoting),
/// and the matrix-game solver against independent brute force on hundreds of seeded random games.
final class GameTheorySimplexTests: XCTestCase {
    func testTextbookLinearPrograms() throws {
        // max 3x + 2y, x + y <= 4, x + 3y <= 6: optimum at (4, 0), duals (3, 0).
        let a = try SimplexSolver().solve(LinearProgram(objective: [3, 2], constraints: [[1, 1], [1, 3]], bounds: [4, 6]))
        XCTAssertEqual(a.objective, 12, accuracy: 1e-12)
        XCTAssertEqual(a.x[0], 4, accuracy: 1e-12); XCTAssertEqual(a.x[1], 0, accuracy: 1e-12)
        XCTAssertEqual(a.duals[0], 3, accuracy: 1e-12); XCTAssertEqual(a.duals[1], 0, accuracy: 1e-12)

        // Chvátal, Linear Programming, chapter 2: optimum 13 at (2, 0, 1).
        let b = try SimplexSolver().solve(LinearProgram(objective: [5, 4, 3],
                                                        constraints: [[2, 3, 1], [4, 1, 2], [3, 4, 2]], bounds: [5, 11, 8]))
        XCTAssertEqual(b.objective, 13, accuracy: 1e-12)
        for (u, v) in zip(b.x, [2.0, 0, 1]) { XCTAssertEqual(u, v, accuracy: 1e-12) }
        // Strong duality: bᵀu = cᵀx.
        XCTAssertEqual(zip([5.0, 11, 8], b.duals).map(*).reduce(0, +), 13, accuracy: 1e-12)

        // Klee-Minty cube in 3 dimensions: optimum 10000 at (0, 0, 10000).
        let k = try SimplexSolver().solve(LinearProgram(objective: [100, 10, 1],
                                                        constraints: [[1, 0, 0], [20, 1, 0], [200, 20, 1]], bounds: [1, 100, 10000]))
        XCTAssertEqual(k.objective, 10000, accuracy: 1e-9)
    }

    /// Two classic examples that cycle for ever under Dantzig's rule with naive tie-breaking (Beale
    /// 1955, and Chvátal's textbook example); both have the optimum at x = (1, 0, 1, 0). The solver
    /// must reach it with its default rule and with Bland's rule from the first pivot, and the duals
    /// must certify optimality (Aᵀu ≥ c, u ≥ 0, bᵀu = cᵀx).
    func testCyclingExamplesTerminate() throws {
        let beale = try LinearProgram(objective: [0.75, -20, 0.5, -6],
                                      constraints: [[0.25, -8, -1, 9], [0.5, -12, -0.5, 3], [0, 0, 1, 0]],
                                      bounds: [0, 0, 1])
        let chvatal = try LinearProgram(objective: [10, -57, -9, -24],
                                        constraints: [[0.5, -5.5, -2.5, 9], [0.5, -1.5, -0.5, 1], [1, 0, 0, 0]],
                                        bounds: [0, 0, 1])
        var blandOnly = SimplexSolver()
        blandOnly.degenerateRunBeforeBland = 0
        for (lp, optimum) in [(beale, 1.25), (chvatal, 1.0)] {
            for solver in [SimplexSolver(), blandOnly] {
                let s = try solver.solve(lp)
                XCTAssertEqual(s.objective, optimum, accuracy: 1e-12)
                for (u, v) in zip(s.x, [1.0, 0, 1, 0]) { XCTAssertEqual(u, v, accuracy: 1e-12) }
                XCTAssertEqual(zip(lp.bounds, s.duals).map(*).reduce(0, +), optimum, accuracy: 1e-12)
                for j in 0..<4 {
                    let reduced = (0..<3).map { lp.constraints[$0 * 4 + j] * s.duals[$0] }.reduce(0, +)
                    XCTAssertGreaterThanOrEqual(reduced, lp.objective[j] - 1e-12)
                }
            }
        }
        // Without the switch to Bland's rule, Chvátal's example really does cycle until the pivot
        // budget runs out: the anti-cycling rule is what makes the solver terminate.
        var dantzigOnly = SimplexSolver()
        dantzigOnly.degenerateRunBeforeBland = Int.max
        XCTAssertThrowsError(try dantzigOnly.solve(chvatal)) { error in
            XCTAssertTrue((error as? EngineError)?.message.contains("no optimum after") ?? false)
        }
    }

    func testUnboundedAndMalformedProgramsThrow() {
        XCTAssertThrowsError(try SimplexSolver().solve(LinearProgram(objective: [1, 0], constraints: [[-1, 1]], bounds: [1])))
        XCTAssertThrowsError(try LinearProgram(objective: [1], constraints: [[1]], bounds: [-1]))
        XCTAssertThrowsError(try LinearProgram(objective: [1, 2], constraints: [[1]], bounds: [1]))
    }

    /// Random games of every size from 1x1 to 6x6 with integer payoffs (many ties, so degenerate LPs)
    /// and Gaussian payoffs. For each, the returned strategies must certify the value exactly:
    /// x guarantees at least v against every column and y concedes at most v against every row.
    /// Independently, the value must match a fine grid search (2 x n games) and the row payoff of
    /// every equilibrium found by support enumeration (games up to 5 x 5).
    func testSolverAgainstBruteForceOnRandomGames() throws {
        var rng = SeededRandom(seed: 2026)
        var checkedGrid = 0, checkedEnumeration = 0
        for trial in 0..<400 {
            let m = 1 + rng.nextInt(below: 6), n = 1 + rng.nextInt(below: 6)
            let integer = trial % 2 == 0
            let a: [[Double]] = (0..<m).map { _ in (0..<n).map { _ in
                integer ? Double(rng.nextInt(below: 7) - 3) : rng.nextGaussian() } }
            let g = try MatrixGame(a)
            let s = try g.solve()
            try MixedStrategy.validate(s.row, actions: m, player: "row")
            try MixedStrategy.validate(s.col, actions: n, player: "column")
            let guaranteed = g.payoffs.colPayoffs(against: s.row).min()!
            let conceded = g.payoffs.rowPayoffs(against: s.col).max()!
            XCTAssertEqual(guaranteed, s.value, accuracy: 1e-9, "trial \(trial): \(a)")
            XCTAssertEqual(conceded, s.value, accuracy: 1e-9, "trial \(trial): \(a)")
            XCTAssertLessThan(try g.exploitability(row: s.row, col: s.col), 1e-9)

            if m == 2 {
                // max over p of min over columns, on a grid of step 1e-4; the min is Lipschitz in p
                // with constant max|a0j - a1j|, so the grid is within step * that of the value.
                var best = -Double.infinity
                let lipschitz = (0..<n).map { abs(a[0][$0] - a[1][$0]) }.max()!
                for k in 0...10_000 {
                    let p = Double(k) / 10_000
                    best = max(best, (0..<n).map { p * a[0][$0] + (1 - p) * a[1][$0] }.min()!)
                }
                XCTAssertEqual(best, s.value, accuracy: 1e-4 * lipschitz + 1e-12, "trial \(trial)")
                checkedGrid += 1
            }
            if m <= 5 && n <= 5 {
                let eqs = try g.asBimatrix.supportEnumeration()
                for e in eqs { XCTAssertEqual(e.rowPayoff, s.value, accuracy: 1e-8, "trial \(trial)") }
                if !integer { XCTAssertFalse(eqs.isEmpty, "trial \(trial): a generic game has an equilibrium") }
                checkedEnumeration += 1
            }
        }
        XCTAssertGreaterThan(checkedGrid, 40)
        XCTAssertGreaterThan(checkedEnumeration, 200)
    }

    /// Larger games with payoffs in {-1, 0, 1} are highly degenerate (many ties in the ratio test);
    /// the solution must still certify the value.
    func testLargeDegenerateGames() throws {
        var rng = SeededRandom(seed: 17)
        for (m, n) in [(20, 20), (40, 25), (25, 40), (50, 50)] {
            let a: [[Double]] = (0..<m).map { _ in (0..<n).map { _ in Double(rng.nextInt(below: 3) - 1) } }
            let g = try MatrixGame(a)
            let s = try g.solve()
            XCTAssertEqual(g.payoffs.colPayoffs(against: s.row).min()!, s.value, accuracy: 1e-9, "\(m)x\(n)")
            XCTAssertEqual(g.payoffs.rowPayoffs(against: s.col).max()!, s.value, accuracy: 1e-9, "\(m)x\(n)")
        }
    }

    /// A larger random game is still solved exactly, in a handful of pivots per action.
    func testLargerRandomGame() throws {
        var rng = SeededRandom(seed: 5)
        let a: [[Double]] = (0..<60).map { _ in (0..<80).map { _ in rng.nextGaussian() } }
        let g = try MatrixGame(a)
        let s = try g.solve()
        XCTAssertLessThan(try g.exploitability(row: s.row, col: s.col), 1e-9)
        XCTAssertLessThan(s.pivots, 100 * (60 + 80))
    }
}
