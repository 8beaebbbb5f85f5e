/// The values of one global table, in a buffer that grows as the REPL declares names. Compiled code
/// reads `values` through this object each time, so growth never leaves code with a stale pointer.
final class GlobalStore {
    private(set) var values: UnsafeMutablePointer<Value>
    private(set) var capacity: Int

    init() {
        capacity = 256
        values = .allocate(capacity: capacity)
        values.initialize(repeating: undefinedGlobal, count: capacity)
    }

    deinit {
        values.deinitialize(count: capacity)
        values.deallocate()
    }

    /// Makes sure slots `0..<count` exist (new ones hold the "undefined" marker).
    func ensure(_ count: Int) {
        guard count > capacity else { return }
        var newCapacity = capacity
        while newCapacity < count { newCapacity *= 2 }
        let fresh = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
        fresh.moveInitialize(from: values, count: capacity)
        (fresh + capacity).initialize(repeating: undefinedGlobal, count: newCapacity - capacity)
        values.deallocate()
        values = fresh
        capacity = newCapacity
    }
}

/// The marker held by a global that is declared but whose definition has not run yet.
let undefinedMarker = Builtin(name: "<undefined>") { _ in .null }
let undefinedGlobal = Value.builtin(undefinedMarker)

extension Value {
    @inline(__always) var isUndefinedGlobal: Bool {
        if case .builtin(let b) = self, b === undefinedMarker { return true }
        return false
    }
}
