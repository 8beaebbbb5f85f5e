import Lang

/// Reading and writing `x.name` and `x[i]` for every kind of value.
enum Access {
    static func member(_ base: Value, _ name: String, _ interp: Interpreter, at location: SourceLocation) throws -> Value {
        switch base {
        case .record(let r):
            if let v = r[name] { return v }
            if MethodSet(name).record != nil { return boundMethod(base, name, interp, at: location) }
            throw RuntimeError("record has no field '\(name)'", at: location)
        case .native(let n):
            do {
                if let v = try n.member(name) { return v }
            } catch { throw located(error, at: location) }
            if n.memberNames.contains(name) { return boundMethod(base, name, interp, at: location) }
            throw RuntimeError("\(n.typeName) has no member '\(name)'", at: location)
        default:
            if MethodSet(name).has(for: base) { return boundMethod(base, name, interp, at: location) }
            throw RuntimeError("\(base.typeName) has no member '\(name)'", at: location)
        }
    }

    /// `xs.push` without a call: a function that calls the method on `xs`.
    private static func boundMethod(_ receiver: Value, _ name: String, _ interp: Interpreter, at location: SourceLocation) -> Value {
        let methods = MethodSet(name)
        return .builtin(Builtin(name: "\(receiver.typeName).\(name)") { [unowned(unsafe) interp] args in
            try methods.invoke(receiver, args.positional, args.labeled, nil, interp, at: args.location ?? location)
        })
    }

    static func index(_ base: Value, _ index: Value, at location: SourceLocation) throws -> Value {
        switch (base, index) {
        case (.list(let l), .number(let d)):
            return l.items[try position(d, count: l.items.count, at: location)]
        case (.list(let l), .range(let r)):
            let (lo, hi) = try slice(r, count: l.items.count, at: location)
            return .list(ListObject(Array(l.items[lo..<hi])))
        case (.string(let s), .number(let d)):
            let chars = Array(s)
            return .string(String(chars[try position(d, count: chars.count, at: location)]))
        case (.string(let s), .range(let r)):
            let chars = Array(s)
            let (lo, hi) = try slice(r, count: chars.count, at: location)
            return .string(String(chars[lo..<hi]))
        case (.record(let r), .string(let key)):
            guard let v = r[key] else { throw RuntimeError("record has no key \(quoted(key))", at: location) }
            return v
        case (.range(let r), .number(let d)):
            return .number(Double(r.start + (try position(d, count: r.count, at: location))))
        case (.native(let n), _):
            do {
                if let v = try n.index(index) { return v }
            } catch { throw located(error, at: location) }
            throw RuntimeError("\(n.typeName) cannot be indexed with \(index.typeName)", at: location)
        case (.record, _):
            throw RuntimeError("record keys are strings, not \(index.typeName)", at: location)
        case (.list, _), (.string, _), (.range, _):
            throw RuntimeError("\(base.typeName) index must be a number or range, not \(index.typeName)", at: location)
        default:
            throw RuntimeError("\(base.typeName) cannot be indexed", at: location)
        }
    }

    static func setIndex(_ base: Value, _ index: Value, _ value: Value, at location: SourceLocation) throws {
        switch (base, index) {
        case (.list(let l), .number(let d)):
            l.items[try position(d, count: l.items.count, at: location)] = value
        case (.record(let r), .string(let key)):
            r.set(key, value)
        case (.record, _):
            throw RuntimeError("record keys are strings, not \(index.typeName)", at: location)
        case (.list, _):
            throw RuntimeError("list index must be a number, not \(index.typeName)", at: location)
        default:
            throw RuntimeError("cannot assign to an index of \(base.typeName)", at: location)
        }
    }

    static func setMember(_ base: Value, _ name: String, _ value: Value, at location: SourceLocation) throws {
        guard case .record(let r) = base else {
            throw RuntimeError("cannot set field '\(name)' on \(base.typeName)", at: location)
        }
        r.set(name, value)
    }

    /// A checked position from a possibly negative index (-1 is the last element).
    static func position(_ d: Double, count: Int, at location: SourceLocation) throws -> Int {
        guard let i = exactInt(d) else { throw RuntimeError("index must be an integer, not \(formatNumber(d))", at: location) }
        let p = i < 0 ? i + count : i
        guard p >= 0 && p < count else {
            throw RuntimeError("index \(i) out of range for length \(count)", at: location)
        }
        return p
    }

    /// Slice bounds clamped to `0...count` (negative bounds count from the end), as in Python.
    static func slice(_ r: RangeValue, count: Int, at location: SourceLocation) throws -> (Int, Int) {
        func clamp(_ i: Int) -> Int {
            let p = i < 0 ? i + count : i
            return min(max(p, 0), count)
        }
        let lo = clamp(r.start), hi = clamp(r.end)
        return (lo, max(lo, hi))
    }
}
