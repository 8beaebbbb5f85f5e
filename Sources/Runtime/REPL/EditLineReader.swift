import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines on a terminal through libedit's readline interface: emacs-style editing (libedit's
/// default; `~/.editrc` can change it under the name `spar`), a persistent history file and tab
/// completion through a `REPLCompleter`.
public final class EditLineReader: LineReader {
    public let isInteractive = true
    /// Where the history is kept: `$SPAR_HISTORY`, else `~/.spar_history`; nil if neither is known.
    public let historyPath: String?
    /// How many lines the history file keeps.
    public static let historyLimit: Int32 = 2000

    private var lastRemembered: String?

    public init(completer: REPLCompleter, historyPath: String? = EditLineReader.defaultHistoryPath()) {
        self.historyPath = historyPath
        rl_readline_name = UnsafePointer(strdup("spar"))
        // Ctrl-C is handled by `InterruptSignal` alone: libedit's own handler would re-send the signal to
        // the whole process group. Our handler has no SA_RESTART, so the terminal read fails and
        // `readline` returns; `readLine(prompt:)` then tells Ctrl-C from Ctrl-D by the handler's flag.
        rl_catch_signals = 0
        rl_initialize()
        EditLineCompletion.install(completer)
        using_history()
        stifle_history(EditLineReader.historyLimit)
        if let historyPath { _ = read_history(historyPath) }
    }

    /// `$SPAR_HISTORY` if set and not empty, else `$HOME/.spar_history`.
    public static func defaultHistoryPath() -> String? {
        if let path = getenv("SPAR_HISTORY").map({ String(cString: $0) }), !path.isEmpty { return path }
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty {
            return home.hasSuffix("/") ? home + ".spar_history" : home + "/.spar_history"
        }
        return nil
    }

    public func readLine(prompt: String) -> LineInput {
        _ = InterruptSignal.takePromptInterrupt()
        // Without its signal handlers libedit does not hear about window resizes (SIGWINCH); asking
        // for the size before each prompt keeps long lines wrapping at the right column.
        rl_resize_terminal()
        guard let raw = readline(prompt) else {
            if InterruptSignal.takePromptInterrupt() {
                // The typed text stays on screen; continue below it with a fresh prompt.
                fputs("^C\n", stdout)
                fflush(stdout)
                return .interrupted
            }
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    public func remember(_ line: String) {
        guard line != lastRemembered else { return }
        lastRemembered = line
        add_history(line)
        // Saved after every line, so a killed session or a second window loses nothing.
        if let historyPath { _ = write_history(historyPath) }
    }

    public func close() {
        if let historyPath { _ = write_history(historyPath) }
    }
}
