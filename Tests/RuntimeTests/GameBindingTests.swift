import XCTest
@testable import Runtime

/// The game-theory builtins called directly through the builtin registry (the same entry points the
/// interpreter uses), checking values, help lines and error messages.
final class GameBindingTests: XCTestCase {
    private func call(_ name: String, _ positional: [Value], _ labeled: [(String, Value)] = []) throws -> Value {
        guard let entry = Builtins.allEntries.first(where: { $0.name == name }), case .builtin(let b) = entry.value else {
            XCTFail("no builtin \(name)"); return .null
        }
        return try b.body(Arguments(callee: name, positional: positional, labeled: labeled.map { (label: $0.0, value: $0.1) }))
    }

    private func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    private func nums(_ xs: [Double]) -> Value { .list(xs.map { .number($0) }) }
    private func matrix(_ rows: [[Double]]) -> Value { .list(rows.map { nums($0) }) }
    private func strs(_ xs: [String]) -> Value { .list(xs.map { .string($0) }) }

    private func numbers(_ v: Value?) -> [Double] {
        guard case .list(let l)? = v else { return [] }
        return l.items.compactMap { if case .number(let d) = $0 { return d } else { return nil } }
    }
    private func number(_ v: Value?) -> Double? { if case .number(let d)? = v { return d } else { return nil } }
    private func record(_ v: Value) -> RecordObject? { if case .record(let r) = v { return r } else { return nil } }

    private var rps: Value {
        get throws { try call("matrix_game", [matrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])], [("rows", strs(["R", "P", "S"])), ("cols", strs(["R", "P", "S"]))]) }
    }

    func testMatrixGameValueAndFields() throws {
        let g = try rps
        guard case .native(let n) = g else { return XCTFail("not a native value") }
        XCTAssertEqual(n.typeName, "matrix_game")
        XCTAssertEqual(n.summary, "<matrix_game 3x3 zero-sum>")
        XCTAssertEqual(n.showText.split(separator: "\n").map(String.init),
                       ["<matrix_game 3x3 zero-sum>", "    R   P   S", "R   0  -1   1", "P   1   0  -1", "S  -1   1   0"])
        XCTAssertEqual(number(try n.member("rows")), 3)
        XCTAssertEqual(numbers(try n.member("B").flatMap { v -> Value? in if case .list(let l) = v { return l.items.first } else { return nil } }), [0, 1, -1])
        XCTAssertNil(try n.member("nope"))
        XCTAssertNotNil(Builtins.helpLine("matrix_game.nash"))
        XCTAssertNotNil(Builtins.helpLine("hedge"))
        XCTAssertTrue(n.memberNames.contains("exploitability"))
        // Structural equality.
        guard case .native(let other) = try rps else { return XCTFail() }
        XCTAssertTrue(n.equals(other))
    }

    /// `:help` finds the builtins, the methods through a game held in a variable, and its fields.
    func testHelpThroughASession() {
        let session = Session(out: { _ in }, err: { _ in })
        XCTAssertEqual(session.run(source: "let g = matrix_game([[1, -1], [-1, 1]])", path: "t.spar"), .ok)
        XCTAssertTrue(session.help("nash")?.hasPrefix("nash(g, method:") ?? false)
        XCTAssertEqual(session.help("g.exploitability"), session.help("exploitability"))
        XCTAssertEqual(session.help("g.row_names"), "names of the row actions (r0, r1, ... by default)")
        for name in ["matrix_game", "bimatrix_game", "payoff", "best_response", "nash_conv", "fictitious_play",
                     "regret_matching", "hedge", "best_response_dynamics"] {
            XCTAssertNotNil(session.help(name), name)
        }
    }

    func testNashForBothKindsOfGame() throws {
        let s = try XCTUnwrap(record(try call("nash", [try rps])))
        for (u, v) in zip(numbers(s["row"]), [1.0 / 3, 1.0 / 3, 1.0 / 3]) { XCTAssertEqual(u, v, accuracy: 1e-12) }
        XCTAssertEqual(try XCTUnwrap(number(s["value"])), 0, accuracy: 1e-12)

        let bos = try call("bimatrix_game", [matrix([[3, 0], [0, 2]]), matrix([[2, 0], [0, 3]])])
        guard case .list(let eqs) = try call("nash", [bos]) else { return XCTFail("nash of a bimatrix game is a list") }
        XCTAssertEqual(eqs.items.count, 3)
        let mixed = try XCTUnwrap(record(eqs.items[2]))
        XCTAssertEqual(numbers(mixed["row"])[0], 0.6, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(number(mixed["col_payoff"])), 1.2, accuracy: 1e-12)
        guard case .list(let lh) = try call("nash", [bos], [("method", .string("lemke_howson"))]) else { return XCTFail() }
        XCTAssertFalse(lh.items.isEmpty)
        // The method form gives the same answer.
        guard case .native(let n) = try rps else { return XCTFail() }
        let viaMethod = try XCTUnwrap(record(try XCTUnwrap(try n.call(method: "nash", Arguments(callee: "nash", positional: [])))))
        XCTAssertEqual(numbers(viaMethod["col"]), numbers(s["col"]))
    }

    func testMeasuresOfStrategies() throws {
        let g = try rps
        let u = nums([1.0 / 3, 1.0 / 3, 1.0 / 3]), rock = nums([1, 0, 0])
        XCTAssertEqual(number(try call("exploitability", [g], [("row", rock), ("col", u)])) ?? -1, 1, accuracy: 1e-12)
        XCTAssertEqual(number(try call("nash_conv", [g], [("row", u), ("col", u)])) ?? -1, 0, accuracy: 1e-12)
        XCTAssertEqual(number(try call("payoff", [g], [("row", rock), ("col", nums([0, 1, 0]))])), -1)
        let br = try XCTUnwrap(record(try call("best_response", [g], [("row", rock)])))
        if case .string(let a)? = br["action"] { XCTAssertEqual(a, "P") } else { XCTFail("action") }
        if case .string(let p)? = br["player"] { XCTAssertEqual(p, "col") } else { XCTFail("player") }
        XCTAssertEqual(number(br["value"]), 1)   // the column player's own payoff
        let bos = try call("bimatrix_game", [matrix([[3, 0], [0, 2]]), matrix([[2, 0], [0, 3]])])
        let p = try XCTUnwrap(record(try call("payoff", [bos], [("row", nums([1, 0])), ("col", nums([1, 0]))])))
        XCTAssertEqual(number(p["row"]), 3); XCTAssertEqual(number(p["col"]), 2)
    }

    func testDynamicsRecords() throws {
        let g = try rps
        let r = try XCTUnwrap(record(try call("hedge", [g], [("lr", .number(0.05)), ("steps", .number(300)),
                                                             ("row", nums([0.7, 0.2, 0.1])), ("col", nums([0.1, 0.3, 0.6]))])))
        XCTAssertEqual(r.keys, ["method", "steps", "step", "row", "col", "row_avg", "col_avg", "exploitability", "last_exploitability"])
        let e = numbers(r["exploitability"])
        XCTAssertEqual(e.count, 300)
        XCTAssertLessThan(e[299], e[0] / 3)
        for name in ["fictitious_play", "regret_matching", "best_response_dynamics"] {
            let t = try XCTUnwrap(record(try call(name, [g], [("steps", .number(10))])))
            XCTAssertEqual(number(t["steps"]), 10)
        }
    }

    func testErrorsNameTheProblem() throws {
        let g = try rps
        XCTAssertEqual(message { _ = try call("matrix_game", [.number(3)]) },
                       "matrix_game: A must be a list of rows (lists of numbers), not number")
        XCTAssertEqual(message { _ = try call("matrix_game", [.list([nums([1]), .string("x")])]) },
                       "matrix_game: A row 1 must be a list of numbers, not string")
        XCTAssertEqual(message { _ = try call("matrix_game", [matrix([[1, 2], [3]])]) },
                       "payoff matrix is not rectangular: row 0 has 2 entries but row 1 has 1")
        XCTAssertEqual(message { _ = try call("matrix_game", [matrix([])]) }, "payoff matrix is empty: it needs at least one row")
        XCTAssertEqual(message { _ = try call("matrix_game", [matrix([[1]])], [("rows", strs(["a", "b"]))]) },
                       "2 row action names given but the row player has 1 actions")
        XCTAssertEqual(message { _ = try call("nash", [.number(1)]) },
                       "nash: argument 1 must be a matrix_game or bimatrix_game, not number")
        XCTAssertEqual(message { _ = try call("nash", [g], [("method", .string("magic"))]) },
                       "nash: unknown method \"magic\"; use \"auto\", \"support\" or \"lemke_howson\"")
        XCTAssertEqual(message { _ = try call("exploitability", [g], [("row", nums([1, 0, 0]))]) },
                       "exploitability: missing argument 'col' (a mixed strategy)")
        XCTAssertEqual(message { _ = try call("exploitability", [g], [("row", nums([1, 0, 0])), ("col", nums([0.5, 0.6, 0]))]) },
                       "column strategy sums to 1.1, not 1 (tolerance 1e-06)")
        XCTAssertEqual(message { _ = try call("best_response", [g]) },
                       "best_response: give exactly one of row: (to answer the row strategy) or col: (to answer the column strategy)")
        let bos = try call("bimatrix_game", [matrix([[3, 0], [0, 2]]), matrix([[2, 0], [0, 3]])])
        XCTAssertEqual(message { _ = try call("exploitability", [bos], [("row", nums([1, 0])), ("col", nums([1, 0]))]) },
                       "exploitability: the game is a general-sum bimatrix_game; use nash_conv(g, row:, col:)")
        XCTAssertEqual(message { _ = try call("fictitious_play", [g], [("steps", .number(2.5))]) },
                       "fictitious_play: argument 'steps' must be an integer, not 2.5")
        XCTAssertEqual(message { _ = try call("hedge", [g], [("lr", .number(-1))]) },
                       "hedge learning rate must be a positive finite number, got -1")
        XCTAssertEqual(message { _ = try call("regret_matching", [g], [("speed", .number(1))]) },
                       "regret_matching has no parameter 'speed'")
    }
}
