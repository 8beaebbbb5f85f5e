import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Runtime

/// The reports of examples/notebook.spar (Markdown against a golden file, HTML parsed as XML) and of
/// a notebook with a failing cell.
final class NotebookReportTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs a notebook and fixes every run time, so reports are byte-for-byte reproducible.
    static func run(_ source: String, path: String, keepGoing: Bool = false) -> NotebookResult {
        let runner = NotebookRunner(path: path, source: source)
        runner.keepGoing = keepGoing
        var result = runner.run()
        for i in result.cells.indices where result.cells[i].nanoseconds > 0 { result.cells[i].nanoseconds = 1_500_000 }
        return result
    }

    static func example() throws -> NotebookResult {
        let source = try String(contentsOf: root.appendingPathComponent("examples/notebook.spar"), encoding: .utf8)
        return run(source, path: "examples/notebook.spar")
    }

    func testExampleRunsCleanly() throws {
        let result = try Self.example()
        XCTAssertNil(result.firstFailure, result.firstFailure?.errorText ?? "")
        XCTAssertEqual(result.exitCode, 0)
        let charts = result.cells.flatMap(\.outputs).filter { if case .displayed(.chart) = $0 { return true } else { return false } }
        let tables = result.cells.flatMap(\.outputs).filter { if case .displayed(.table) = $0 { return true } else { return false } }
        XCTAssertEqual(charts.count, 4)
        XCTAssertEqual(tables.count, 1)
    }

    func testExampleMarkdownReportMatchesGolden() throws {
        let (markdown, assets) = MarkdownReport.render(try Self.example(), assetsFolder: "notebook_files")
        GoldenFile.check(markdown, against: "notebook/notebook.md")
        XCTAssertEqual(assets.map(\.relativePath), ["notebook_files/cell-4-1.svg", "notebook_files/cell-5-1.svg",
                                                    "notebook_files/cell-5-2.svg", "notebook_files/cell-6-1.svg"])
        for asset in assets {
            XCTAssertTrue(markdown.contains("](\(asset.relativePath))"), asset.relativePath)
            XCTAssertNoThrow(try XMLDocument(xmlString: asset.contents, options: []), asset.relativePath)
        }
    }

    func testExampleHTMLReportIsWellFormedAndComplete() throws {
        let result = try Self.example()
        let html = HTMLReport.render(result)
        let document = try XMLDocument(xmlString: html, options: [])
        XCTAssertEqual(document.rootElement()?.name, "html")
        let sections = try document.nodes(forXPath: "//section")
        XCTAssertEqual(sections.count, result.cells.count, "one section per cell")
        XCTAssertEqual(try document.nodes(forXPath: "//figure/*[local-name()='svg']").count, 4)
        XCTAssertEqual(try document.nodes(forXPath: "//table").count, 1)
        XCTAssertEqual(try document.nodes(forXPath: "//script").count, 0, "a report runs no script")
        XCTAssertTrue(html.contains("<h1>Judges, dynamics and a tiny fit</h1>"), "prose is rendered")
        // Each code cell's code and printed output appear.
        for cell in result.cells where cell.cell.kind == .code {
            XCTAssertTrue(html.contains(xmlEscape(cell.cell.source)), "code of \(cell.cell.label)")
            for case .printed(let text) in cell.outputs {
                XCTAssertTrue(html.contains(xmlEscape(text.trimmingTrailingNewlines())), "output of \(cell.cell.label)")
            }
        }
        XCTAssertFalse(html.contains("http://") && html.contains("<link"), "nothing is loaded from elsewhere")
    }

    func testFailingCellInReports() throws {
        let result = Self.run(NotebookRunnerTests.failing, path: "nb.spar")
        let html = HTMLReport.render(result)
        let document = try XMLDocument(xmlString: html, options: [])
        let errors = try document.nodes(forXPath: "//section[@id='cell-3']/pre[@class='error']")
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.stringValue?.hasPrefix("nb.spar:8:3: error: number has no method 'nope'") ?? false)
        XCTAssertEqual(try document.nodes(forXPath: "//section[@class='cell not-run']").count, 1)
        XCTAssertTrue(html.contains("cell [3] Broken failed</span>, 1 not run"))

        let (markdown, assets) = MarkdownReport.render(result, assetsFolder: "nb_files")
        XCTAssertEqual(assets, [])
        GoldenFile.check(markdown, against: "notebook/failing.md")
    }

    func testReportWriterWritesFilesByExtension() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Self.example()
        let md = directory.appendingPathComponent("out.md").path
        let written = try ReportWriter.write(result, to: md)
        XCTAssertEqual(written.count, 5)
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("out_files/cell-6-1.svg").path))
        let html = directory.appendingPathComponent("out.html").path
        XCTAssertEqual(try ReportWriter.write(result, to: html), [html])
        XCTAssertThrowsError(try ReportWriter.write(result, to: directory.appendingPathComponent("out.pdf").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "atomic writes leave no temporary files")
    }
}
