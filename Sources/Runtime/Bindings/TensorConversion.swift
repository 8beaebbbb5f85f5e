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

    /// Nested lists of numbers (or booleans) with equal lengths at each depth.
    static func fromNested(_ value: Value, _ callee: String) throws -> Tensor {
        var shape: [Int] = []
        var probe = value
        while case .list(let l) = probe {
            shape.append(l.items.count)
            guard let first = l.items.first else { break }
            probe = first
        }
        let n = try Shape.elementCount(shape, op: callee)
        var out: [Float] = []
        out.reserveCapacity(n)
        func walk(_ v: Value, _ depth: Int, _ path: [Int]) throws {
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
            for (i, item) in l.items.enumerated() { try walk(item, depth + 1, path + [i]) }
        }
        try walk(value, 0, [])
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

    /// Nested lists of numbers holding the tensor's values (a number for rank 0).
    static func nestedList(_ t: Tensor) -> Value {
        if t.rank == 0 { return .number(number(t.scalars.first ?? 0)) }
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
