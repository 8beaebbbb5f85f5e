import Lang

extension Compiler {
    /// `target = value` and `target op= value` for variables, `x[i]` and `x.name`.
    func assignment(_ target: Expr, _ op: AssignOperator?, _ value: Expr, at location: SourceLocation) -> Code {
        let valueCode = expr(value, .operand)
        let combine: ((Value, Value) throws -> Value)? = op.map { op in
            let bop = op.binary
            return { old, rhs in
                if case .number(let p) = old, case .number(let q) = rhs {
                    return .number(try Operators.arithmetic(bop, p, q, at: location))
                }
                return try Operators.binary(bop, old, rhs, at: location)
            }
        }
        switch target.kind {
        case .variable(let ref):
            let write = self.write(ref)
            guard let combine else {
                return { f in write(f, try valueCode(f)); return .null }
            }
            let read = self.read(ref, at: target.location)
            // Plain local slots and globals are updated in place: numbers without a closure call,
            // and `s += "x"` appends to a uniquely referenced string instead of copying it.
            let opCode = op ?? .add
            if case .local(let d) = ref.target, case .local(let slot) = d.storage, d.cellIndex == nil {
                return { f in
                    let rhs = try valueCode(f)
                    try updateInPlace(f.slots + slot, opCode, rhs, combine)
                    return .null
                }
            }
            if case .global(let g) = ref.target {
                let globals = refs.globals
                let name = ref.name
                let targetLocation = target.location
                return { f in
                    let rhs = try valueCode(f)
                    let p = globals.values + g
                    _ = try p.pointee.checkDefined(name, at: targetLocation)
                    if case .closure = p.pointee {
                        globals.set(g, try combine(p.pointee, rhs))  // keeps a pinned callee alive
                        return .null
                    }
                    try updateInPlace(p, opCode, rhs, combine)
                    return .null
                }
            }
            return { f in
                let rhs = try valueCode(f)
                write(f, try combine(try read(f), rhs))
                return .null
            }
        case .index(let base, let index):
            let b = expr(base, .operand), i = expr(index, .operand)
            return { f in
                let container = try b(f), key = try i(f)
                let rhs = try valueCode(f)
                var v = rhs
                if let combine { v = try combine(try Access.index(container, key, at: location), rhs) }
                try Access.setIndex(container, key, v, at: location)
                return .null
            }
        case .member(let base, let name):
            let b = expr(base, .operand)
            let interp = refs.interp
            return { f in
                let container = try b(f)
                let rhs = try valueCode(f)
                var v = rhs
                if let combine { v = try combine(try Access.member(container, name, interp, at: location), rhs) }
                try Access.setMember(container, name, v, at: location)
                return .null
            }
        default:
            return { _ in throw RuntimeError("cannot assign to this expression", at: location) }
        }
    }
}

/// `*p op= rhs` for a variable stored at `p`.
@inline(__always)
private func updateInPlace(_ p: UnsafeMutablePointer<Value>, _ op: AssignOperator, _ rhs: Value,
                           _ combine: (Value, Value) throws -> Value) throws {
    if case .number(let x) = p.pointee, case .number(let y) = rhs {
        switch op {
        case .add: p.pointee = .number(x + y); return
        case .subtract: p.pointee = .number(x - y); return
        case .multiply: p.pointee = .number(x * y); return
        case .divide: if y != 0 { p.pointee = .number(x / y); return }
        }
    }
    if op == .add, case .string(var s) = p.pointee, case .string(let t) = rhs {
        p.pointee = .null  // drop the variable's reference so `s` is unique and grows in place
        s += t
        p.pointee = .string(s)
        return
    }
    p.pointee = try combine(p.pointee, rhs)
}
