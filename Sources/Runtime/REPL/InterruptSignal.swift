#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The state the SIGINT handler reads and writes. Plain C integers only: a signal handler may touch
// nothing else. They are initialised (touched) in `InterruptSignal.install()` before the handler can run.
nonisolated(unsafe) private var evaluationRunning: sig_atomic_t = 0
nonisolated(unsafe) private var promptInterrupted: sig_atomic_t = 0
nonisolated(unsafe) private var exitWhenIdle: sig_atomic_t = 0

/// Ctrl-C for the REPL: during an evaluation it asks the session to stop at its next safe point (the
/// variables stay); while a line is being typed it makes the line editor return so the REPL can drop
/// the line and prompt again. With piped input there is no line to clear, so Ctrl-C while waiting for
/// input ends the process the usual way (status 130).
enum InterruptSignal {
    /// Installs the SIGINT handler. `interactive` selects what Ctrl-C does while waiting for input.
    static func install(interactive: Bool) {
        evaluationRunning = 0
        promptInterrupted = 0
        exitWhenIdle = interactive ? 0 : 1
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handleInterrupt
        #else
        action.__sigaction_u.__sa_handler = handleInterrupt
        #endif
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: the terminal read inside libedit must fail with EINTR so `readline` returns.
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Runs `body` as an evaluation: Ctrl-C during it interrupts the session instead of the prompt.
    static func whileEvaluating<T>(_ body: () -> T) -> T {
        evaluationRunning = 1
        defer { evaluationRunning = 0 }
        return body()
    }

    /// True (once) if Ctrl-C was pressed while waiting for input since the last call.
    static func takePromptInterrupt() -> Bool {
        let wasInterrupted = promptInterrupted != 0
        promptInterrupted = 0
        return wasInterrupted
    }
}

private func handleInterrupt(_ signal: Int32) {
    if evaluationRunning != 0 {
        Session.requestInterrupt()
        // On a terminal the driver has just echoed "^C"; end that line so the "interrupted" error
        // starts on its own. write(2) is async-signal-safe.
        if exitWhenIdle == 0 {
            var newline: UInt8 = 10
            _ = write(STDOUT_FILENO, &newline, 1)
        }
    } else if exitWhenIdle != 0 {
        _exit(128 + signal)
    } else {
        promptInterrupted = 1
    }
}
