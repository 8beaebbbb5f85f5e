/// The values of one global table, in a buffer that grows as the REPL declares names. Compiled code
/// reads `values` through this object each time, so growth never leaves code with a stale pointer.
final class GlobalStore {
    /// The current buffer. Read through a pointer-sized box, not a stored `var`, so reading it in
    /// hot code needs no run-time exclusivity check (see `Interpreter.Hot`).
    var values: UnsafeMutablePointer<Value> { @inline(__always) get { buffer.pointee } }
    private let buffer: UnsafeMutablePointer<UnsafeMutablePointer<Value>>
    private(set) var capacity: Int

    init() {
        capacity = 256
        let values = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        values.initialize(repeating: undefinedGlobal, count: capacity)
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: values)
    }

    deinit {
        values.deinitialize(count: capacity)
        values.deallocate()
        buffer.deallocate()
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
        buffer.pointee = fresh
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
