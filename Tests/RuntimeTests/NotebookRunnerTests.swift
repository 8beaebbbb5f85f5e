import XCTest
@testable import Runtime

final class NotebookRunnerTests: XCTestCase {
    static let failing = """
        # %% One
        print("one")
        let x = 2
        # %% Two
        x * 21
        # %% Broken
        let y = 1
        y.nope()
        # %% After
        print("after", x)
        # %% [markdown]
        # the end
        """

    func testStopsAtFailingCell() {
        let result = NotebookRunner(path: "nb.spar", source: Self.failing).run()
        XCTAssertEqual(result.cells.map(\.status), [.ok, .ok, .runtimeError, .notRun, .prose])
        XCTAssertEqual(result.cells[0].outputs, [.printed("one\n")])
        XCTAssertEqual(result.cells[1].outputs, [.displayed(.text("42"))], "the last expression is displayed")
        XCTAssertEqual(result.cells[3].outputs, [])
        XCTAssertEqual(result.exitCode, 70)
        XCTAssertEqual(result.firstFailure?.cell.title, "Broken")
        // The error points at the line in the notebook file, not in the cell.
        XCTAssertTrue(result.cells[2].errorText.hasPrefix("nb.spar:8:3: error: number has no method 'nope'"),
                      result.cells[2].errorText)
        XCTAssertTrue(result.cells[2].errorText.contains("y.nope()\n  ^"))
    }

    func testKeepGoingRunsTheRest() {
        let runner = NotebookRunner(path: "nb.spar", source: Self.failing)
        runner.keepGoing = true
        let result = runner.run()
        XCTAssertEqual(result.cells.map(\.status), [.ok, .ok, .runtimeError, .ok, .prose])
        XCTAssertEqual(result.cells[3].outputs, [.printed("after 2\n")], "later cells see earlier definitions")
        XCTAssertEqual(result.exitCode, 70, "a failure still fails the run")
    }

    func testCompileErrorStatus() {
        let result = NotebookRunner(path: "nb.spar", source: "# %%\nlet = 3\n# %%\nprint(1)\n").run()
        XCTAssertEqual(result.cells.map(\.status), [.compileError, .notRun])
        XCTAssertEqual(result.exitCode, 65)
        XCTAssertTrue(result.cells[0].errorText.hasPrefix("nb.spar:2:"), result.cells[0].errorText)
    }

    func testOutputsKeepTheirOrderAndRichValues() {
        let source = """
            # %%
            print("a")
            print("b")
            show(plot([1, 2, 3], title: "t"))
            print("c")
            show([{k: 1}, {k: 2}])
            table([{n: 1.23456}])
            # %%
            7;
            """
        let result = NotebookRunner(path: "nb.spar", source: source).run()
        let outputs = result.cells[0].outputs
        XCTAssertEqual(outputs.count, 5)
        XCTAssertEqual(outputs[0], .printed("a\nb\n"), "consecutive prints merge")
        guard case .displayed(.chart(let chart)) = outputs[1] else { return XCTFail("a chart: \(outputs[1])") }
        XCTAssertEqual(chart.title, "t")
        XCTAssertEqual(outputs[2], .printed("c\n"))
        guard case .displayed(.table(let shown)) = outputs[3] else { return XCTFail("show of records is a table") }
        XCTAssertEqual(shown.rows.map { $0.map(\.text) }, [["1"], ["2"]])
        guard case .displayed(.table(let echoed)) = outputs[4] else { return XCTFail("an echoed table stays a table") }
        XCTAssertEqual(echoed.rows[0][0], DataTable.Cell("1.235", isNumber: true))
        XCTAssertEqual(result.cells[1].outputs, [], "a trailing ; hides the value")
        XCTAssertGreaterThan(result.cells[0].nanoseconds, 0)
    }

    func testNotebookArgumentsAndEmptyCells() {
        let runner = NotebookRunner(path: "nb.spar", source: "# %%\n# %%\nprint(args)\n")
        runner.arguments = ["--small"]
        var log: [String] = []
        runner.log = { log.append($0) }
        let result = runner.run()
        XCTAssertEqual(result.cells.map(\.status), [.ok, .ok])
        XCTAssertEqual(result.cells[1].outputs, [.printed("[\"--small\"]\n")])
        XCTAssertEqual(log.count, 1, "empty cells are not run or logged")
        XCTAssertTrue(log[0].hasPrefix("[2]: ok ("), log[0])
    }
}
