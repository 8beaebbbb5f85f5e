import XCTest
@testable import Runtime

/// An evaluation in a notebook report: its summary, the bar chart by category as SVG, the tables.
final class EvaluationReportTests: XCTestCase {
    func testReportRendersTheEvaluation() throws {
        let source = """
            # %% Evaluate
            let root = "Tests/DatasetsTests/Samples/safety-data"
            let lm = model.llama(tokenizer.bytes(), layers: 1, width: 16, heads: 2, context: 512, seed: 1)
            let j = judge.fn(fn(p, r) { {refusal: p.contains("kill"), response_harmful: p.contains("MDMA")} })
            show(evaluate(lm, data.load("harmbench", split: "val", root: root) + data.load("alarming_benign")[0..<2], judge: j, max_tokens: 2))
            """
        let result = NotebookReportTests.run(source, path: "eval.spar")
        XCTAssertNil(result.firstFailure, result.firstFailure?.errorText ?? "")
        let outputs = result.cells.flatMap(\.outputs)
        let charts = outputs.compactMap { o -> Chart? in if case .displayed(.chart(let c)) = o { return c } else { return nil } }
        XCTAssertEqual(charts.map(\.kind), [.bar])
        XCTAssertEqual(charts.first?.categories, ["chemical_biological", "copyright", "homonym"])
        let tables = outputs.compactMap { o -> DataTable? in if case .displayed(.table(let t)) = o { return t } else { return nil } }
        XCTAssertEqual(tables.first?.title, "by category")
        XCTAssertEqual(tables.first?.rows.first?.map(\.text), ["chemical_biological", "1", "0", "1.000 (1/1)", "0.000 (0/1)", "-", "0"])
        XCTAssertEqual(tables.last?.title, "worst examples")
        let html = HTMLReport.render(result)
        XCTAssertTrue(html.contains("<title>by category (judge fn)</title>"), "the bar chart is an SVG in the report")
        XCTAssertTrue(html.contains("attack success: 0.500 (1/2)"), "the summary text")
        XCTAssertTrue(html.contains("over-refusal: 0.500 (1/2)"))
        let terminal = BarChartRendering.terminal(charts[0])
        XCTAssertTrue(terminal.contains("chemical_biological"))
        XCTAssertTrue(terminal.contains("█"))
    }
}
