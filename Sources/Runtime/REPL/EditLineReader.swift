import CEditLine
import Engine
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
        // A history path that is not a history file (a FIFO would block start-up, another file
        // would be overwritten) is not used: this session keeps its history in memory only.
        var usable = historyPath
        if let path = historyPath, let problem = Self.historyProblem(path) {
            fputs("spar: history is not saved: \(path) \(problem)\n", stderr)
            usable = nil
        }
        self.historyPath = usable
        // libedit converts between the terminal's bytes and its wide characters with the C
        // library's locale: in the default "C" locale every character beyond ASCII is dropped from
        // the line. Spar's text is UTF-8, so the terminal is taken to be UTF-8 when the
        // environment names no locale.
        if let name = setlocale(LC_CTYPE, ""), ["C", "POSIX"].contains(String(cString: name)) {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        rl_readline_name = UnsafePointer(strdup("spar"))
        // Ctrl-C is handled by `InterruptSignal` alone: libedit's own handler would re-send the signal to
        // the whole process group. Our handler has no SA_RESTART, so the terminal read fails and
        // `readline` returns; `readLine(prompt:)` then tells Ctrl-C from Ctrl-D by the handler's flag.
        rl_catch_signals = 0
        // Our reader (buffered, pastes inserted whole) must be in place before rl_initialize.
        EditLineInput.install()
        rl_initialize()
        EditLineCompletion.install(completer)
        using_history()
        stifle_history(EditLineReader.historyLimit)
        if let usable { _ = read_history(usable) }
    }

    /// The first line of every libedit history file.
    static let historyCookie = "_HiStOrY_V2_"

    /// Why `path` cannot serve as the history file, or nil when it can: it is missing (it will be
    /// created), or it is a regular file that is empty or starts with libedit's history line.
    static func historyProblem(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if let problem = FileProblem.notRegular(path) { return problem }
        guard st.st_size > 0 else { return nil }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return FileProblem.reason(errno: errno, path: path) }
        defer { _ = Glibc.close(fd) }
        var head = [UInt8](repeating: 0, count: historyCookie.utf8.count)
        let n = head.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n == head.count, head == Array(historyCookie.utf8) else {
            return "is not a history file (it does not start with \(historyCookie)); it is left as it is"
        }
        return nil
    }

    /// Saves the history unless the path stopped being a history file meanwhile.
    private func saveHistory() {
        guard let historyPath, Self.historyProblem(historyPath) == nil else { return }
        _ = write_history(historyPath)
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
        saveHistory()
    }

    public func close() {
        saveHistory()
    }
}
