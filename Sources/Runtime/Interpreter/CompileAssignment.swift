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
            if let place = variablePlace(ref, name: ref.name, at: target.location), let op {
                switch op {
                case .add: return compound(AddOp.self, place, value, valueCode, combine)
                case .subtract: return compound(SubtractOp.self, place, value, valueCode, combine)
                case .multiply: return compound(MultiplyOp.self, place, value, valueCode, combine)
                case .divide: return compound(DivideOp.self, place, value, valueCode, combine)
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

/// Where a compound assignment's variable lives: a plain local slot or a global.
enum VariablePlace {
    case slot(Int)
    case global(Int, String, SourceLocation)
}

extension Compiler {
    func variablePlace(_ ref: VariableRef, name: String, at location: SourceLocation) -> VariablePlace? {
        switch ref.target {
        case .local(let d):
            if case .local(let slot) = d.storage, d.cellIndex == nil { return .slot(slot) }
            return nil
        case .global(let g): return .global(g, name, location)
        default: return nil
        }
    }

    /// `x op= value` for a local slot or a global, specialised per operator and per operand shape:
    /// when both sides are numbers the variable is updated in place with no closure call for a
    /// constant or variable right-hand side, and `s += "x"` appends to a uniquely referenced
    /// string instead of copying it.
    fileprivate func compound<O: ArithmeticOp>(_: O.Type, _ place: VariablePlace, _ value: Expr, _ code: @escaping Code,
                                               _ combine: @escaping (Value, Value) throws -> Value) -> Code {
        let rhs = operand(value, compiled: code)
        if let shape = NestedArithmetic(value, self) {
            return compoundNested(O.self, place, shape, code, combine)
        }
        switch place {
        case .slot(let s):
            switch rhs {
            case .constant(let k):
                return { f in
                    let p = f.slots + s
                    if case .number(let x) = p.pointee, let r = O.apply(x, k) { p.initialize(to: .number(r)); return .null }
                    try updateSlowly(p, O.op, .number(k), combine)
                    return .null
                }
            case .slot(let t):
                return { f in
                    let p = f.slots + s
                    if case .number(let x) = p.pointee, case .number(let y) = f.slots[t], let r = O.apply(x, y) {
                        p.initialize(to: .number(r)); return .null
                    }
                    try updateSlowly(p, O.op, f.slots[t], combine)
                    return .null
                }
            default:
                return { f in
                    let y = try code(f)
                    let p = f.slots + s
                    if case .number(let x) = p.pointee, case .number(let q) = y, let r = O.apply(x, q) {
                        p.initialize(to: .number(r)); return .null
                    }
                    try updateSlowly(p, O.op, y, combine)
                    return .null
                }
            }
        case .global(let g, let name, let location):
            let globals = refs.globals
            if case .constant(let k) = rhs {
                return { _ in
                    let p = globals.values + g
                    if case .number(let x) = p.pointee, let r = O.apply(x, k) { p.initialize(to: .number(r)); return .null }
                    try updateGlobalSlowly(globals, g, name, location, O.op, .number(k), combine)
                    return .null
                }
            }
            return { f in
                let y = try code(f)
                let p = globals.values + g  // after the right-hand side, which may grow the store
                if case .number(let x) = p.pointee, case .number(let q) = y, let r = O.apply(x, q) {
                    p.initialize(to: .number(r)); return .null
                }
                try updateGlobalSlowly(globals, g, name, location, O.op, y, combine)
                return .null
            }
        }
    }
}

/// A right-hand side `(local op1 j) op2 k` with number constants `j` and `k` (`i % 7 * 3`), which
/// a compound assignment evaluates in its own closure: loops summing such terms then run one
/// closure per iteration fewer.
struct NestedArithmetic {
    let slot: Int
    let inner: BinaryOperator, j: Double
    let outer: BinaryOperator, k: Double

    init?(_ e: Expr, _ compiler: Compiler) {
        guard case .binary(let outer, let a, let b) = e.kind, case .number(let k) = b.kind,
              case .binary(let inner, let x, let y) = a.kind, case .number(let j) = y.kind,
              let slot = compiler.plainSlot(x),
              NestedArithmetic.apply(inner, 1, 1) != nil, NestedArithmetic.apply(outer, 1, 1) != nil else { return nil }
        self.slot = slot; self.inner = inner; self.j = j; self.outer = outer; self.k = k
    }

    /// The value for local `x`, or nil when an operator would fail (the slow path reports it).
    @inline(__always)
    func value(_ x: Double) -> Double? {
        guard let q = NestedArithmetic.apply(inner, x, j) else { return nil }
        return NestedArithmetic.apply(outer, q, k)
    }

    /// The arithmetic operators on numbers, nil for a zero divisor or a non-arithmetic operator.
    @inline(__always)
    static func apply(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double? {
        switch op {
        case .add: return AddOp.apply(x, y)
        case .subtract: return SubtractOp.apply(x, y)
        case .multiply: return MultiplyOp.apply(x, y)
        case .divide: return DivideOp.apply(x, y)
        case .floorDivide: return FloorDivideOp.apply(x, y)
        case .modulo: return ModuloOp.apply(x, y)
        default: return nil
        }
    }
}

extension Compiler {
    /// `compound` for a `NestedArithmetic` right-hand side; `code` is its general code, used when
    /// the local is not a number or an operator fails.
    fileprivate func compoundNested<O: ArithmeticOp>(_: O.Type, _ place: VariablePlace, _ shape: NestedArithmetic,
                                                     _ code: @escaping Code,
                                                     _ combine: @escaping (Value, Value) throws -> Value) -> Code {
        switch place {
        case .slot(let s):
            return { f in
                let y: Value
                if case .number(let x) = f.slots[shape.slot], let v = shape.value(x) { y = .number(v) } else { y = try code(f) }
                let p = f.slots + s
                if case .number(let old) = p.pointee, case .number(let q) = y, let r = O.apply(old, q) {
                    p.initialize(to: .number(r)); return .null
                }
                try updateSlowly(p, O.op, y, combine)
                return .null
            }
        case .global(let g, let name, let location):
            let globals = refs.globals
            return { f in
                let y: Value
                if case .number(let x) = f.slots[shape.slot], let v = shape.value(x) { y = .number(v) } else { y = try code(f) }
                let p = globals.values + g
                if case .number(let old) = p.pointee, case .number(let q) = y, let r = O.apply(old, q) {
                    p.initialize(to: .number(r)); return .null
                }
                try updateGlobalSlowly(globals, g, name, location, O.op, y, combine)
                return .null
            }
        }
    }
}

/// `*p op= rhs` for anything but two numbers: string appends in place, the rest through `combine`
/// (which reports errors such as division by zero).
@inline(never)
private func updateSlowly(_ p: UnsafeMutablePointer<Value>, _ op: BinaryOperator, _ rhs: Value,
                          _ combine: (Value, Value) throws -> Value) throws {
    if op == .add, case .string(var s) = p.pointee, case .string(let t) = rhs {
        p.pointee = .null  // drop the variable's reference so `s` is unique and grows in place
        s += t
        p.pointee = .string(s)
        return
    }
    p.pointee = try combine(p.pointee, rhs)
}

/// `updateSlowly` for a global: it may not be defined yet, and a closure it holds may be a pinned
/// callee that `GlobalStore.set` must keep alive.
@inline(never)
private func updateGlobalSlowly(_ globals: GlobalStore, _ g: Int, _ name: String, _ location: SourceLocation,
                                _ op: BinaryOperator, _ rhs: Value, _ combine: (Value, Value) throws -> Value) throws {
    let p = globals.values + g
    _ = try p.pointee.checkDefined(name, at: location)
    if case .closure = p.pointee {
        globals.set(g, try combine(p.pointee, rhs))
        return
    }
    try updateSlowly(p, op, rhs, combine)
}
