import Lang

extension Compiler {
    /// Code for a condition, producing a Swift Bool without boxing comparisons into Values.
    func test(_ e: Expr) -> (Frame) throws -> Bool {
        switch e.kind {
        case .binary(let op, let a, let b):
            switch op {
            case .less, .lessEqual, .greater, .greaterEqual:
                return orderedTest(op, a, b, e.location)
            case .equal:
                let l = expr(a, .operand), r = expr(b, .operand), location = e.location
                return { f in
                    let x = try l(f), y = try r(f)
                    if case .number(let p) = x, case .number(let q) = y { return p == q }
                    return try Operators.equal(x, y, at: location)
                }
            case .notEqual:
                let l = expr(a, .operand), r = expr(b, .operand), location = e.location
                return { f in
                    let x = try l(f), y = try r(f)
                    if case .number(let p) = x, case .number(let q) = y { return p != q }
                    return !(try Operators.equal(x, y, at: location))
                }
            default: break
            }
        case .and(let a, let b):
            let l = test(a), r = test(b)
            return { f in try l(f) && r(f) }
        case .or(let a, let b):
            let l = test(a), r = test(b)
            return { f in try l(f) || r(f) }
        case .not(let a):
            let inner = test(a)
            return { f in !(try inner(f)) }
        case .bool(let b):
            return { _ in b }
        default: break
        }
        let code = expr(e, .operand)
        return { f in try code(f).isTruthy }
    }

    /// `<` `<=` `>` `>=` as a Bool. With `valueWanted` a tensor operand throws `NativeComparison`
    /// carrying the tensor result; in a condition it is an error.
    func orderedTest(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ location: SourceLocation,
                     valueWanted: Bool = false) -> (Frame) throws -> Bool {
        switch op {
        case .less: return compareTest(LessOp.self, a, b, location, valueWanted)
        case .lessEqual: return compareTest(LessEqualOp.self, a, b, location, valueWanted)
        case .greater: return compareTest(GreaterOp.self, a, b, location, valueWanted)
        default: return compareTest(GreaterEqualOp.self, a, b, location, valueWanted)
        }
    }

    /// `if cond { } else ...` — the value of the chosen branch, nil when no branch runs.
    func ifElse(_ condition: Expr, _ then: Block, _ otherwise: Expr?, _ flow: FlowContext) -> Code {
        let thenCode = block(then, flow)
        guard let otherwise else { return branch(condition, thenCode, nullCode, then: then.statements) }
        return branch(condition, thenCode, expr(otherwise, flow), then: then.statements)
    }

    /// `try { body } catch e { handler }`. The binding is a record {message, line, column, file}.
    /// "interrupted" and the step limit are not catchable: they must stop the evaluation.
    func tryCatch(_ body: Block, _ binding: Declaration?, _ handler: Block, _ flow: FlowContext) -> Code {
        let bodyCode = block(body, flow)
        let handlerCode = block(handler, flow)
        let bind = binding.map { store($0) }
        let interp = refs.interp
        return { f in
            let savedDepth = interp.depth
            do {
                return try bodyCode(f)
            } catch let error as RuntimeError where !error.isFatal {
                interp.depth = savedDepth
                if let bind { try bind(f, error.asValue()) }
                return try handlerCode(f)
            }
        }
    }
}

/// Number comparisons specialised per operator (generic code the optimiser specialises).
protocol CompareOp { static var op: BinaryOperator { get }; static func test(_ x: Double, _ y: Double) -> Bool }
enum LessOp: CompareOp { static let op = BinaryOperator.less; @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x < y } }
enum LessEqualOp: CompareOp { static let op = BinaryOperator.lessEqual; @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x <= y } }
enum GreaterOp: CompareOp { static let op = BinaryOperator.greater; @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x > y } }
enum GreaterEqualOp: CompareOp { static let op = BinaryOperator.greaterEqual; @inline(__always) static func test(_ x: Double, _ y: Double) -> Bool { x >= y } }

extension Compiler {
    func compareTest<O: CompareOp>(_: O.Type, _ a: Expr, _ b: Expr, _ location: SourceLocation,
                                   _ valueWanted: Bool) -> (Frame) throws -> Bool {
        switch (operand(a), operand(b)) {
        case (.slot(let s), .constant(let k)):
            return { f in
                if case .number(let p) = f.slots[s] { return O.test(p, k) }
                return try Operators.compare(O.op, f.slots[s], .number(k), at: location, valueWanted: valueWanted)
            }
        case (.slot(let s), .slot(let t)):
            return { f in
                if case .number(let p) = f.slots[s], case .number(let q) = f.slots[t] { return O.test(p, q) }
                return try Operators.compare(O.op, f.slots[s], f.slots[t], at: location, valueWanted: valueWanted)
            }
        case (.global(let g, let name), .constant(let k)):
            let globals = refs.globals
            return { _ in
                let x = globals.values[g]
                if case .number(let p) = x { return O.test(p, k) }
                return try Operators.compare(O.op, try x.checkDefined(name, at: location), .number(k), at: location, valueWanted: valueWanted)
            }
        default: break
        }
        let l = expr(a, .operand)
        if case .number(let k) = b.kind {
            return { f in
                let x = try l(f)
                if case .number(let p) = x { return O.test(p, k) }
                return try Operators.compare(O.op, x, .number(k), at: location, valueWanted: valueWanted)
            }
        }
        let r = expr(b, .operand)
        return { f in
            let x = try l(f), y = try r(f)
            if case .number(let p) = x, case .number(let q) = y { return O.test(p, q) }
            return try Operators.compare(O.op, x, y, at: location, valueWanted: valueWanted)
        }
    }
}
