/// Spar `==`: by value for scalars, structurally for lists and records, by bounds for ranges, by
/// identity for functions; natives decide through `NativeValue.equals`. Comparison stops at a
/// nesting depth of 1000 (reported as unequal) so cyclic structures cannot recurse forever.
func valuesEqual(_ a: Value, _ b: Value, depth: Int = 0) -> Bool {
    if depth > 1000 { return false }
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.range(let x), .range(let y)): return x == y
    case (.list(let x), .list(let y)):
        if x === y { return true }
        guard x.items.count == y.items.count else { return false }
        for i in 0..<x.items.count where !valuesEqual(x.items[i], y.items[i], depth: depth + 1) { return false }
        return true
    case (.record(let x), .record(let y)):
        if x === y { return true }
        guard x.keys == y.keys else { return false }
        for i in 0..<x.values.count where !valuesEqual(x.values[i], y.values[i], depth: depth + 1) { return false }
        return true
    case (.closure(let x), .closure(let y)): return x === y
    case (.builtin(let x), .builtin(let y)): return x === y
    case (.native(let x), .native(let y)): return x.equals(y)
    default: return false
    }
}
