/// Picks one cell of a notebook by number (`3`) or by title (exact, ignoring case; else the only
/// title that starts with the text), as `:run FILE [N|TITLE]` takes it.
public enum CellSelection {
    public struct Problem: Error, Equatable {
        public let message: String
    }

    public static func find(_ selector: String, in cells: [NotebookCell]) -> Result<NotebookCell, Problem> {
        let text = selector.trimmingSpaces()
        if let number = Int(text) {
            guard let cell = cells.first(where: { $0.number == number }) else {
                return .failure(Problem(message: "no cell \(number) (there are \(cells.count))"))
            }
            return .success(cell)
        }
        let wanted = text.lowercased()
        let titled = cells.filter { $0.title != nil }
        if let exact = titled.first(where: { $0.title?.lowercased() == wanted }) { return .success(exact) }
        let prefixed = titled.filter { $0.title?.lowercased().hasPrefix(wanted) ?? false }
        if prefixed.count == 1, let only = prefixed.first { return .success(only) }
        if prefixed.count > 1 {
            return .failure(Problem(message: "'\(text)' matches several cells: " + prefixed.map(\.label).joined(separator: ", ")))
        }
        return .failure(Problem(message: "no cell titled '\(text)'"))
    }
}
