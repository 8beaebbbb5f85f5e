/// What one request for a line of input produced.
public enum LineInput: Equatable {
    /// A line of text, without its trailing newline.
    case line(String)
    /// The user pressed Ctrl-C while the line was being typed: the partial input is dropped.
    case interrupted
    /// No more input (Ctrl-D on an empty line, or the end of a pipe).
    case endOfInput
}

/// A source of input lines for the REPL: a line editor on a terminal, or a plain reader for pipes.
///
/// Both kinds are driven by the same loop in `REPL`, so piped transcripts exercise exactly the logic a
/// person at a terminal sees; only prompting, editing and history differ.
public protocol LineReader: AnyObject {
    /// True when the reader talks to a person: the REPL then shows a banner and prompts.
    var isInteractive: Bool { get }
    /// Reads one line, showing `prompt` first when interactive.
    func readLine(prompt: String) -> LineInput
    /// Remembers a line the user entered (history), if the reader keeps one.
    func remember(_ line: String)
    /// Called once when the REPL ends, e.g. to save the history file.
    func close()
}
