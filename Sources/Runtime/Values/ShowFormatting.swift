/// The rich view `show(x)` prints: a list of records with the same keys as a table, a record as one
/// `key: value` line per field, natives through `showText`, anything else in repr form.
func showText(_ value: Value) -> String {
    switch value {
    case .native(let n): return n.showText
    case .record(let r) where r.count > 0:
        let width = r.keys.map(\.count).max() ?? 0
        return (0..<r.count).map { i in
            r.keys[i] + String(repeating: " ", count: width - r.keys[i].count) + "  " + r.values[i].repr
        }.joined(separator: "\n")
    case .list(let l):
        if let table = table(l.items) { return table }
        return value.repr
    default:
        return value.repr
    }
}

/// Rows of records sharing one key list, as aligned columns; nil for anything else.
private func table(_ rows: [Value]) -> String? {
    guard case .record(let first)? = rows.first, first.count > 0, rows.count <= 10_000 else { return nil }
    var cells: [[String]] = [first.keys]
    for row in rows {
        guard case .record(let r) = row, r.keys == first.keys else { return nil }
        cells.append(r.values.map { $0.str })
    }
    let widths = (0..<first.count).map { c in cells.map { $0[c].count }.max() ?? 0 }
    return cells.map { row in
        row.enumerated().map { c, text in text + String(repeating: " ", count: widths[c] - text.count) }
            .joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n")
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
