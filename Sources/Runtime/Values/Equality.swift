/// Spar `==`: by value for scalars, structurally for lists and records, by bounds for ranges, by
/// identity for functions; natives decide through `NativeValue.equals`.
///
/// Containers are compared with an explicit work list, not recursion, so lists nested 10,000 or a
/// million deep compare correctly in memory linear in their size. Cycles (a list that contains
/// itself) end too: a pair of containers met a second time is not expanded again, so two
/// structures are equal exactly when no reachable pair of parts differs (bisimilarity).
func valuesEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.list(let x), .list(let y)):
        if x === y { return true }
        guard x.items.count == y.items.count else { return false }
        return containersEqual(a, b)
    case (.record(let x), .record(let y)):
        if x === y { return true }
        guard x.keys == y.keys else { return false }
        return containersEqual(a, b)
    default:
        return shallowEqual(a, b)
    }
}

/// Equality of two values that are not both containers (containers here answer false).
private func shallowEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.range(let x), .range(let y)): return x == y
    case (.closure(let x), .closure(let y)): return x === y
    case (.builtin(let x), .builtin(let y)): return x === y
    case (.native(let x), .native(let y)): return x.equals(y)
    default: return false
    }
}

private struct ContainerPair: Hashable {
    let left: ObjectIdentifier
    let right: ObjectIdentifier
}

/// The work-list comparison behind `valuesEqual` for two lists or two records.
private func containersEqual(_ a: Value, _ b: Value) -> Bool {
    var pending: [(Value, Value)] = [(a, b)]
    var expanded = Set<ContainerPair>()
    while let (x, y) = pending.popLast() {
        switch (x, y) {
        case (.list(let l), .list(let r)):
            if l === r { continue }
            guard l.items.count == r.items.count else { return false }
            guard expanded.insert(ContainerPair(left: ObjectIdentifier(l), right: ObjectIdentifier(r))).inserted else { continue }
            for i in stride(from: l.items.count - 1, through: 0, by: -1) {
                let (p, q) = (l.items[i], r.items[i])
                if isContainer(p) || isContainer(q) { pending.append((p, q)) } else if !shallowEqual(p, q) { return false }
            }
        case (.record(let l), .record(let r)):
            if l === r { continue }
            guard l.keys == r.keys else { return false }
            guard expanded.insert(ContainerPair(left: ObjectIdentifier(l), right: ObjectIdentifier(r))).inserted else { continue }
            for i in stride(from: l.values.count - 1, through: 0, by: -1) {
                let (p, q) = (l.values[i], r.values[i])
                if isContainer(p) || isContainer(q) { pending.append((p, q)) } else if !shallowEqual(p, q) { return false }
            }
        default:
            if !shallowEqual(x, y) { return false }
        }
    }
    return true
}

@inline(__always)
private func isContainer(_ v: Value) -> Bool {
    switch v {
    case .list, .record: return true
    default: return false
    }
}
