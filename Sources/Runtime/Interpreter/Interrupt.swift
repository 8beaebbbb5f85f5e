import Synchronization

/// Set by `Session.requestInterrupt()` (possibly from a signal handler), read at loop back-edges
/// and calls. An atomic store is async-signal-safe.
let interruptFlag = Atomic<Int32>(0)
