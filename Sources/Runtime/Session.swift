import Foundation

/// How an evaluation ended. `exitCode` is the process exit code: ok 0, compileError 65, runtimeError 70.
public enum RunStatus: Equatable {
    case ok, compileError, runtimeError

    public var exitCode: Int32 {
        switch self {
        case .ok: return 0
        case .compileError: return 65
        case .runtimeError: return 70
        }
    }
}

/// One interpreter with its own globals: what the REPL, `spar run` and the tests drive.
///
/// Every evaluation runs on a dedicated thread with a large stack, so deep Spar recursion ends in
/// the Spar error "stack overflow" long before the native stack does.
public final class Session {
    let output: (String) -> Void
    let errorOutput: (String) -> Void

    /// Arguments visible to scripts as the global list `args`.
    public var arguments: [String] = []

    /// Optional limit on steps (loop iterations + calls) per evaluation; nil means none.
    public var stepLimit: Int?

    /// `out` receives normal output (print, echoed values); `err` receives diagnostics. Both get
    /// whole strings including their trailing newlines.
    public init(out: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                err: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.output = out
        self.errorOutput = err
    }

    /// Runs a whole script (parse, resolve, execute) in this session's globals.
    public func run(source: String, path: String) -> RunStatus {
        .ok
    }

    /// REPL evaluation of one complete input: statements run; if the input's last statement is an
    /// expression and the input does not end in `;`, its value is echoed (repr form) and stored in `_`.
    public func evalInteractive(_ source: String, path: String = "<repl>") -> RunStatus {
        .ok
    }

    /// True when `source` is incomplete (open brackets, strings or blocks), so the REPL asks for more.
    public func needsMoreInput(_ source: String) -> Bool {
        false
    }

    /// Completion candidates (whole words) for the word ending at `cursor` (a character offset) in
    /// `line`: global names and keywords, or members after `name.` when `name` is a global.
    public func completions(line: String, cursor: Int) -> [String] {
        []
    }

    /// (name, type, short summary) of every user-defined global, for `:who`.
    public func globals() -> [(name: String, type: String, summary: String)] {
        []
    }

    /// The help line of a builtin, a method ("list.map" or "map") or a user function; nil if unknown.
    public func help(_ name: String) -> String? {
        nil
    }

    /// Names that have help, for `:help` without argument.
    public func helpTopics() -> [String] {
        []
    }

    /// Requests that the running evaluation stop at the next safe point. Async-signal-safe: it only
    /// stores to an atomic integer.
    public static func requestInterrupt() {
    }

    /// Forgets all user globals (builtins stay).
    public func reset() {
    }
}
