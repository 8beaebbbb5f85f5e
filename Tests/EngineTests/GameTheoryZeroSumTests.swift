import XCTest
@testable import Engine

/// Zero-sum games with known solutions: the LP solver must find them, and exploitability must be zero
/// at the equilibrium and positive away from it.
final class GameTheoryZeroSumTests: XCTestCase {
    private func assertClose(_ a: [Double], _ b: [Double], tolerance: Double = 1e-9, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for (u, v) in zip(a, b) { XCTAssertEqual(u, v, accuracy: tolerance, "\(a) vs \(b)", file: file, line: line) }
    }

    func testRockPaperScissorsIsUniformWithValueZero() throws {
        let rps = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        let s = try rps.solve()
        assertClose(s.row, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        assertClose(s.col, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        XCTAssertEqual(s.value, 0, accuracy: 1e-12)
        XCTAssertEqual(try rps.exploitability(row: s.row, col: s.col), 0, accuracy: 1e-12)
        // Pure rock against uniform: the column player switches to paper and gains 1; the row player
        // gains nothing (every row is a best response to uniform).
        XCTAssertEqual(try rps.exploitability(row: [1, 0, 0], col: s.col), 1, accuracy: 1e-12)
        XCTAssertEqual(try rps.colBestResponse(to: [1, 0, 0]), BestResponse(actions: [1], value: -1))
        XCTAssertEqual(try rps.rowBestResponse(to: s.col).actions, [0, 1, 2])
    }

    /// The solver's round-off is snapped to the simple fractions the answer stands for, so scripts
    /// print `value: 0` and equal thirds, not `3e-33` and `0.33333333333333326`.
    func testSolutionsAreExactSimpleFractions() throws {
        let rps = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]).solve()
        XCTAssertEqual(rps.row, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        XCTAssertEqual(rps.col, [1.0 / 3, 1.0 / 3, 1.0 / 3])
        XCTAssertEqual(rps.value, 0)
        XCTAssertEqual(rps.value.sign, .plus)
        // A = [[1, -1], [-2, 3]] has no saddle point; equalising payoffs by hand gives
        // x = (5/7, 2/7), y = (4/7, 3/7), v = 1/7.
        let g = try MatrixGame([[1, -1], [-2, 3]]).solve()
        XCTAssertEqual(g.row, [5.0 / 7, 2.0 / 7])
        XCTAssertEqual(g.col, [4.0 / 7, 3.0 / 7])
        XCTAssertEqual(g.value, 1.0 / 7)
        // A number near no simple fraction is left alone.
        XCTAssertEqual(SimpleFraction.snapped(0.123456789, tolerance: 1e-9), 0.123456789)
        XCTAssertEqual(SimpleFraction.snapped(2.0 / 3 + 1e-13, tolerance: 1e-9), 2.0 / 3)
    }

    func testMatchingPennies() throws {
        let mp = try MatrixGame([[1, -1], [-1, 1]], rowNames: ["heads", "tails"], colNames: ["heads", "tails"])
        let s = try mp.solve()
        assertClose(s.row, [0.5, 0.5])
        assertClose(s.col, [0.5, 0.5])
        XCTAssertEqual(s.value, 0, accuracy: 1e-12)
        XCTAssertEqual(try mp.exploitability(row: [0.7, 0.3], col: [0.5, 0.5]), 0.4, accuracy: 1e-12)
        XCTAssertEqual(try mp.expectedPayoff(row: [1, 0], col: [0.25, 0.75]), -0.5, accuracy: 1e-12)
    }

    /// A 2x3 game solved by the graphical method: against x = (p, 1-p) the columns pay 5p-2, 4-5p and
    /// 1+p; the lower envelope peaks where 5p-2 = 4-5p, at p = 3/5 with value 1 (column 2 pays 8/5
    /// there, so it is not used). Columns 0 and 1 equalise the rows at q = 1/2.
    func testTwoByThreeGraphicalSolution() throws {
        let g = try MatrixGame([[3, -1, 2], [-2, 4, 1]])
        let s = try g.solve()
        assertClose(s.row, [0.6, 0.4])
        assertClose(s.col, [0.5, 0.5, 0])
        XCTAssertEqual(s.value, 1, accuracy: 1e-12)
    }

    /// The invertible-matrix example of Ferguson's Game Theory notes (Part II), solved by equalising: the
    /// 3x3 game below has value -1/13, x = (6, 3, 4)/13 and y = (6, 4, 3)/13.
    func testThreeByThreeTextbookSolution() throws {
        let g = try MatrixGame([[1, -1, -1], [-1, -1, 3], [-1, 2, -1]])
        let s = try g.solve()
        assertClose(s.row, [6.0 / 13, 3.0 / 13, 4.0 / 13])
        assertClose(s.col, [6.0 / 13, 4.0 / 13, 3.0 / 13])
        XCTAssertEqual(s.value, -1.0 / 13, accuracy: 1e-12)
    }

    /// A symmetric (skew) 3x3 game: value 0, and x = (1/2, 1/3, 1/6) makes every column pay 0.
    func testSkewSymmetricThreeByThree() throws {
        let g = try MatrixGame([[0, 1, -2], [-1, 0, 3], [2, -3, 0]])
        let s = try g.solve()
        assertClose(s.row, [0.5, 1.0 / 3, 1.0 / 6])
        assertClose(s.col, [0.5, 1.0 / 3, 1.0 / 6])
        XCTAssertEqual(s.value, 0, accuracy: 1e-12)
    }

    /// Row 0 dominates row 1 and column 1 dominates column 0 for the minimiser: a saddle point.
    func testDominantStrategiesGiveASaddlePoint() throws {
        let g = try MatrixGame([[3, 2], [1, 0]])
        let s = try g.solve()
        assertClose(s.row, [1, 0])
        assertClose(s.col, [0, 1])
        XCTAssertEqual(s.value, 2, accuracy: 1e-12)
        XCTAssertEqual(try g.exploitability(row: [0.5, 0.5], col: [0, 1]), 1, accuracy: 1e-12)
    }

    func testConstantAndSingleActionGames() throws {
        let c = try MatrixGame([[2, 2], [2, 2]])
        let s = try c.solve()
        XCTAssertEqual(s.value, 2)
        XCTAssertEqual(try c.exploitability(row: s.row, col: s.col), 0)
        let one = try MatrixGame([[4, -1, 7]])
        let t = try one.solve()
        assertClose(t.row, [1])
        assertClose(t.col, [0, 1, 0])
        XCTAssertEqual(t.value, -1, accuracy: 1e-12)
    }

    func testExploitabilityIsPositiveAwayFromEquilibrium() throws {
        let g = try MatrixGame([[1, -1, -1], [-1, -1, 3], [-1, 2, -1]])
        let s = try g.solve()
        var rng = SeededRandom(seed: 11)
        for _ in 0..<50 {
            // Perturb the row strategy towards a random pure action: the column player can then gain.
            let k = rng.nextInt(below: 3), eps = 0.05 + 0.5 * rng.nextDouble()
            let x = s.row.enumerated().map { $0.offset == k ? (1 - eps) * $0.element + eps : (1 - eps) * $0.element }
            XCTAssertGreaterThan(try g.exploitability(row: x, col: s.col), 1e-6)
        }
    }

    /// Scaling and shifting payoffs must not change the strategies; the value follows the map.
    func testPositiveAffineMapsOnlyMoveTheValue() throws {
        let base = [[1.0, -1, -1], [-1, -1, 3], [-1, 2, -1]]
        let g = try MatrixGame(base.map { $0.map { 1e6 * $0 + 3e6 } })
        let s = try g.solve()
        assertClose(s.row, [6.0 / 13, 3.0 / 13, 4.0 / 13])
        XCTAssertEqual(s.value, 1e6 * (-1.0 / 13) + 3e6, accuracy: 1e-6)
        let tiny = try MatrixGame(base.map { $0.map { 1e-9 * $0 } })
        assertClose(try tiny.solve().col, [6.0 / 13, 4.0 / 13, 3.0 / 13])
        // Payoffs near the largest Double: max − min would overflow without care.
        let huge = try MatrixGame(base.map { $0.map { 5e307 * $0 } })
        let h = try huge.solve()
        assertClose(h.row, [6.0 / 13, 3.0 / 13, 4.0 / 13])
        XCTAssertEqual(h.value / 5e307, -1.0 / 13, accuracy: 1e-9)
        let hugeBimatrix = try BimatrixGame(base.map { $0.map { 5e307 * $0 } }, base.map { $0.map { -5e307 * $0 } })
        assertClose(try hugeBimatrix.lemkeHowson(startLabel: 0).col, [6.0 / 13, 4.0 / 13, 3.0 / 13])
    }
}
