/// One thing a script displayed, as a notebook report keeps it: a chart (SVG in reports), a table
/// (an HTML or Markdown table) or text (preformatted). Produced by `show(x)` and by the value of a
/// cell's last expression when a display hook is set (see `Session.displayHook`).
public enum DisplayItem: Equatable {
    case text(String)
    case table(DataTable)
    case chart(Chart)

    /// The terminal form, ending in a newline.
    public func terminalText(color: Bool = false) -> String {
        switch self {
        case .text(let s): return s.hasSuffix("\n") ? s : s + "\n"
        case .table(let t): return t.terminalText()
        case .chart(let c): return TerminalChart.render(c, color: color)
        }
    }
}

/// A native value that displays as more than a summary (plots, tables): the REPL echo shows its
/// full terminal form, and notebooks keep it as a rich `DisplayItem`.
public protocol RichDisplayable: NativeValue {
    var displayItem: DisplayItem { get }
}

/// A native value that displays as several items in order (an evaluation result: a summary, a
/// bar chart and tables): the REPL echo and `show` print each, notebooks keep each.
public protocol MultiDisplayable: NativeValue {
    var displayItems: [DisplayItem] { get }
}

/// Turns values into what `show` and the REPL echo display.
public enum RichView {
    /// `shown`, or every item of a `MultiDisplayable`.
    public static func shownItems(_ value: Value) -> [DisplayItem] {
        if case .native(let n as MultiDisplayable) = value { return n.displayItems }
        return [shown(value)]
    }

    /// `echoed`, or every item of a `MultiDisplayable`.
    public static func echoedItems(_ value: Value) -> [DisplayItem] {
        if case .native(let n as MultiDisplayable) = value { return n.displayItems }
        return [echoed(value)]
    }

    /// What `show(x)` displays: rich values as themselves, a list of records with the same keys as a
    /// table, a record as aligned `key  value` lines, other natives by their `showText`, everything
    /// else by repr.
    public static func shown(_ value: Value) -> DisplayItem {
        switch value {
        case .native(let n as RichDisplayable):
            return n.displayItem
        case .native(let n):
            return .text(n.showText)
        case .list(let l) where sharesOneKeyList(l.items):
            return .table(TableBuilder.fromRecords(l.items, title: nil, only: nil))
        case .record(let r) where r.count > 0:
            let width = r.keys.map(\.count).max() ?? 0
            let lines = zip(r.keys, r.values).map { key, v in
                key + String(repeating: " ", count: width - key.count) + "  " + v.repr
            }
            return .text(lines.joined(separator: "\n"))
        default:
            return .text(value.repr)
        }
    }

    /// What echoing a value displays (the REPL, a notebook cell's last expression): rich values in
    /// full, everything else in its one-line repr.
    public static func echoed(_ value: Value) -> DisplayItem {
        if case .native(let n as RichDisplayable) = value { return n.displayItem }
        return .text(value.repr)
    }

    /// True for a non-empty list of records that all have the same keys in the same order (other
    /// lists of records are shown as written, since columns would be mostly empty).
    private static func sharesOneKeyList(_ items: [Value]) -> Bool {
        guard case .record(let first)? = items.first, first.count > 0, items.count <= TableBuilder.rowLimit else { return false }
        return items.allSatisfy { if case .record(let r) = $0 { return r.keys == first.keys } else { return false } }
    }
}
