/// How sessions display values: the REPL echo, `show(x)`, and the hook a notebook runner sets to
/// keep rich output (charts, tables) instead of printing it.
extension Session {
    /// When set, `show(x)` and echoed values (`evalInteractive`) are handed over as `DisplayItem`s
    /// instead of being printed; printed output (`print`) still goes to the session's `out`.
    public var displayHook: ((DisplayItem) -> Void)? {
        get { interp.displayHook }
        set { interp.displayHook = newValue }
    }

    /// The REPL echo of a non-nil value: rich values (plots, tables) in full, others as repr.
    func echoValue(_ value: Value) {
        for item in RichView.echoedItems(value) { interp.display(item) }
    }
}

extension Interpreter {
    /// Displays an item through the hook, or prints its terminal form.
    func display(_ item: DisplayItem) {
        if let hook = displayHook {
            hook(item)
        } else {
            output(item.terminalText(color: PlotValue.terminalUsesColor && isChart(item)))
        }
    }

    private func isChart(_ item: DisplayItem) -> Bool {
        if case .chart = item { return true }
        return false
    }
}
