import Synchronization

/// Ctrl-C for long engine work. The REPL's SIGINT handler calls `request()` (an atomic store, safe in
/// a signal handler); long loops in the engine (large matrix products, learning dynamics, training,
/// generation, self-play) call `check()` now and then, which throws `Interrupted` once. Runtime turns
/// that into the uncatchable Spar error "interrupted", so a stopped evaluation keeps the session.
///
/// Engine cannot see the interpreter, so this flag is the one channel between them: the interpreter
/// polls the same flag at its loop back-edges and calls.
public enum Interruption {
    /// 1 while a stop has been asked for and not yet delivered.
    public static let flag = Atomic<Int32>(0)

    /// Asks running work to stop at its next check. Async-signal-safe.
    @inline(__always)
    public static func request() { flag.store(1, ordering: .relaxed) }

    /// Forgets a pending request (a new evaluation starts clean).
    @inline(__always)
    public static func clear() { flag.store(0, ordering: .relaxed) }

    /// True while a request is pending.
    @inline(__always)
    public static var isRequested: Bool { flag.load(ordering: .relaxed) != 0 }

    /// Throws `Interrupted` (and consumes the request) when a stop was asked for. Costs one load.
    @inline(__always)
    public static func check() throws {
        if _slowPath(flag.load(ordering: .relaxed) != 0) { try deliver() }
    }

    @inline(never)
    static func deliver() throws {
        flag.store(0, ordering: .relaxed)
        throw Interrupted()
    }
}

/// Thrown by `Interruption.check()`: the user pressed Ctrl-C. Not an `EngineError`, so code that
/// rewraps engine errors with context lets it pass unchanged.
public struct Interrupted: Error, CustomStringConvertible, Equatable, Sendable {
    public init() {}
    public var description: String { "interrupted" }
}
