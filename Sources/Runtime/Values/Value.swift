/// A Spar value.
///
/// Numbers are stored unboxed (one `Double`), so arithmetic never allocates. Lists and records are
/// reference types (`ListObject`, `RecordObject`): mutation is visible through every alias, as in
/// Python. Domain values defined outside the interpreter (tensors, models, games) are `.native`.
///
/// Truthiness: only `false` and `nil` are falsy; `0`, `""` and `[]` are true.
/// Equality (`==`): numbers, strings, booleans and nil by value; lists and records structurally
/// (same length/keys in the same order, equal elements); ranges by bounds; functions and natives by
/// identity unless the native type overrides `equals`.
public enum Value {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list(ListObject)
    case record(RecordObject)
    case range(RangeValue)
    /// A function written in Spar (a closure over its captured variables).
    case closure(Closure)
    /// A function written in Swift: a builtin, a bound method or a native's function.
    case builtin(Builtin)
    case native(NativeValue)

    /// Only `false` and `nil` are falsy.
    @inline(__always) public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        default: return true
        }
    }

    /// The name `type(x)` returns.
    public var typeName: String {
        switch self {
        case .null: return "nil"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .range: return "range"
        case .closure, .builtin: return "function"
        case .native(let n): return n.typeName
        }
    }

    /// Convenience constructors for Swift code binding natives.
    public static func list(_ items: [Value]) -> Value { .list(ListObject(items)) }
    public static func record(_ pairs: [(String, Value)]) -> Value { .record(RecordObject(pairs)) }
}

/// A half-open integer range `start..<end` (`a...b` is stored as `a..<b+1`).
public struct RangeValue: Equatable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) { self.start = start; self.end = end }
    /// Number of elements (0 when end <= start).
    public var count: Int { end > start ? end - start : 0 }
}

/// The storage of a Spar list: a reference type so that aliases share mutations and appends never copy.
public final class ListObject {
    public var items: [Value]
    public init(_ items: [Value] = []) { self.items = items }

    deinit {
        guard !items.isEmpty else { return }
        var pending = takeItems()
        dismantle(&pending)
    }
}

/// An ordered, string-keyed dictionary: insertion order is kept for printing and iteration.
public final class RecordObject {
    public private(set) var keys: [String]
    public private(set) var values: [Value]
    private var index: [String: Int]

    public init(_ pairs: [(String, Value)] = []) {
        keys = []; values = []; index = [:]
        keys.reserveCapacity(pairs.count); values.reserveCapacity(pairs.count)
        for (k, v) in pairs { set(k, v) }
    }

    public var count: Int { keys.count }

    public subscript(key: String) -> Value? {
        guard let i = index[key] else { return nil }
        return values[i]
    }

    /// Sets `key` to `value`, appending the key when new.
    public func set(_ key: String, _ value: Value) {
        if let i = index[key] { values[i] = value; return }
        index[key] = keys.count
        keys.append(key)
        values.append(value)
    }

    /// Removes `key` and returns its value, or nil when absent.
    @discardableResult
    public func remove(_ key: String) -> Value? {
        guard let i = index[key] else { return nil }
        let old = values[i]
        keys.remove(at: i); values.remove(at: i)
        index.removeAll(keepingCapacity: true)
        for (j, k) in keys.enumerated() { index[k] = j }
        return old
    }

    public func has(_ key: String) -> Bool { index[key] != nil }

    /// Empties the record, returning its values (for `dismantle`).
    func takeValues() -> [Value] {
        let taken = values
        keys = []; values = []; index = [:]
        return taken
    }

    deinit {
        guard !values.isEmpty else { return }
        var pending = takeValues()
        dismantle(&pending)
    }
}
