import XCTest
@testable import Engine

/// Bad payoff matrices, names and strategies are EngineErrors with messages that say what is wrong;
/// valid games print as labelled tables.
final class GameTheoryValidationTests: XCTestCase {
    private func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch let e as EngineError { return e.message } catch { return "other error \(error)" }
    }

    func testMatrixShapeAndEntriesAreChecked() {
        XCTAssertEqual(message { _ = try MatrixGame([]) }, "payoff matrix is empty: it needs at least one row")
        XCTAssertEqual(message { _ = try MatrixGame([[]]) }, "payoff matrix is empty: row 0 has no entries")
        XCTAssertEqual(message { _ = try MatrixGame([[1, 2], [3]]) },
                       "payoff matrix is not rectangular: row 0 has 2 entries but row 1 has 1")
        XCTAssertEqual(message { _ = try MatrixGame([[1, .nan]]) },
                       "payoff matrix entry [0][1] is nan; payoffs must be finite numbers")
        XCTAssertEqual(message { _ = try MatrixGame([[1], [-.infinity]]) },
                       "payoff matrix entry [1][0] is -inf; payoffs must be finite numbers")
        XCTAssertEqual(message { _ = try PayoffMatrix(rows: 2, cols: 2, values: [1, 2, 3]) },
                       "payoff matrix: 3 values do not fill shape [2, 2]")
        XCTAssertEqual(message { _ = try PayoffMatrix(rows: 0, cols: 2, values: []) },
                       "payoff matrix is empty: it has shape [0, 2]")
    }

    /// The BLAS-backed products against hand-computed values on a non-square matrix.
    func testPayoffProducts() throws {
        let m = try PayoffMatrix([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.rowPayoffs(against: [1, 0, 1]), [4, 10])
        XCTAssertEqual(m.colPayoffs(against: [0.5, 0.5]), [2.5, 3.5, 4.5])
        XCTAssertEqual(m.expected([0.5, 0.5], [0, 1, 0]), 3.5)
        XCTAssertEqual(m.nested, [[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.negated.values, [-1, -2, -3, -4, -5, -6])
        XCTAssertEqual(m.range.min, 1); XCTAssertEqual(m.range.max, 6)
        XCTAssertEqual(m.scaledToUnitRange?.values, [1, 1.2, 1.4, 1.6, 1.8, 2])
        XCTAssertNil(try PayoffMatrix([[2, 2]]).scaledToUnitRange)
    }

    func testBimatrixShapesMustAgree() {
        XCTAssertEqual(message { _ = try BimatrixGame([[1, 2]], [[1], [2]]) },
                       "payoff matrices A [1, 2] and B [2, 1] must have the same shape")
        XCTAssertEqual(message { _ = try BimatrixGame([[1, 2]], [[1, .infinity]]) },
                       "column payoff matrix B entry [0][1] is inf; payoffs must be finite numbers")
    }

    func testActionNamesAreChecked() throws {
        XCTAssertEqual(message { _ = try MatrixGame([[1, 2]], rowNames: ["a", "b"]) },
                       "2 row action names given but the row player has 1 actions")
        XCTAssertEqual(message { _ = try MatrixGame([[1, 2]], colNames: ["x", "x"]) },
                       "column action name \"x\" is used twice")
        XCTAssertEqual(message { _ = try MatrixGame([[1, 2]], colNames: ["x", ""]) }, "column action name 1 is empty")
        let g = try MatrixGame([[1, 2]])
        XCTAssertEqual(g.rowNames, ["r0"])
        XCTAssertEqual(g.colNames, ["c0", "c1"])
    }

    func testStrategiesMustBeDistributionsOfTheRightLength() throws {
        let g = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        let u = MixedStrategy.uniform(3)
        XCTAssertEqual(message { _ = try g.exploitability(row: [0.5, 0.5], col: u) },
                       "row strategy has 2 entries but the row player has 3 actions")
        XCTAssertEqual(message { _ = try g.exploitability(row: u, col: [1.2, -0.2, 0]) },
                       "column strategy entry 1 is negative (-0.2); probabilities must be >= 0")
        XCTAssertEqual(message { _ = try g.expectedPayoff(row: [0.5, 0.5, 0.1], col: u) },
                       "row strategy sums to 1.1, not 1 (tolerance 1e-06)")
        XCTAssertEqual(message { _ = try g.rowBestResponse(to: [.nan, 0.5, 0.5]) },
                       "column strategy entry 0 is nan; probabilities must be finite")
        // Within tolerance is accepted.
        XCTAssertNoThrow(try g.expectedPayoff(row: [0.5, 0.5 + 5e-7, 0], col: u))
        let bos = try BimatrixGame([[3, 0], [0, 2]], [[2, 0], [0, 3]])
        XCTAssertEqual(message { _ = try bos.nashConv(row: [1, 0], col: [1, 0, 0]) },
                       "column strategy has 3 entries but the column player has 2 actions")
    }

    func testPayoffTablesAreLabelled() throws {
        let rps = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                 rowNames: ["rock", "paper", "scissors"], colNames: ["R", "P", "S"])
        // Names left-aligned in a column as wide as "scissors", cells right-aligned, two spaces apart.
        XCTAssertEqual(rps.table.split(separator: "\n").map(String.init), [
            "           R   P   S",
            "rock       0  -1   1",
            "paper      1   0  -1",
            "scissors  -1   1   0",
        ])
        let bos = try BimatrixGame([[3, 0], [0, 2.5]], [[2, 0], [0, 3]], rowNames: ["opera", "football"])
        XCTAssertEqual(bos.table, """
                                c0      c1
                    opera     3, 2    0, 0
                    football  0, 0  2.5, 3
                    """)
        XCTAssertEqual(PayoffTable.number(1.0 / 3), "0.3333")
        XCTAssertEqual(PayoffTable.number(-0.0), "0")
        XCTAssertEqual(PayoffTable.number(1e20), "1e+20")
    }
}
