import Lang

/// Number arithmetic specialised per operator; the generic helpers below are specialised by the
/// optimiser into closures with the `Double` operation inline. `apply` returns nil for a zero
/// divisor, which the caller reports as "division by zero" at the operator.
protocol ArithmeticOp { static var op: BinaryOperator { get }; static func apply(_ x: Double, _ y: Double) -> Double? }
enum AddOp: ArithmeticOp { static let op = BinaryOperator.add; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x + y } }
enum SubtractOp: ArithmeticOp { static let op = BinaryOperator.subtract; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x - y } }
enum MultiplyOp: ArithmeticOp { static let op = BinaryOperator.multiply; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { x * y } }
enum DivideOp: ArithmeticOp {
    static let op = BinaryOperator.divide
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : x / y }
}
enum FloorDivideOp: ArithmeticOp {
    static let op = BinaryOperator.floorDivide
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { y == 0 ? nil : (x / y).rounded(.down) }
}
enum ModuloOp: ArithmeticOp {
    static let op = BinaryOperator.modulo
    /// The result takes the sign of the divisor, as in Python: -7 % 3 == 2.
    @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? {
        if y == 0 { return nil }
        // Integral operands (the common case) use the integer remainder, many times cheaper than
        // fmod; the bounds keep the conversions exact and trap-free.
        if abs(x) < 9.0e15 && abs(y) < 9.0e15 {
            let a = Int64(x), b = Int64(y)
            if Double(a) == x && Double(b) == y {
                let r = a % b
                return Double(r != 0 && (r < 0) != (b < 0) ? r + b : r)
            }
        }
        let r = x.truncatingRemainder(dividingBy: y)
        return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
    }
}
enum PowerOp: ArithmeticOp { static let op = BinaryOperator.power; @inline(__always) static func apply(_ x: Double, _ y: Double) -> Double? { pow(x, y) } }

extension Compiler {
    func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, at location: SourceLocation) -> Code {
        switch op {
        case .add: return arithmetic(AddOp.self, a, b, location)
        case .subtract: return arithmetic(SubtractOp.self, a, b, location)
        case .multiply: return arithmetic(MultiplyOp.self, a, b, location)
        case .divide: return arithmetic(DivideOp.self, a, b, location)
        case .floorDivide: return arithmetic(FloorDivideOp.self, a, b, location)
        case .modulo: return arithmetic(ModuloOp.self, a, b, location)
        case .power: return arithmetic(PowerOp.self, a, b, location)
        case .equal, .notEqual:
            let t = test(Expr(.binary(op, a, b), location))
            return { f in .bool(try t(f)) }
        case .less, .lessEqual, .greater, .greaterEqual:
            let t = orderedTest(op, a, b, location, valueWanted: true)
            return { f in
                do { return .bool(try t(f)) } catch let c as NativeComparison { return c.result }
            }
        case .matmul:
            let l = expr(a, .operand), r = expr(b, .operand)
            return { f in try Operators.binary(op, try l(f), try r(f), at: location) }
        }
    }

    /// `(local op1 k1) op2 k2` (`i % 7 * 3`, `i * 2 + 1`) as one closure when `op1` is `+ - * %`.
    /// `inner` is the compiled `local op1 k1`, used whenever the local is not a number.
    private func nestedArithmetic<O: ArithmeticOp>(_: O.Type, _ a: Expr, _ k: Double, _ inner: @escaping Code,
                                                   _ location: SourceLocation) -> Code? {
        guard case .binary(let op, let x, let y) = a.kind, let s = plainSlot(x), case .number(let j) = y.kind else { return nil }
        switch op {
        case .add: return nested(AddOp.self, O.self, s, j, k, inner, location)
        case .subtract: return nested(SubtractOp.self, O.self, s, j, k, inner, location)
        case .multiply: return nested(MultiplyOp.self, O.self, s, j, k, inner, location)
        case .modulo: return nested(ModuloOp.self, O.self, s, j, k, inner, location)
        default: return nil
        }
    }

    private func nested<I: ArithmeticOp, O: ArithmeticOp>(_: I.Type, _: O.Type, _ s: Int, _ j: Double, _ k: Double,
                                                          _ inner: @escaping Code, _ location: SourceLocation) -> Code {
        return { f in
            if case .number(let p) = f.slots[s], let q = I.apply(p, j), let r = O.apply(q, k) { return .number(r) }
            return try Compiler.finish(O.self, try inner(f), .number(k), location)
        }
    }

    /// The number result, or the slow path (strings, lists, natives, errors) for anything else.
    @inline(__always)
    private static func finish<O: ArithmeticOp>(_: O.Type, _ x: Value, _ y: Value, _ location: SourceLocation) throws -> Value {
        if case .number(let p) = x, case .number(let q) = y {
            guard let r = O.apply(p, q) else { throw RuntimeError("division by zero", at: location) }
            return .number(r)
        }
        return try Operators.binary(O.op, x, y, at: location)
    }

    private func arithmetic<O: ArithmeticOp>(_: O.Type, _ a: Expr, _ b: Expr, _ location: SourceLocation) -> Code {
        let globals = refs.globals
        switch (operand(a), operand(b)) {
        case (.slot(let s), .constant(let k)):
            return { f in
                if case .number(let p) = f.slots[s], let r = O.apply(p, k) { return .number(r) }
                return try Compiler.finish(O.self, f.slots[s], .number(k), location)
            }
        case (.slot(let s), .slot(let t)):
            return { f in
                if case .number(let p) = f.slots[s], case .number(let q) = f.slots[t], let r = O.apply(p, q) { return .number(r) }
                return try Compiler.finish(O.self, f.slots[s], f.slots[t], location)
            }
        case (.global(let g, let name), .constant(let k)):
            return { _ in
                let x = globals.values[g]
                if case .number(let p) = x, let r = O.apply(p, k) { return .number(r) }
                return try Compiler.finish(O.self, try x.checkDefined(name, at: location), .number(k), location)
            }
        case (.global(let g, let name), .global(let h, let name2)):
            return { _ in
                let x = globals.values[g], y = globals.values[h]
                if case .number(let p) = x, case .number(let q) = y, let r = O.apply(p, q) { return .number(r) }
                return try Compiler.finish(O.self, try x.checkDefined(name, at: location), try y.checkDefined(name2, at: location), location)
            }
        case (.code(let l), .constant(let k)):
            if let nested = nestedArithmetic(O.self, a, k, l, location) { return nested }
            return { f in
                let x = try l(f)
                if case .number(let p) = x, let r = O.apply(p, k) { return .number(r) }
                return try Compiler.finish(O.self, x, .number(k), location)
            }
        default:
            let l = expr(a, .operand), r = expr(b, .operand)
            return { f in
                let x = try l(f), y = try r(f)
                if case .number(let p) = x, case .number(let q) = y, let r = O.apply(p, q) { return .number(r) }
                return try Compiler.finish(O.self, x, y, location)
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
