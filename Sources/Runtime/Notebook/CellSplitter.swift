/// Splits a `.spar` file into notebook cells at `# %%` lines (the percent format).
///
///     # %% Load the data              <- a code cell titled "Load the data"
///     let xs = [1, 2, 3]
///     # %% [markdown]                 <- a prose cell: its `#` lines are Markdown
///     # The *mean* is below.
///     # %%                            <- an untitled code cell
///     xs.sum() / len(xs)
///
/// Rules:
/// - A cell marker is a line that starts with `# %%` or `#%%` (after optional spaces), followed by
///   the end of the line or a space. `# %%%` and `# %%x` are ordinary comments.
/// - The text after the marker is the title; a `[markdown]` or `[md]` tag anywhere in it makes a
///   prose cell and is removed from the title. An empty title is nil.
/// - Lines before the first marker form cell 1 if any of them is not blank; a file without markers
///   is one code cell; an empty or all-blank file has no cells.
/// - Empty cells are kept (numbering follows the markers in the file) and run as nothing.
/// - Prose lines lose their `#` and one following space; blank lines stay; other lines are kept
///   as written.
public enum CellSplitter {
    public static func split(_ text: String) -> [NotebookCell] {
        // "\r\n" is one Character in Swift, so Windows line ends need their own separator.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var cells: [NotebookCell] = []
        var kind = NotebookCell.Kind.code
        var title: String?
        var body: [(line: Int, text: Substring)] = []
        var markerLine = 1
        var sawMarker = false

        func flush() {
            let isPreamble = !sawMarker
            if isPreamble && body.allSatisfy({ $0.text.allSatisfy(\.isWhitespace) }) { return }
            cells.append(makeCell(kind: kind, title: title, body: body, markerLine: markerLine, number: cells.count + 1))
        }

        for (index, line) in lines.enumerated() {
            let lineNumber = index + 1
            if let marker = parseMarker(line) {
                flush()
                sawMarker = true
                kind = marker.kind
                title = marker.title
                body = []
                markerLine = lineNumber
            } else {
                body.append((lineNumber, line))
            }
        }
        flush()
        return cells
    }

    /// The kind and title of a marker line, or nil when the line is not a marker.
    static func parseMarker(_ line: Substring) -> (kind: NotebookCell.Kind, title: String?)? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        let rest: Substring
        if trimmed.hasPrefix("# %%") { rest = trimmed.dropFirst(4) }
        else if trimmed.hasPrefix("#%%") { rest = trimmed.dropFirst(3) }
        else { return nil }
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = String(rest)
        var kind = NotebookCell.Kind.code
        for tag in ["[markdown]", "[md]"] {
            if let range = text.range(of: tag) {
                kind = .markdown
                text.removeSubrange(range)
            }
        }
        let title = text.trimmingSpaces()
        return (kind, title.isEmpty ? nil : title)
    }

    private static func makeCell(kind: NotebookCell.Kind, title: String?, body: [(line: Int, text: Substring)],
                                 markerLine: Int, number: Int) -> NotebookCell {
        let first = body.firstIndex { !$0.text.allSatisfy(\.isWhitespace) }
        let last = body.lastIndex { !$0.text.allSatisfy(\.isWhitespace) }
        guard let first, let last else {
            return NotebookCell(kind: kind, title: title, source: "", firstLine: markerLine, number: number)
        }
        let kept = body[first...last]
        let texts = kept.map { kind == .markdown ? proseLine($0.text) : String($0.text) }
        return NotebookCell(kind: kind, title: title, source: texts.joined(separator: "\n"),
                            firstLine: kept[first].line, number: number)
    }

    /// `# text` → `text`, `#` → ``; other lines unchanged.
    private static func proseLine(_ line: Substring) -> String {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("#") else { return String(line) }
        let afterHash = trimmed.dropFirst()
        return String(afterHash.hasPrefix(" ") ? afterHash.dropFirst() : afterHash)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map(index(after:)) ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
