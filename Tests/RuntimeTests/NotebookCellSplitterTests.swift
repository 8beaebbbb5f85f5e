import XCTest
@testable import Runtime

final class NotebookCellSplitterTests: XCTestCase {
    func testEmptyAndBlankFilesHaveNoCells() {
        XCTAssertEqual(CellSplitter.split(""), [])
        XCTAssertEqual(CellSplitter.split("\n  \n\t\n"), [])
    }

    func testFileWithoutMarkersIsOneCodeCell() {
        let cells = CellSplitter.split("\nlet x = 1\nprint(x)\n\n")
        XCTAssertEqual(cells, [NotebookCell(kind: .code, title: nil, source: "let x = 1\nprint(x)", firstLine: 2, number: 1)])
    }

    func testTitlesKindsAndLines() {
        let text = """
            # %% Load data
            let xs = [1, 2]
            # %% [markdown]
            # # Heading
            #
            #   indented prose
            # %%   Fit   [markdown]
            # prose with a title
            #%%
            xs
            """
        let cells = CellSplitter.split(text)
        XCTAssertEqual(cells.map(\.kind), [.code, .markdown, .markdown, .code])
        XCTAssertEqual(cells.map(\.title), ["Load data", nil, "Fit", nil])
        XCTAssertEqual(cells.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(cells.map(\.firstLine), [2, 4, 8, 10])
        XCTAssertEqual(cells[1].source, "# Heading\n\n  indented prose")
        XCTAssertEqual(cells[2].source, "prose with a title")
        XCTAssertEqual(cells[3].source, "xs")
        XCTAssertEqual(cells[0].label, "[1] Load data")
    }

    func testEmptyCellsAreKeptAndNumbered() {
        let cells = CellSplitter.split("# %% a\n# %% b\n\n\n# %% c\nprint(1)\n# %%\n")
        XCTAssertEqual(cells.map(\.title), ["a", "b", "c", nil])
        XCTAssertEqual(cells.map(\.isEmpty), [true, true, false, true])
        XCTAssertEqual(cells[1].firstLine, 2, "an empty cell points at its marker line")
        XCTAssertEqual(cells[2].firstLine, 6)
    }

    func testPreambleBeforeFirstMarker() {
        XCTAssertEqual(CellSplitter.split("\n\n# %% first\nx\n").map(\.title), ["first"], "a blank preamble is no cell")
        let cells = CellSplitter.split("let a = 1\n# %% next\na\n")
        XCTAssertEqual(cells.map(\.title), [nil, "next"])
        XCTAssertEqual(cells[0].source, "let a = 1")
    }

    func testLookalikesAreNotMarkers() {
        let cells = CellSplitter.split("# %%% not a marker\n# %%x neither\n  # %% indented marker\ny\n")
        XCTAssertEqual(cells.count, 2)
        XCTAssertEqual(cells[0].source, "# %%% not a marker\n# %%x neither")
        XCTAssertEqual(cells[1].title, "indented marker")
    }

    func testWindowsLineEndings() {
        let cells = CellSplitter.split("# %% one\r\nprint(1)\r\n# %% [md]\r\n# hi\r\n")
        XCTAssertEqual(cells.map(\.source), ["print(1)", "hi"])
        XCTAssertEqual(cells.map(\.kind), [.code, .markdown])
    }

    func testSelectionByNumberAndTitle() {
        let cells = CellSplitter.split("# %% Load data\n1\n# %% Fit model\n2\n# %% Fit again\n3\n")
        XCTAssertEqual(try CellSelection.find("2", in: cells).get().title, "Fit model")
        XCTAssertEqual(try CellSelection.find("load DATA", in: cells).get().number, 1)
        XCTAssertEqual(try CellSelection.find("fit m", in: cells).get().number, 2)
        guard case .failure(let ambiguous) = CellSelection.find("fit", in: cells) else { return XCTFail("fit is ambiguous") }
        XCTAssertTrue(ambiguous.message.contains("[2] Fit model") && ambiguous.message.contains("[3] Fit again"))
        guard case .failure(let missing) = CellSelection.find("9", in: cells) else { return XCTFail("no cell 9") }
        XCTAssertEqual(missing.message, "no cell 9 (there are 3)")
    }
}
