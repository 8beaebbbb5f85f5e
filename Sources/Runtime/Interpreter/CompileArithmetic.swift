import Lang

/// Number arithmetic specialised per operator; the generic helpers below are specialised by the
/// optimiser into one closure per operator with the `Double` operation inline.
protocol ArithmeticOp { static var op: BinaryOperator { get }; static func apply(_ x: Double, _ y: Double) -> Double }
enum AddOp: ArithmeticOp { static let op = BinaryOperator.add; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x + y } }
enum SubtractOp: ArithmeticOp { static let op = BinaryOperator.subtract; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x - y } }
enum MultiplyOp: ArithmeticOp { static let op = BinaryOperator.multiply; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double { x * y } }

extension Compiler {
    func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, at location: SourceLocation) -> Code {
        switch op {
        case .add: return arithmetic(AddOp.self, a, b, location)
        case .subtract: return arithmetic(SubtractOp.self, a, b, location)
        case .multiply: return arithmetic(MultiplyOp.self, a, b, location)
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual:
            let t = test(Expr(.binary(op, a, b), location))
            return { f in .bool(try t(f)) }
        default:
            // Division, modulo and power check for zero divisors etc. in Operators.arithmetic.
            let l = expr(a, .operand), r = expr(b, .operand)
            return { f in
                let x = try l(f), y = try r(f)
                if case .number(let p) = x, case .number(let q) = y {
                    return .number(try Operators.arithmetic(op, p, q, at: location))
                }
                return try Operators.binary(op, x, y, at: location)
            }
        }
    }

    private func arithmetic<O: ArithmeticOp>(_: O.Type, _ a: Expr, _ b: Expr, _ location: SourceLocation) -> Code {
        switch (operand(a), operand(b)) {
        case (.slot(let s), .constant(let k)):
            return { f in
                if case .number(let p) = f.slots[s] { return .number(O.apply(p, k)) }
                return try Operators.binary(O.op, f.slots[s], .number(k), at: location)
            }
        case (.slot(let s), .slot(let t)):
            return { f in
                if case .number(let p) = f.slots[s], case .number(let q) = f.slots[t] { return .number(O.apply(p, q)) }
                return try Operators.binary(O.op, f.slots[s], f.slots[t], at: location)
            }
        default: break
        }
        let l = expr(a, .operand)
        if case .number(let k) = b.kind {
            return { f in
                let x = try l(f)
                if case .number(let p) = x { return .number(O.apply(p, k)) }
                return try Operators.binary(O.op, x, .number(k), at: location)
            }
        }
        let r = expr(b, .operand)
        return { f in
            let x = try l(f), y = try r(f)
            if case .number(let p) = x, case .number(let q) = y { return .number(O.apply(p, q)) }
            return try Operators.binary(O.op, x, y, at: location)
        }
    }
}
