import XCTest
@testable import Runtime

final class TableAndShowTests: XCTestCase {
    func output(_ code: String) -> (String, String) {
        var out = "", err = ""
        _ = Session(out: { out += $0 }, err: { err += $0 }).run(source: code, path: "t.spar")
        return (out, err)
    }

    func testTableFromRecordsTerminal() {
        let (out, err) = output("""
            show(table([{name: "rules", acc: 0.80512, n: 200}, {name: "oracle", acc: 1, extra: [1, 2]}], title: "judges"))
            """)
        XCTAssertEqual(out, """
            judges
            name       acc    n  extra
            ──────  ──────  ───  ──────
            rules   0.8051  200
            oracle       1       [1, 2]

            """, err)
    }

    func testTableFromColumnsAndColumnChoice() {
        let (out, _) = output("""
            let t = table({step: [1, 2, 3], loss: [2.5, 1.25]}, columns: ["loss", "step"])
            print(t, t.columns, t.rows)
            show(t)
            """)
        XCTAssertEqual(out, """
            <table 3 rows x 2 columns> ["loss", "step"] 3
            loss  step
            ────  ────
             2.5     1
            1.25     2
                     3

            """)
    }

    func testTableErrors() {
        XCTAssertTrue(output("table([1, 2])").1.contains("table: element 0 must be a record, not number"))
        XCTAssertTrue(output("table(3)").1.contains("table: expected a list of records or a record of lists, not number"))
        XCTAssertTrue(output("table({a: 1})").1.contains("table: column 'a' must be a list, not number"))
        XCTAssertTrue(output("table({a: [1]}, columns: [\"b\"])").1.contains("table: no column 'b'"))
    }

    func testHTMLAndMarkdownEscape() {
        let table = DataTable(columns: ["a|b", "<n>"], rows: [[DataTable.Cell("x|y"), DataTable.Cell("1", isNumber: true)]])
        XCTAssertEqual(table.markdown(), "| a\\|b | &lt;n&gt; |\n| --- | ---: |\n| x\\|y | 1 |\n")
        // Raw HTML and Markdown markup in values stay inert text (issue 17).
        let risky = DataTable(columns: ["v"], rows: [[DataTable.Cell("<img src=x onerror=alert(1)>")],
                                                     [DataTable.Cell("[click](javascript:alert(1)) *b* `c`")]])
        XCTAssertEqual(risky.markdown(), "| v |\n| --- |\n| &lt;img src=x onerror=alert(1)&gt; |\n| \\[click\\](javascript:alert(1)) \\*b\\* \\`c\\` |\n")
        XCTAssertEqual(table.html(), """
            <table>
            <thead><tr><th>a|b</th><th>&lt;n&gt;</th></tr></thead>
            <tbody>
            <tr><td>x|y</td><td class="num">1</td></tr>
            </tbody>
            </table>

            """)
    }

    func testLongTablesAreShortenedInTheTerminalOnly() {
        let rows = (0..<100).map { [DataTable.Cell(String($0), isNumber: true)] }
        let table = DataTable(columns: ["i"], rows: rows)
        let text = table.terminalText()
        XCTAssertTrue(text.contains("... 60 more rows ..."))
        XCTAssertEqual(text.split(separator: "\n").count, 2 + 40 + 1)
        XCTAssertEqual(table.html().components(separatedBy: "<tr>").count - 1, 101)
    }

    func testShowOfEveryKindOfValue() {
        let (out, err) = output("""
            show({loss: 0.5, name: "run 1"})
            show([1, 2, 3])
            show("text")
            show(nil)
            show(tokenizer.bytes())
            show(world.safety(seed: 1))
            """)
        XCTAssertTrue(out.hasPrefix("loss  0.5\nname  \"run 1\"\n[1, 2, 3]\n\"text\"\nnil\n<tokenizer bytes"), out + err)
        XCTAssertTrue(out.contains("specials:"), "natives show their rich text")
    }

    func testREPLEchoDrawsPlotsAndTables() {
        var out = ""
        let session = Session(out: { out += $0 }, err: { out += $0 })
        _ = session.evalInteractive("table([{a: 1}])")
        _ = session.evalInteractive("plot([1, 2, 3], width: 20, height: 3)")
        _ = session.evalInteractive("[1, 2]")
        XCTAssertEqual(out, """
            a
            ─
            1
            3 ┤              ⣀⣀⠤⠔⠒⠉
            2 ┤       ⣀⣀⠤⠤⠒⠊⠉
            1 ┤⣀⠤⠤⠒⠒⠉⠉
              └────────────────────
               0         1        2
            [1, 2]

            """)
    }
}
