import Engine

/// Converting script values to tensors, shapes, axes and flags, with errors that name the callee.
enum TensorArgs {
    /// A tensor from a tensor or param value, a number, or a nested list of numbers.
    static func tensor(_ v: Value, _ callee: String) throws -> Tensor {
        switch v {
        case .native(let n as TensorValue): return n.tensor
        case .number(let d): return Tensor(Float(d))
        case .bool(let b): return Tensor(b ? 1 : 0)
        case .list: return try fromNested(v, callee)
        default: throw ScriptError("\(callee): expected a tensor, a number or a list of numbers, not \(v.typeName)")
        }
    }

    /// The tensor argument at `i` (or labeled `label`).
    static func tensor(_ args: Arguments, _ i: Int, _ label: String = "") throws -> Tensor {
        guard let v = args.value(i, label) else { throw ScriptError("\(args.callee): missing argument \(label.isEmpty ? "\(i + 1)" : "'\(label)'")") }
        return try tensor(v, args.callee)
    }

    /// Nested lists of numbers (or booleans) with equal lengths at each depth. The depth is bounded
    /// by `Shape.maxRank`, so a list that contains itself or one nested 100,000 deep is an error, and
    /// the walk keeps one index path (memory linear in the input).
    static func fromNested(_ value: Value, _ callee: String) throws -> Tensor {
        var shape: [Int] = []
        var probe = value
        var seen: [ObjectIdentifier] = []
        while case .list(let l) = probe {
            if seen.contains(ObjectIdentifier(l)) { throw ScriptError("\(callee): the list contains itself") }
            seen.append(ObjectIdentifier(l))
            shape.append(l.items.count)
            guard shape.count <= Shape.maxRank else {
                throw ScriptError("\(callee): lists nested more than \(Shape.maxRank) deep (a tensor has at most \(Shape.maxRank) axes)")
            }
            guard let first = l.items.first else { break }
            probe = first
        }
        let n = try Shape.elementCount(shape, op: callee)
        var out: [Float] = []
        out.reserveCapacity(n)
        var path: [Int] = []
        func walk(_ v: Value, _ depth: Int) throws {
            if depth == shape.count {
                switch v {
                case .number(let d): out.append(Float(d))
                case .bool(let b): out.append(b ? 1 : 0)
                case .list: throw ScriptError("\(callee): nested lists are ragged at \(path) (expected a number, found a list)")
                default: throw ScriptError("\(callee): element at \(path) is a \(v.typeName), not a number")
                }
                return
            }
            guard case .list(let l) = v else {
                throw ScriptError("\(callee): nested lists are ragged at \(path) (expected a list of \(shape[depth]), found a \(v.typeName))")
            }
            guard l.items.count == shape[depth] else {
                throw ScriptError("\(callee): nested lists are ragged at \(path) (length \(l.items.count), expected \(shape[depth]))")
            }
            path.append(0)
            for (i, item) in l.items.enumerated() {
                path[depth] = i
                try walk(item, depth + 1)
            }
            path.removeLast()
        }
        try walk(value, 0)
        return try Tensor(shape: shape, scalars: out)
    }

    /// A shape: a list of non-negative integers, or one integer.
    static func shape(_ v: Value?, _ callee: String) throws -> [Int] {
        switch v {
        case .number(let d)?: return [try Shape.size(from: d, op: callee)]
        case .list(let l)?:
            return try l.items.map { item in
                guard case .number(let d) = item else { throw ScriptError("\(callee): shape entries must be numbers, not \(item.typeName)") }
                return try Shape.size(from: d, op: callee)
            }
        case nil: throw ScriptError("\(callee): missing argument shape")
        case let other?: throw ScriptError("\(callee): shape must be a list of sizes, not \(other.typeName)")
        }
    }

    /// A list of integers (allowing negatives, e.g. reshape's -1 or permute's axes).
    static func integers(_ v: Value?, _ callee: String) throws -> [Int] {
        switch v {
        case .number(let d)?: return [try Shape.integer(from: d, op: callee)]
        case .list(let l)?:
            return try l.items.map { item in
                guard case .number(let d) = item else { throw ScriptError("\(callee): expected numbers, not \(item.typeName)") }
                return try Shape.integer(from: d, op: callee)
            }
        default: throw ScriptError("\(callee): expected a list of integers")
        }
    }

    /// The optional integer `axis:` (or positional `i`); nil when absent or nil.
    static func axis(_ args: Arguments, _ i: Int = 0, label: String = "axis") throws -> Int? {
        guard let v = args.value(i, label) else { return nil }
        if case .null = v { return nil }
        return try args.integer(i, label)
    }

    /// A boolean flag argument with a default.
    static func flag(_ args: Arguments, _ label: String, default value: Bool) throws -> Bool {
        guard let v = args[label] else { return value }
        guard case .bool(let b) = v else { throw ScriptError("\(args.callee): '\(label)' must be true or false, not \(v.typeName)") }
        return b
    }

    /// An optional number argument as Float.
    static func float(_ args: Arguments, _ i: Int, _ label: String, default value: Float) throws -> Float {
        guard args.value(i, label) != nil else { return value }
        return Float(try args.number(i, label))
    }

    /// A required seed: a non-negative integer (NaN, fractions and negatives are errors).
    static func seed(_ args: Arguments) throws -> UInt64 {
        guard let v = args["seed"] else { throw ScriptError("\(args.callee): missing argument 'seed' (every random source takes a seed)") }
        guard case .number(let d) = v else { throw ScriptError("\(args.callee): seed must be a number, not \(v.typeName)") }
        do { return try SeededRandom.seed(from: d) } catch let e as EngineError {
            throw ScriptError("\(args.callee): \(e.message)")
        }
    }

    /// A Float as a script number: the shortest decimal that reads back as that Float, so 0.1f is
    /// 0.1 and not 0.10000000149011612.
    static func number(_ f: Float) -> Double { Double(f.description) ?? Double(f) }

    /// Nested lists of numbers holding the tensor's values (a number for rank 0). A tensor with no
    /// elements can still stand for a huge number of empty lists (`zeros([1e12, 0])`): their count
    /// is checked against free memory before any is made.
    static func nestedList(_ t: Tensor) throws -> Value {
        if t.rank == 0 { return .number(number(t.scalars.first ?? 0)) }
        var lists = 1, outer = 1
        for size in t.shape.dropLast() {
            let (o, overflow1) = outer.multipliedReportingOverflow(by: size)
            let (l, overflow2) = lists.addingReportingOverflow(o)
            guard !overflow1, !overflow2 else { throw ScriptError("list: a tensor of shape \(t.shape) makes too many lists") }
            (outer, lists) = (o, l)
        }
        // About 64 bytes per list object and 16 per number (a Value) in its items.
        let (bytes, overflow) = lists.multipliedReportingOverflow(by: 64)
        guard !overflow, bytes <= Int.max - t.count * 16 else { throw ScriptError("list: a tensor of shape \(t.shape) makes too many lists") }
        try MemoryLimit.check(bytes: bytes + t.count * 16, for: "list: shape \(t.shape) as nested lists")
        let strides = t.shape.indices.map { t.shape[($0 + 1)...].reduce(1, *) }
        func build(_ axis: Int, _ offset: Int) -> Value {
            if axis == t.rank - 1 {
                return .list((0..<t.shape[axis]).map { .number(number(t.scalars[offset + $0])) })
            }
            return .list((0..<t.shape[axis]).map { build(axis + 1, offset + $0 * strides[axis]) })
        }
        return build(0, 0)
    }
}
