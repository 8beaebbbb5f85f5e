/// A table as a Spar value, made by `table(records)`: aligned columns in the REPL and `show`, an
/// HTML table in notebook reports.
public final class TableValue: RichDisplayable {
    public let table: DataTable

    public init(_ table: DataTable) { self.table = table }

    public var typeName: String { "table" }

    public var summary: String {
        "<table \(table.rows.count) rows x \(table.columns.count) columns>"
    }

    public var showText: String { table.terminalText() }

    public var displayItem: DisplayItem { .table(table) }

    static let memberHelp: [(String, String)] = [
        ("columns", "t.columns: the column names"),
        ("rows", "t.rows: the number of rows"),
        ("html", "t.html(): the table as an HTML <table>"),
        ("markdown", "t.markdown(): the table as a Markdown pipe table"),
        ("text", "t.text(): the table as aligned text"),
        ("save", "t.save(path): writes the table as HTML (.html), Markdown (.md) or aligned text (other names), atomically"),
    ]

    public var memberNames: [String] { Self.memberHelp.map(\.0) }
    public func help(member: String) -> String? { Self.memberHelp.first { $0.0 == member }?.1 }

    public func member(_ name: String) throws -> Value? {
        switch name {
        case "columns": return .list(table.columns.map { .string($0) })
        case "rows": return .number(Double(table.rows.count))
        case "len": return .number(Double(table.rows.count))
        default: return nil
        }
    }

    public func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "html": try args.expect(0); return .string(table.html())
        case "markdown": try args.expect(0); return .string(table.markdown())
        case "text": try args.expect(0); return .string(table.terminalText())
        case "save":
            try args.expect(1)
            try save(to: try args.string(0))
            return .null
        default: return nil
        }
    }

    func save(to path: String) throws {
        let lower = path.lowercased()
        let text = lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? table.html()
            : lower.hasSuffix(".md") ? table.markdown() : table.terminalText()
        try AtomicFile.write(text, to: path)
    }

    public func equals(_ other: NativeValue) -> Bool {
        (other as? TableValue).map { $0.table == table } ?? false
    }
}
