import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Runtime

/// Terminal charts against golden text, SVG well-formedness, scales and argument errors.
final class ChartRenderingTests: XCTestCase {
    static let decay = (0..<30).map { 3 * exp(-Double($0) / 8) + 0.5 }

    func testLineChartGolden() {
        let chart = Chart(kind: .line, series: [ChartSeries(name: "loss", ys: Self.decay)],
                          title: "loss history", xlabel: "step", ylabel: "loss", terminalWidth: 40, terminalHeight: 8)
        GoldenFile.check(TerminalChart.render(chart), against: "charts/line.txt")
    }

    func testTwoSeriesWithGapGolden() {
        var second = Self.decay.map { 4 - $0 }
        second[10] = .nan  // a gap: the line breaks
        let chart = Chart(kind: .line, series: [ChartSeries(name: "loss", ys: Self.decay), ChartSeries(name: "accuracy", ys: second)],
                          terminalWidth: 40, terminalHeight: 8)
        GoldenFile.check(TerminalChart.render(chart), against: "charts/two_series.txt")
    }

    func testScatterGolden() {
        let xs = (0..<12).map { Double($0) }
        let chart = Chart(kind: .scatter, series: [ChartSeries(name: "a", xs: xs, ys: xs.map { $0 * $0 / 10 }),
                                                   ChartSeries(name: "b", xs: xs, ys: xs.map { 12 - $0 })],
                          title: "points", terminalWidth: 30, terminalHeight: 6)
        GoldenFile.check(TerminalChart.render(chart), against: "charts/scatter.txt")
    }

    func testHistogramGolden() {
        let values = (0..<200).map { i -> Double in Double((i * 37) % 101) / 10 + Double(i % 7) }
        let chart = Chart(kind: .histogram, series: [ChartSeries(name: "v", ys: values)], title: "values",
                          bins: 8, terminalWidth: 40, terminalHeight: 6)
        GoldenFile.check(TerminalChart.render(chart), against: "charts/histogram.txt")
    }

    func testColourOnlyWhenAsked() {
        let chart = Chart(kind: .line, series: [ChartSeries(name: "a", ys: [1, 2]), ChartSeries(name: "b", ys: [2, 1])])
        XCTAssertFalse(TerminalChart.render(chart).contains("\u{1B}["))
        XCTAssertTrue(TerminalChart.render(chart, color: true).contains("\u{1B}[34m"))
    }

    func testSVGIsWellFormedForEveryKind() throws {
        let kinds: [Chart] = [
            Chart(kind: .line, series: [ChartSeries(name: "a <&> \"b\"", ys: [1, .nan, 3, 2])], title: "x < y & z", showLegend: true),
            Chart(kind: .scatter, series: [ChartSeries(name: "p", xs: [1, 2], ys: [3, 4])]),
            Chart(kind: .histogram, series: [ChartSeries(name: "h", ys: [1, 1, 2, 5])], bins: 3),
            Chart(kind: .line, series: [ChartSeries(name: "flat", ys: [2, 2, 2])]),
        ]
        for chart in kinds {
            let svg = SVGChart.render(chart)
            let document = try XMLDocument(xmlString: svg, options: [])
            XCTAssertEqual(document.rootElement()?.name, "svg")
            XCTAssertFalse(svg.contains("nan") || svg.contains("inf"), svg)
        }
        let svg = SVGChart.render(kinds[0])
        XCTAssertTrue(svg.contains("x &lt; y &amp; z"))
        // The gap splits the line: a lone first point (a dot) and a two-point line.
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 1)
    }

    func testLongSeriesAreThinnedButKeepSpikes() {
        var ys = (0..<100_000).map { sin(Double($0) / 1000) }
        ys[54_321] = 50
        let svg = SVGChart.render(Chart(kind: .line, series: [ChartSeries(name: "s", ys: ys)]))
        XCTAssertLessThan(svg.utf8.count, 40_000)
        XCTAssertTrue(svg.contains(",40 "), "the spike reaches the top of the plot area (y = 40)")
    }

    func testExtremeValuesDrawWithoutTrapping() throws {
        let huge = Double.greatestFiniteMagnitude
        for kind in [Chart.Kind.line, .scatter, .histogram] {
            let chart = Chart(kind: kind, series: [ChartSeries(name: "x", xs: [-huge, 0, huge], ys: [-huge, 1e-300, huge])])
            XCTAssertTrue(TerminalChart.render(chart).contains("┤"), "\(kind)")
            XCTAssertNoThrow(try XMLDocument(xmlString: SVGChart.render(chart), options: []), "\(kind)")
        }
        let spread = Chart(kind: .histogram, series: [ChartSeries(name: "h", ys: [-huge, huge, 0, .infinity, .nan])], bins: 4)
        XCTAssertEqual(spread.histogramBins.counts, [[1, 0, 1, 1]], "non-finite values are left out")
    }

    func testScales() {
        let s = ChartScale(min: 0.13, max: 0.92, targetTicks: 4)
        XCTAssertEqual(s.lower, 0, accuracy: 1e-12)
        XCTAssertEqual(s.upper, 1, accuracy: 1e-12)
        XCTAssertEqual(s.ticks.count, 6)
        XCTAssertEqual(ChartScale(tightMin: 0, max: 99, targetTicks: 4, integral: true).ticks, [0, 20, 40, 60, 80])
        XCTAssertEqual(ChartScale(tightMin: 0, max: 3, targetTicks: 8, integral: true).ticks, [0, 1, 2, 3])
        let flat = ChartScale(min: 5, max: 5, targetTicks: 3)
        XCTAssertLessThan(flat.lower, 5)
        XCTAssertGreaterThan(flat.upper, 5)
    }

    func testNumberDisplay() {
        XCTAssertEqual(displayNumber(12), "12")
        XCTAssertEqual(displayNumber(-3), "-3")
        XCTAssertEqual(displayNumber(0.123456), "0.1235")
        XCTAssertEqual(displayNumber(12.3456), "12.35")
        XCTAssertEqual(displayNumber(1234.56), "1235")
        XCTAssertEqual(displayNumber(0.00001234), "1.234e-05")
        XCTAssertEqual(displayNumber(.nan), "nan")
        XCTAssertEqual(displayNumber(-.infinity), "-inf")
    }

    func testPlotArgumentsFromScripts() {
        func run(_ code: String) -> (String, String) {
            var out = "", err = ""
            _ = Session(out: { out += $0 }, err: { err += $0 }).run(source: code, path: "t.spar")
            return (out, err)
        }
        XCTAssertEqual(run("let p = plot([1, 2], {a: [3, 4]}, title: \"t\")\nprint(p, p.series, p.kind)").0,
                       "<plot line \"t\", 2 series, 4 points> [\"series 1\", \"a\"] line\n")
        XCTAssertEqual(run("print(plot([{loss: 1, step: 0}, {loss: 0.5, step: 1}]).series)").0, "[\"loss\", \"step\"]\n")
        XCTAssertEqual(run("print(plot(0..<5, legend: [\"r\"]).series)").0, "[\"r\"]\n")
        XCTAssertTrue(run("plot([1, \"a\"])").1.contains("plot: series 1 holds string at index 1; only numbers (or nil for a gap) can be plotted"))
        XCTAssertTrue(run("plot([])").1.contains("plot: series 'series 1' is empty"))
        XCTAssertTrue(run("plot([1, 2], x: [1])").1.contains("x has 1 values but series 'series 1' has 2"))
        XCTAssertTrue(run("scatter([1, 2], [1])").1.contains("x has 2 values but y has 1"))
        XCTAssertTrue(run("histogram([1, 2], bins: 0)").1.contains("bins must be between 1 and 500"))
        XCTAssertTrue(run("histogram([1, 2], bins: 2.5)").1.contains("must be an integer"))
        XCTAssertTrue(run("plot([1], width: 1e300)").1.contains("is 1e+300, too large"))
        XCTAssertTrue(run("save(3, \"x.svg\")").1.contains("save: "), "other values go to the tensors' save, which names its problem")
        XCTAssertTrue(run("plot([1]).save(\"\")").1.contains("empty path"))
        XCTAssertTrue(run("plot([1]).save(\"/nonexistent-dir/x.svg\")").1.contains("cannot write '/nonexistent-dir/x.svg'"))
    }

    func testSaveWritesSVGAtomically() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("p.svg").path
        let tablePath = directory.appendingPathComponent("t.md").path
        let tensorPath = directory.appendingPathComponent("w.safetensors").path
        var out = "", err = ""
        // The shared `save` also still writes tensors (the tensors' `save(path, x)`).
        let status = Session(out: { out += $0 }, err: { err += $0 }).run(source: """
            save(plot([1, 3, 2], title: "s"), "\(path)")
            table([{a: 1}]).save("\(tablePath)")
            save("\(tensorPath)", tensor([1, 2]))
            print(load("\(tensorPath)").list())
            """, path: "t.spar")
        XCTAssertEqual(status, .ok, err)
        XCTAssertEqual(out, "[1, 2]\n")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertNoThrow(try XMLDocument(xmlString: svg, options: []))
        XCTAssertEqual(try String(contentsOfFile: tablePath, encoding: .utf8), "| a |\n| ---: |\n| 1 |\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["p.svg", "t.md", "w.safetensors"])
    }
}
