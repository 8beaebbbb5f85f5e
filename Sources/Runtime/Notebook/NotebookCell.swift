/// One cell of a notebook file in the percent format (`# %%` lines, as Jupytext, VS Code and
/// Spyder read it).
public struct NotebookCell: Equatable {
    public enum Kind: Equatable {
        /// Spar code, run in the notebook's session.
        case code
        /// Prose: the `#` comment lines of a `# %% [markdown]` cell, with the comment marks removed.
        case markdown
    }

    public var kind: Kind
    /// The text after `# %%` without the `[markdown]` tag, or nil when there is none.
    public var title: String?
    /// Code cells: the code lines as written. Markdown cells: the prose (comment marks removed).
    /// Leading and trailing blank lines are dropped.
    public var source: String
    /// 1-based line in the file of the first line of `source` (of the `# %%` line for an empty cell).
    public var firstLine: Int
    /// 1-based number of the cell in the file, as `:cells` lists it and `:run FILE N` takes it.
    public var number: Int

    public init(kind: Kind, title: String?, source: String, firstLine: Int, number: Int) {
        self.kind = kind
        self.title = title
        self.source = source
        self.firstLine = firstLine
        self.number = number
    }

    /// True when there is nothing in the cell but blank lines.
    public var isEmpty: Bool { source.allSatisfy(\.isWhitespace) }

    /// `[3] Title` or `[3]`, for listings and report headings.
    public var label: String {
        "[\(number)]" + (title.map { " " + $0 } ?? "")
    }
}
