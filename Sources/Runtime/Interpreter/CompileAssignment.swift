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
            // `x += number` on a plain local slot: the hot loop counter case.
            if case .local(let d) = ref.target, case .local(let slot) = d.storage, d.cellIndex == nil, op == .add {
                return { f in
                    let rhs = try valueCode(f)
                    if case .number(let p) = f.slots[slot], case .number(let q) = rhs {
                        f.slots[slot] = .number(p + q)
                    } else {
                        f.slots[slot] = try combine(f.slots[slot], rhs)
                    }
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
