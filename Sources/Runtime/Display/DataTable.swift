import Foundation

/// A table of rows and named columns, as `table(records)` builds it: drawn as aligned text in the
/// terminal and as an HTML or Markdown table in reports. Cells are kept as display text plus
/// whether they are numbers (numbers are right-aligned).
public struct DataTable: Equatable {
    /// One cell's text and alignment.
    public struct Cell: Equatable {
        public var text: String
        public var isNumber: Bool
        public init(_ text: String, isNumber: Bool = false) { self.text = text; self.isNumber = isNumber }
    }

    public var title: String?
    public var columns: [String]
    /// rows[i][j] is the cell of row i in column j; every row has `columns.count` cells.
    public var rows: [[Cell]]

    public init(title: String? = nil, columns: [String], rows: [[Cell]]) {
        self.title = title
        self.columns = columns
        self.rows = rows.map { row in
            row.count >= columns.count ? Array(row.prefix(columns.count))
                : row + Array(repeating: Cell(""), count: columns.count - row.count)
        }
    }

    /// At most this many rows are drawn in the terminal (the first and last halves, with a note).
    public static let terminalRowLimit = 40

    /// Aligned columns with a rule under the header: text left-aligned, numbers right-aligned.
    public func terminalText() -> String {
        var shown = rows
        var omitted = 0
        if rows.count > DataTable.terminalRowLimit {
            let half = DataTable.terminalRowLimit / 2
            omitted = rows.count - 2 * half
            shown = Array(rows.prefix(half)) + Array(rows.suffix(half))
        }
        let cellTexts = shown.map { $0.map { singleLine($0.text) } }
        var widths = columns.map(\.count)
        for row in cellTexts { for (j, text) in row.enumerated() { widths[j] = max(widths[j], text.count) } }
        // A column is numeric (right-aligned, header too) when all its non-empty cells are numbers.
        let numeric = columns.indices.map { j in
            let cells = shown.map { $0[j] }.filter { !$0.text.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(\.isNumber)
        }
        func pad(_ text: String, _ j: Int) -> String {
            let fill = String(repeating: " ", count: max(0, widths[j] - text.count))
            return numeric[j] ? fill + text : text + fill
        }
        func join(_ parts: [String]) -> String {
            var line = parts.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }
        var out = title.map { $0 + "\n" } ?? ""
        out += join(columns.enumerated().map { pad($1, $0) })
        out += join(widths.map { String(repeating: "─", count: $0) })
        for (i, row) in cellTexts.enumerated() {
            if omitted > 0 && i == DataTable.terminalRowLimit / 2 { out += "... \(omitted) more rows ...\n" }
            out += join(row.enumerated().map { pad($1, $0) })
        }
        if rows.isEmpty { out += "(no rows)\n" }
        return out
    }

    /// An HTML `<table>` (well-formed XML too): a header row, then the rows; numeric cells carry
    /// class "num" so the report's style right-aligns them.
    public func html() -> String {
        var out = "<table>\n"
        if let title { out += "<caption>\(xmlEscape(title))</caption>\n" }
        out += "<thead><tr>" + columns.map { "<th>\(xmlEscape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.map { $0.isNumber ? "<td class=\"num\">\(xmlEscape($0.text))</td>" : "<td>\(xmlEscape($0.text))</td>" }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    /// A GitHub-flavoured Markdown pipe table; numeric columns are right-aligned.
    public func markdown() -> String {
        func cell(_ s: String) -> String { Self.markdownCell(singleLine(s)) }
        let numeric = columns.indices.map { j in
            let cells = rows.map { $0[j] }.filter { !$0.text.isEmpty }
            return !cells.isEmpty && cells.allSatisfy(\.isNumber)
        }
        var out = title.map { "**\(cell($0))**\n\n" } ?? ""
        out += "| " + columns.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map { cell($0.text) }.joined(separator: " | ") + " |\n" }
        return out
    }

    /// A table cell's text as inert Markdown: HTML special characters become entities (raw HTML
    /// in a value must not reach a viewer as markup) and Markdown's inline punctuation is escaped
    /// with a backslash, so a value shows as written, never as a link, emphasis or code.
    static func markdownCell(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "|", "`", "*", "[", "]", "~": out += "\\" + String(c)
            case "_":
                // Inside a word (`prompt_harmful`) an underscore is no emphasis; keep it readable.
                let inWord = i > 0 && i + 1 < chars.count && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                    && (chars[i + 1].isLetter || chars[i + 1].isNumber)
                out += inWord ? "_" : "\\_"
            default: out.append(c)
            }
        }
        return out
    }

    private func singleLine(_ s: String) -> String {
        s.contains("\n") ? s.replacingOccurrences(of: "\n", with: "⏎") : s
    }
}
