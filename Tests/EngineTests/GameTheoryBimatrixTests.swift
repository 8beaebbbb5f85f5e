import XCTest
@testable import Engine

/// General-sum games: equilibria by support enumeration and Lemke-Howson, NashConv, best responses.
final class GameTheoryBimatrixTests: XCTestCase {
    private func assertClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (u, v) in zip(a, b) { XCTAssertEqual(u, v, accuracy: tolerance, "\(a) vs \(b)", file: file, line: line) }
    }

    /// Battle of the sexes: (opera, opera), (football, football), and the mixed equilibrium where the
    /// row player plays opera with 3/5 (making the column player indifferent: 2·3/5 = 3·2/5) and the
    /// column player plays opera with 2/5; both then get 6/5.
    func testBattleOfTheSexesHasThreeEquilibria() throws {
        let bos = try BimatrixGame([[3, 0], [0, 2]], [[2, 0], [0, 3]])
        let sol = try bos.equilibria()
        XCTAssertEqual(sol.method, .supportEnumeration)
        XCTAssertTrue(sol.exhaustive)
        XCTAssertEqual(sol.equilibria.count, 3)
        let e = sol.equilibria
        assertClose(e[0].row, [1, 0]); assertClose(e[0].col, [1, 0])
        XCTAssertEqual(e[0].rowPayoff, 3); XCTAssertEqual(e[0].colPayoff, 2)
        assertClose(e[1].row, [0, 1]); assertClose(e[1].col, [0, 1])
        assertClose(e[2].row, [0.6, 0.4]); assertClose(e[2].col, [0.4, 0.6])
        XCTAssertEqual(e[2].rowPayoff, 1.2, accuracy: 1e-12)
        XCTAssertEqual(e[2].colPayoff, 1.2, accuracy: 1e-12)
        for eq in e { XCTAssertEqual(try bos.nashConv(row: eq.row, col: eq.col), 0, accuracy: 1e-12) }
        // Miscoordination (opera, football): both get 0 and each gains 2 by switching.
        XCTAssertEqual(try bos.nashConv(row: [1, 0], col: [0, 1]), 4, accuracy: 1e-12)
        // Lemke-Howson from every label reaches equilibria from this same set.
        let lh = try bos.equilibria(method: .lemkeHowson)
        XCTAssertFalse(lh.equilibria.isEmpty)
        for eq in lh.equilibria { XCTAssertTrue(e.contains { $0.isClose(to: eq) }) }
    }

    /// Prisoner's dilemma: defecting strictly dominates, so (defect, defect) is the only equilibrium.
    func testPrisonersDilemmaDominantStrategy() throws {
        let pd = try BimatrixGame([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                  rowNames: ["cooperate", "defect"], colNames: ["cooperate", "defect"])
        let sol = try pd.equilibria()
        XCTAssertEqual(sol.equilibria.count, 1)
        assertClose(sol.equilibria[0].row, [0, 1]); assertClose(sol.equilibria[0].col, [0, 1])
        XCTAssertEqual(try pd.rowBestResponse(to: [1, 0]), BestResponse(actions: [1], value: 5))
        XCTAssertEqual(try pd.colBestResponse(to: [0, 1]), BestResponse(actions: [1], value: 1))
        XCTAssertEqual(try pd.lemkeHowson(startLabel: 0).row, [0, 1])
        XCTAssertEqual(try pd.nashConv(row: [1, 0], col: [1, 0]), 4, accuracy: 1e-12)
    }

    func testZeroSumDetectionAndConversion() throws {
        let mp = try MatrixGame([[1, -1], [-1, 1]])
        XCTAssertTrue(mp.asBimatrix.isZeroSum())
        XCTAssertFalse(try BimatrixGame([[1]], [[1]]).isZeroSum())
        let eqs = try mp.asBimatrix.supportEnumeration()
        XCTAssertEqual(eqs.count, 1)
        assertClose(eqs[0].row, [0.5, 0.5])
    }

    /// Every Lemke-Howson endpoint on random games must be an equilibrium (NashConv ~ 0), and in
    /// generic small games it must be one of the equilibria that support enumeration lists.
    func testLemkeHowsonAgreesWithSupportEnumeration() throws {
        var rng = SeededRandom(seed: 99)
        for trial in 0..<150 {
            let m = 1 + rng.nextInt(below: 5), n = 1 + rng.nextInt(below: 5)
            let a: [[Double]] = (0..<m).map { _ in (0..<n).map { _ in rng.nextGaussian() } }
            let b: [[Double]] = (0..<m).map { _ in (0..<n).map { _ in rng.nextGaussian() } }
            let g = try BimatrixGame(a, b)
            let all = try g.supportEnumeration()
            XCTAssertFalse(all.isEmpty)
            // A generic game has an odd number of equilibria.
            XCTAssertEqual(all.count % 2, 1, "trial \(trial)")
            for e in all { XCTAssertLessThan(try g.nashConv(row: e.row, col: e.col), 1e-9) }
            for label in 0..<(m + n) {
                let e = try g.lemkeHowson(startLabel: label)
                XCTAssertLessThan(try g.nashConv(row: e.row, col: e.col), 1e-9)
                XCTAssertTrue(all.contains { $0.isClose(to: e, tolerance: 1e-6) }, "trial \(trial) label \(label)")
            }
        }
    }

    /// Games too large for support enumeration go to Lemke-Howson, which still finds equilibria;
    /// degenerate games (integer payoffs with ties) too.
    func testLargeAndDegenerateGames() throws {
        var rng = SeededRandom(seed: 3)
        let a: [[Double]] = (0..<15).map { _ in (0..<15).map { _ in Double(rng.nextInt(below: 5)) } }
        let b: [[Double]] = (0..<15).map { _ in (0..<15).map { _ in Double(rng.nextInt(below: 5)) } }
        let g = try BimatrixGame(a, b)
        XCTAssertGreaterThan(g.supportPairCount, BimatrixGame.supportEnumerationLimit)
        XCTAssertThrowsError(try g.supportEnumeration())
        let sol = try g.equilibria()
        XCTAssertEqual(sol.method, .lemkeHowson)
        XCTAssertFalse(sol.exhaustive)
        XCTAssertFalse(sol.equilibria.isEmpty)
        for e in sol.equilibria { XCTAssertLessThan(try g.nashConv(row: e.row, col: e.col), 1e-9) }

        // A constant game: every profile is an equilibrium; the pure ones are listed.
        let c = try BimatrixGame([[1, 1], [1, 1]], [[0, 0], [0, 0]])
        XCTAssertEqual(try c.equilibria().equilibria.count, 4)
        XCTAssertThrowsError(try c.lemkeHowson(startLabel: 4))
    }

    /// Lemke-Howson stops when its work budget is spent: one path errors, the all-labels search
    /// keeps what it found before the budget ran out.
    func testLemkeHowsonWorkBudget() throws {
        var rng = SeededRandom(seed: 8)
        let g = try BimatrixGame((0..<20).map { _ in (0..<20).map { _ in rng.nextGaussian() } },
                                 (0..<20).map { _ in (0..<20).map { _ in rng.nextGaussian() } })
        XCTAssertThrowsError(try g.lemkeHowson(startLabel: 0, workBudget: 100)) { error in
            XCTAssertTrue((error as? EngineError)?.message.hasPrefix("Lemke-Howson from label 0 gave up after") ?? false)
        }
        let unlimited = try g.lemkeHowsonFromAllLabels()
        // A budget that covers a few paths but not all forty still returns equilibria.
        let limited = try g.lemkeHowsonFromAllLabels(workBudget: 60_000)
        XCTAssertFalse(limited.isEmpty)
        XCTAssertLessThanOrEqual(limited.count, unlimited.count)
        for e in limited { XCTAssertTrue(unlimited.contains { $0.isClose(to: e) }) }
    }

    func testSupportCountsAndSubsets() throws {
        XCTAssertEqual(try BimatrixGame([[0, 0], [0, 0]], [[0, 0], [0, 0]]).supportPairCount, 5)   // C(4,2) - 1
        XCTAssertEqual(BimatrixGame.subsets(of: 4, size: 2), [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]])
        XCTAssertEqual(BimatrixGame.subsets(of: 3, size: 0), [])
    }
}
