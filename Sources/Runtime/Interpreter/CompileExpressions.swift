import Lang

extension Compiler {
    func expr(_ e: Expr, _ flow: FlowContext) -> Code {
        let location = e.location
        switch e.kind {
        case .number(let d): let v = Value.number(d); return { _ in v }
        case .string(let s): let v = Value.string(s); return { _ in v }
        case .bool(let b): let v = Value.bool(b); return { _ in v }
        case .null: return { _ in .null }
        case .template(let pieces): return template(pieces)
        case .variable(let ref): return read(ref, at: location)
        case .list(let items):
            // A literal of constants (data pasted into a script: `[0.1, 0.2, ...]` of millions) is
            // built once; each evaluation shares its storage until the list is changed.
            if let constant = Self.constantItems(items) { return { _ in .list(ListObject(constant)) } }
            let codes = items.map { Node(expr($0, .operand)) }
            return { f in
                var values: [Value] = []
                values.reserveCapacity(codes.count)
                for c in codes { values.append(try c.run(f)) }
                return .list(ListObject(values))
            }
        case .record(let fields):
            let keys = fields.map(\.key)
            let codes = fields.map { Node(expr($0.value, .operand)) }
            return { f in
                let r = RecordObject()
                for i in 0..<keys.count { r.set(keys[i], try codes[i].run(f)) }
                return .record(r)
            }
        case .unary(_, let operand):
            let code = expr(operand, .operand)
            return { f in
                let v = try code(f)
                if case .number(let d) = v { return .number(-d) }
                return try Operators.negate(v, at: location)
            }
        case .binary(let op, let a, let b):
            return binary(op, a, b, at: location)
        case .and(let a, let b):
            let l = expr(a, .operand), r = expr(b, .operand)
            return { f in
                let x = try l(f)
                return x.isTruthy ? try r(f) : x
            }
        case .or(let a, let b):
            let l = expr(a, .operand), r = expr(b, .operand)
            return { f in
                let x = try l(f)
                return x.isTruthy ? x : try r(f)
            }
        case .not(let a):
            let t = test(a)
            return { f in .bool(!(try t(f))) }
        case .range(let a, let b, let inclusive):
            let l = expr(a, .operand), r = expr(b, .operand)
            let la = a.location, lb = b.location
            return { f in
                let lo = try rangeBound(try l(f), at: la), hi = try rangeBound(try r(f), at: lb)
                if inclusive {
                    guard hi < Int.max else { throw RuntimeError("range bound too large", at: lb) }
                    return .range(RangeValue(start: lo, end: hi + 1))
                }
                return .range(RangeValue(start: lo, end: hi))
            }
        case .call(let callee, let args):
            return call(callee, args, at: location)
        case .member(let base, let name):
            let code = expr(base, .operand)
            let interp = refs.interp
            return { f in try Access.member(try code(f), name, interp, at: location) }
        case .index(let base, let index):
            let b = expr(base, .operand), i = expr(index, .operand)
            return { f in try Access.index(try b(f), try i(f), at: location) }
        case .function(let info):
            return closure(info)
        case .ifElse(let c, let then, let otherwise):
            return ifElse(c, then, otherwise, flow)
        case .block(let b):
            return block(b, flow)
        case .tryCatch(let body, let binding, let handler):
            return tryCatch(body, binding, handler, flow)
        case .pipe(let lhs, let rhs, let info):
            return pipe(lhs, rhs, info, at: location)
        }
    }

    private func template(_ pieces: [TemplatePiece]) -> Code {
        let parts: [(String?, Node?)] = pieces.map {
            switch $0 {
            case .text(let s): return (s, nil)
            case .expr(let e): return (nil, Node(expr(e, .operand)))
            }
        }
        return { f in
            var out = ""
            for (text, code) in parts {
                if let text { out += text } else if let code { out += try code.run(f).str }
            }
            return .string(out)
        }
    }
}

/// An integral range bound; a Spar error otherwise.
func rangeBound(_ v: Value, at location: SourceLocation) throws -> Int {
    guard case .number(let d) = v else {
        throw RuntimeError("range bounds must be numbers, not \(v.typeName)", at: location)
    }
    guard let n = exactInt(d) else {
        throw RuntimeError("range bounds must be integers, not \(formatNumber(d))", at: location)
    }
    return n
}

extension Compiler {
    /// The values of a list literal whose items are all number, string, boolean or nil literals
    /// (negated numbers too); nil when any item needs evaluating. Short lists are left to the
    /// general path, which is as fast for them.
    static func constantItems(_ items: [Expr]) -> [Value]? {
        guard items.count >= 16 else { return nil }
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items {
            switch item.kind {
            case .number(let d): values.append(.number(d))
            case .string(let s): values.append(.string(s))
            case .bool(let b): values.append(.bool(b))
            case .null: values.append(.null)
            case .unary(.negate, let operand):
                guard case .number(let d) = operand.kind else { return nil }
                values.append(.number(-d))
            default: return nil
            }
        }
        return values
    }
}
