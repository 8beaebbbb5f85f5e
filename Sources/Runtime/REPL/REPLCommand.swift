/// A REPL command typed at the start of an input: `:name argument` or `?name`.
///
/// New commands (for example `:cells FILE` and `:run FILE [CELL]`) are one more case, one more entry in
/// `REPLCommand.all` and one more branch in `REPL.perform(_:)`.
public enum REPLCommand: Equatable {
    case help(topic: String?)
    case who
    case time(expression: String)
    case load(path: String)
    /// `:cells FILE`: list a notebook's cells.
    case cells(path: String)
    /// `:run FILE [N|TITLE]`: run one cell of a notebook, or all of them, in this session.
    case runCells(path: String, cell: String?)
    case reset
    case quit
    /// A `:word` that names no command; the REPL says so instead of evaluating it.
    case unknown(name: String)
    /// A known command used without its required argument, e.g. `:load` alone.
    case missingArgument(command: String, usage: String)

    /// One command as listed by `:help` and offered by tab completion.
    public struct Info {
        public let names: [String]
        public let usage: String
        public let summary: String
    }

    /// Every command, in the order `:help` lists them.
    public static let all: [Info] = [
        Info(names: [":help", "?"], usage: ":help [name]   or   ?name",
             summary: "list the commands and help topics, or show the help line of a name"),
        Info(names: [":who"], usage: ":who", summary: "list your variables with their types and values"),
        Info(names: [":time"], usage: ":time EXPR", summary: "evaluate EXPR and print the wall-clock time it took"),
        Info(names: [":load"], usage: ":load FILE", summary: "run a script file in this session"),
        Info(names: [":cells"], usage: ":cells FILE", summary: "list the cells of a notebook file (split by '# %%' lines)"),
        Info(names: [":run"], usage: ":run FILE [N|TITLE]", summary: "run cell N (or the cell titled TITLE) of a notebook, or all its cells, in this session"),
        Info(names: [":reset"], usage: ":reset", summary: "forget all your variables and functions"),
        Info(names: [":quit", ":q"], usage: ":quit   or   :q   or   Ctrl-D", summary: "leave the REPL"),
    ]

    /// The `:` names that completion offers.
    public static var completableNames: [String] {
        all.flatMap { $0.names }.filter { $0.hasPrefix(":") }
    }

    /// Parses a whole input line as a command; nil when the line is code (it does not start with `:`
    /// or `?` after leading spaces).
    public static func parse(_ line: String) -> REPLCommand? {
        let text = line.withoutSurroundingWhitespace()
        if text.hasPrefix("?") {
            let topic = String(text.dropFirst()).withoutSurroundingWhitespace()
            return .help(topic: topic.isEmpty ? nil : topic)
        }
        guard text.hasPrefix(":") else { return nil }
        let name = String(text.prefix { !$0.isWhitespace })
        let argument = String(text.dropFirst(name.count)).withoutSurroundingWhitespace()
        switch name {
        case ":help", ":h":
            return .help(topic: argument.isEmpty ? nil : argument)
        case ":who":
            return .who
        case ":time":
            return argument.isEmpty ? .missingArgument(command: name, usage: ":time EXPR") : .time(expression: argument)
        case ":load":
            return argument.isEmpty ? .missingArgument(command: name, usage: ":load FILE") : .load(path: argument)
        case ":cells":
            return argument.isEmpty ? .missingArgument(command: name, usage: ":cells FILE") : .cells(path: argument)
        case ":run":
            guard !argument.isEmpty else { return .missingArgument(command: name, usage: ":run FILE [N|TITLE]") }
            let path = String(argument.prefix { !$0.isWhitespace })
            let cell = String(argument.dropFirst(path.count)).withoutSurroundingWhitespace()
            return .runCells(path: path, cell: cell.isEmpty ? nil : cell)
        case ":reset":
            return .reset
        case ":quit", ":q", ":exit":
            return .quit
        default:
            return .unknown(name: name)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func withoutSurroundingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
