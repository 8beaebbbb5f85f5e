import Foundation

/// Renders payoff tables and numbers as text for the REPL and reports.
///
///          R   P   S
///     R    0  -1   1
///     P    1   0  -1
///     S   -1   1   0
///
/// Row names go down the left, column names across the top, every column right-aligned to its
/// widest cell.
public enum PayoffTable {
    /// A table whose cell (i, j) shows `cell(i, j)`.
    public static func render(rowNames: [String], colNames: [String], cell: (Int, Int) -> String) -> String {
        var grid: [[String]] = [[""] + colNames]
        for (i, name) in rowNames.enumerated() {
            grid.append([name] + colNames.indices.map { cell(i, $0) })
        }
        var widths = [Int](repeating: 0, count: colNames.count + 1)
        for row in grid { for (k, s) in row.enumerated() { widths[k] = max(widths[k], s.count) } }
        return grid.map { row in
            row.enumerated().map { k, s in
                let pad = String(repeating: " ", count: widths[k] - s.count)
                return k == 0 ? s + pad : pad + s
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A table of numbers.
    public static func render(rowNames: [String], colNames: [String], value: (Int, Int) -> Double) -> String {
        render(rowNames: rowNames, colNames: colNames) { (i: Int, j: Int) -> String in number(value(i, j)) }
    }

    /// A number as a user reads it: integral values without a fraction ("3", "-1"), others with up to
    /// `digits` significant digits ("0.3333", "1.5e-07").
    public static func number(_ v: Double, digits: Int = 4) -> String {
        if v == 0 { return "0" }   // also turns -0 into 0
        if v.isFinite, v == v.rounded(), abs(v) < 1e15 { return String(format: "%.0f", v) }
        return String(format: "%.\(max(1, digits))g", v)
    }
}
