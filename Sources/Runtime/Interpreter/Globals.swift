/// The values of one global table, in a buffer that grows as the REPL declares names. Compiled code
/// reads `values` through this object each time, so growth never leaves code with a stale pointer.
final class GlobalStore {
    /// The current buffer. Read through a pointer-sized box, not a stored `var`, so reading it in
    /// hot code needs no run-time exclusivity check (see `Interpreter.Hot`).
    var values: UnsafeMutablePointer<Value> { @inline(__always) get { buffer.pointee } }
    private let buffer: UnsafeMutablePointer<UnsafeMutablePointer<Value>>
    private(set) var capacity: Int

    /// Calls in progress whose callee closure was read from this store without retaining it (see
    /// `Compiler.globalCall1`). Behind a pointer for the same reason as `values`.
    var pinned: Int { @inline(__always) get { pins.pointee } @inline(__always) set { pins.pointee = newValue } }
    private let pins: UnsafeMutablePointer<Int>
    /// Bumped whenever a global that holds or held a function changes: the numeric VM's call sites
    /// remember their callee only while it stays the same (`SparNumCallCache`).
    let version: UnsafeMutablePointer<UInt64>
    /// Closures overwritten while calls were pinned: kept alive until no pinned call can be running
    /// them, so an unretained callee never dies under its own call (`fn f() { f = nil; ... }`).
    private var retired: [Value] = []

    init() {
        capacity = 256
        let values = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        values.initialize(repeating: undefinedGlobal, count: capacity)
        buffer = .allocate(capacity: 1)
        buffer.initialize(to: values)
        pins = .allocate(capacity: 1)
        pins.initialize(to: 0)
        version = .allocate(capacity: 1)
        version.initialize(to: 1)
    }

    deinit {
        values.deinitialize(count: capacity)
        values.deallocate()
        buffer.deallocate()
        pins.deallocate()
        version.deallocate()
    }

    /// Writes global `i`. Every write that may replace a closure while code runs goes through here.
    @inline(__always)
    func set(_ i: Int, _ v: Value) {
        let p = values + i
        if case .closure = p.pointee { retire(p); version.pointee &+= 1 }
        if case .closure = v { version.pointee &+= 1 }
        p.pointee = v
    }

    /// Writes global `i` outside any running code (resets, module set-up).
    func overwrite(_ i: Int, _ v: Value) {
        version.pointee &+= 1
        values[i] = v
    }

    /// Keeps the closure at `p` alive while pinned calls run; frees what was kept once none do.
    @inline(never)
    private func retire(_ p: UnsafeMutablePointer<Value>) {
        if pinned > 0 {
            retired.append(p.pointee)
        } else if !retired.isEmpty {
            retired.removeAll()
        }
    }

    /// Frees retired closures when no pinned call is running (the end of an evaluation).
    func releaseRetired() {
        if pinned == 0 && !retired.isEmpty { retired.removeAll() }
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
