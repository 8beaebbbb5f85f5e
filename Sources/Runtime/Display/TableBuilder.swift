/// Builds a `DataTable` from Spar values: a list of records (one row each, columns in first-seen key
/// order) or a record of lists (one column each).
enum TableBuilder {
    /// At most this many rows; a longer input is an error rather than a huge report.
    static let rowLimit = 100_000

    static func cell(_ value: Value) -> DataTable.Cell {
        switch value {
        case .number(let d): return DataTable.Cell(displayNumber(d), isNumber: true)
        case .string(let s): return DataTable.Cell(s)
        case .null: return DataTable.Cell("")
        default: return DataTable.Cell(value.repr)
        }
    }

    /// Rows from records. `only` picks and orders the columns.
    static func fromRecords(_ items: [Value], title: String?, only: [String]?) -> DataTable {
        var columns: [String] = []
        var seen = Set<String>()
        var records: [RecordObject] = []
        for item in items {
            guard case .record(let r) = item else { continue }
            records.append(r)
            for key in r.keys where !seen.contains(key) {
                seen.insert(key)
                columns.append(key)
            }
        }
        if let only { columns = only }
        let rows = records.map { r in columns.map { r[$0].map(cell) ?? DataTable.Cell("") } }
        return DataTable(title: title, columns: columns, rows: rows)
    }

    /// Columns from a record of lists; shorter columns are padded with empty cells.
    static func fromColumns(_ record: RecordObject, title: String?, only: [String]?) throws -> DataTable {
        let columns = only ?? record.keys
        var lists: [[Value]] = []
        for key in columns {
            guard let v = record[key] else { throw ScriptError("table: no column '\(key)'") }
            guard case .list(let l) = v else {
                throw ScriptError("table: column '\(key)' must be a list, not \(v.typeName)")
            }
            lists.append(l.items)
        }
        let count = lists.map(\.count).max() ?? 0
        guard count <= rowLimit else { throw ScriptError("table: at most \(rowLimit) rows, got \(count)") }
        let rows = (0..<count).map { i in lists.map { i < $0.count ? cell($0[i]) : DataTable.Cell("") } }
        return DataTable(title: title, columns: columns, rows: rows)
    }

    /// `table(x, columns:, title:)` for any accepted x.
    static func build(_ value: Value, title: String?, only: [String]?) throws -> DataTable {
        switch value {
        case .list(let l):
            guard l.items.count <= rowLimit else { throw ScriptError("table: at most \(rowLimit) rows, got \(l.items.count)") }
            for (i, item) in l.items.enumerated() {
                guard case .record = item else {
                    throw ScriptError("table: element \(i) must be a record, not \(item.typeName) (give a list of records or a record of lists)")
                }
            }
            return fromRecords(l.items, title: title, only: only)
        case .record(let r):
            return try fromColumns(r, title: title, only: only)
        default:
            throw ScriptError("table: expected a list of records or a record of lists, not \(value.typeName)")
        }
    }
}
