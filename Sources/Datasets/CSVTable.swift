import SwiftCSV

/// A CSV file read with SwiftCSV (quoted fields, doubled quotes, newlines inside quotes), plus what
/// SwiftCSV does not give: the line each row starts on, leading `#` comment lines skipped (PyRIT's
/// `# dataset_version=...`), and errors that name the file and line — a row with the wrong number
/// of fields, an unterminated quote, a column the loader needs but the header lacks.
struct CSVTable {
    struct Row {
        let line: Int
        let fields: [String]
    }

    let file: String
    let header: [String]
    let headerLine: Int
    let rows: [Row]

    init(text: String, file: String) throws {
        self.file = file
        // Leading comment lines: skipped, but counted so line numbers stay those of the file.
        var body = Substring(text)
        var skipped = 0
        while body.hasPrefix("#") {
            guard let end = body.firstIndex(where: \.isNewline) else { body = ""; skipped += 1; break }
            body = body[body.index(after: end)...]
            skipped += 1
        }
        // In a well-formed file every quote is paired (an inner quote is doubled); an odd count
        // means a quoted field never ends, which SwiftCSV would silently run to the end of file.
        let quotes = body.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }

        var parsed: [Row] = []
        var line = skipped + 1
        do {
            let csv = try EnumeratedCSV(string: String(body), delimiter: .comma, loadColumns: false, rowLimit: 0)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { fields in
                parsed.append(Row(line: line, fields: fields))
                line += 1 + fields.reduce(0) { $0 + $1.reduce(0) { $0 + ($1.isNewline ? 1 : 0) } }
            }
        } catch {
            throw DataError.at(file, line: line, "malformed CSV row (\(error))")
        }
        guard let first = parsed.first else { throw DataError.at(file, line: nil, "no header row") }
        if quotes % 2 == 1 {
            let start = parsed.last?.line ?? first.line
            throw DataError.at(file, line: start, "a quoted field starting on this row is never closed")
        }
        header = first.fields
        headerLine = first.line
        var rows: [Row] = []
        for row in parsed.dropFirst() {
            if row.fields.count == 1, row.fields[0].isEmpty { continue }  // a blank line
            guard row.fields.count == header.count else {
                throw DataError.at(file, line: row.line, "expected \(header.count) fields (\(header.joined(separator: ","))), found \(row.fields.count)")
            }
            rows.append(row)
        }
        self.rows = rows
    }

    /// The index of column `name`, or an error naming the file and its header.
    func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw DataError.at(file, line: headerLine, "no column '\(name)' (columns: \(header.joined(separator: ", ")))")
        }
        return i
    }

    /// Columns whose names start with `prefix` (PyRIT's human_score_1, human_score_2, ...).
    func columns(prefix: String) -> [Int] {
        header.indices.filter { header[$0].hasPrefix(prefix) }
    }
}
