import Foundation
import XCTest

/// `spar notebook` and the REPL's `:cells` / `:run`, through the real binary.
final class NotebookCommandLineTests: XCTestCase {
    func testNotebookCommandStopsOrKeepsGoing() throws {
        let notebook = try SparBinary.temporaryFile(NotebookRunnerTests.failing, name: "nb.spar")
        defer { try? FileManager.default.removeItem(at: notebook.deletingLastPathComponent()) }
        let report = notebook.deletingLastPathComponent().appendingPathComponent("report.html")

        let stopped = try SparBinary.run(["notebook", notebook.path, "-o", report.path])
        XCTAssertEqual(stopped.status, 70)
        XCTAssertTrue(stopped.stderr.contains("[3] Broken: FAILED"), stopped.stderr)
        XCTAssertFalse(stopped.stderr.contains("[4] After"), "cells after the failure do not run")
        XCTAssertTrue(stopped.stderr.contains("nb.spar:8:3: error: number has no method 'nope'"), stopped.stderr)
        let html = try String(contentsOf: report, encoding: .utf8)
        XCTAssertTrue(html.contains("not run"), "the report is written even when a cell fails")

        let kept = try SparBinary.run(["notebook", notebook.path, "--keep-going", "-o", report.path])
        XCTAssertEqual(kept.status, 70)
        XCTAssertTrue(kept.stderr.contains("[4] After: ok"), kept.stderr)
        XCTAssertTrue(try String(contentsOf: report, encoding: .utf8).contains("after 2"))
    }

    func testNotebookCommandUsageErrors() throws {
        let notebook = try SparBinary.temporaryFile("# %%\nprint(1)\n", name: "ok.spar")
        defer { try? FileManager.default.removeItem(at: notebook.deletingLastPathComponent()) }
        let okReport = notebook.deletingLastPathComponent().appendingPathComponent("r.md")
        let ok = try SparBinary.run(["notebook", notebook.path, "-o", okReport.path])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(try String(contentsOf: okReport, encoding: .utf8).contains("```text\n1\n```"))

        let badFormat = try SparBinary.run(["notebook", notebook.path, "-o", "/tmp/report.pdf"])
        XCTAssertEqual(badFormat.status, 64)
        XCTAssertTrue(badFormat.stderr.contains("name it .html or .md"), badFormat.stderr)
        let missing = try SparBinary.run(["notebook", "/nonexistent/nb.spar", "-o", okReport.path])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("cannot read '/nonexistent/nb.spar'"), missing.stderr)
        let noOutput = try SparBinary.run(["notebook", notebook.path])
        XCTAssertEqual(noOutput.status, 64)
    }

    func testREPLCellsAndRun() throws {
        let notebook = try SparBinary.temporaryFile(NotebookRunnerTests.failing, name: "nb.spar")
        defer { try? FileManager.default.removeItem(at: notebook.deletingLastPathComponent()) }
        let path = notebook.path
        let run = try SparBinary.run([], input: ":cells \(path)\n:run \(path) two\nx\n:run \(path) 9\n:run \(path)\nprint(\"still here\")\n")
        XCTAssertEqual(run.stdout, """
            [1] code   line 2  One
            [2] code   line 5  Two
            [3] code   line 7  Broken
            [4] code   line 10  After
            [5] prose  line 12  the end
            # [1] One
            one
            # [2] Two
            42
            # [3] Broken
            still here

            """, "`:run FILE two` fails: x is not defined until cell 1 has run")
        XCTAssertTrue(run.stderr.contains("no cell 9 (there are 5)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("stopped at cell [3] Broken"), run.stderr)
        XCTAssertEqual(run.status, 0)
    }
}
