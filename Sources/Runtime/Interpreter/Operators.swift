import Lang

/// The slow paths of the operators: everything but number-number arithmetic, which compiled code
/// does inline.
enum Operators {
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value {
        switch (op, a, b) {
        case (_, .number(let x), .number(let y)):
            return .number(try arithmetic(op, x, y, at: location))
        case (.add, .string(let x), .string(let y)):
            return .string(x + y)
        case (.add, .list(let x), .list(let y)):
            return .list(ListObject(x.items + y.items))
        case (.multiply, .string(let s), .number(let n)), (.multiply, .number(let n), .string(let s)):
            let count = try repeatCount(n, at: location)
            let size = s.utf8.count.multipliedReportingOverflow(by: count)
            guard !size.overflow && size.partialValue <= 10_000_000 else {
                throw RuntimeError("string repetition too large", at: location)
            }
            return .string(String(repeating: s, count: count))
        case (.multiply, .list(let l), .number(let n)), (.multiply, .number(let n), .list(let l)):
            let count = try repeatCount(n, at: location)
            let size = l.items.count.multipliedReportingOverflow(by: count)
            guard !size.overflow && size.partialValue <= 10_000_000 else {
                throw RuntimeError("list repetition too large", at: location)
            }
            var items: [Value] = []
            items.reserveCapacity(l.items.count * count)
            for _ in 0..<count { items.append(contentsOf: l.items) }
            return .list(ListObject(items))
        case (.equal, _, _): return .bool(try equal(a, b, at: location))
        case (.notEqual, _, _): return .bool(!(try equal(a, b, at: location)))
        case (.less, _, _), (.lessEqual, _, _), (.greater, _, _), (.greaterEqual, _, _):
            if let result = try native(op, a, b, at: location) { return result }
            return .bool(try compare(op, a, b, at: location))
        default:
            if let result = try native(op, a, b, at: location) { return result }
            throw RuntimeError("unsupported operand types for \(op.rawValue): \(a.typeName) and \(b.typeName)", at: location)
        }
    }

    @inline(__always)
    static func arithmetic(_ op: BinaryOperator, _ x: Double, _ y: Double, at location: SourceLocation) throws -> Double {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide:
            if y == 0 { throw RuntimeError("division by zero", at: location) }
            return x / y
        case .floorDivide:
            if y == 0 { throw RuntimeError("division by zero", at: location) }
            return (x / y).rounded(.down)
        case .modulo:
            if y == 0 { throw RuntimeError("division by zero", at: location) }
            // The result takes the sign of the divisor, as in Python: -7 % 3 == 2.
            let r = x.truncatingRemainder(dividingBy: y)
            return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
        case .power: return pow(x, y)
        case .matmul: throw RuntimeError("'@' needs tensors, not numbers", at: location)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            throw RuntimeError("internal: comparison used as arithmetic", at: location)
        }
    }

    static func repeatCount(_ n: Double, at location: SourceLocation) throws -> Int {
        guard let count = exactInt(n), count >= 0 else {
            throw RuntimeError("repeat count must be a non-negative integer, not \(formatNumber(n))", at: location)
        }
        return count
    }

    static func equal(_ a: Value, _ b: Value, at location: SourceLocation) throws -> Bool {
        if case .native(let n) = a, let r = try nativeOp(n, .equal, b, left: true, at: location) { return r.isTruthy }
        if case .native(let n) = b, let r = try nativeOp(n, .equal, a, left: false, at: location) { return r.isTruthy }
        return valuesEqual(a, b)
    }

    static func compare(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation,
                        valueWanted: Bool = false) throws -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return compareOrdered(op, x, y)
        case (.string(let x), .string(let y)): return compareOrdered(op, x, y)
        default:
            // A tensor comparison has a tensor value: hand it to the expression that wanted a value.
            if let result = try native(op, a, b, at: location) {
                if valueWanted { throw NativeComparison(result: result) }
                throw RuntimeError("comparing with a \(result.typeName) gives a \(result.typeName), not true or false; reduce it for a condition, e.g. (a < b).min().item() == 1", at: location)
            }
            throw RuntimeError("cannot compare \(a.typeName) and \(b.typeName) with \(op.rawValue)", at: location)
        }
    }

    @inline(__always)
    static func compareOrdered<T: Comparable>(_ op: BinaryOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        case .greaterEqual: return x >= y
        default: return false
        }
    }

    static func nativeOperator(_ op: BinaryOperator) -> BinaryOp? {
        switch op {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .divide: return .divide
        case .floorDivide: return .floorDivide
        case .modulo: return .modulo
        case .matmul: return .matmul
        case .power: return .power
        case .equal: return .equal
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }

    static func native(_ op: BinaryOperator, _ a: Value, _ b: Value, at location: SourceLocation) throws -> Value? {
        guard let nop = nativeOperator(op) else { return nil }
        if case .native(let n) = a, let r = try nativeOp(n, nop, b, left: true, at: location) { return r }
        if case .native(let n) = b, let r = try nativeOp(n, nop, a, left: false, at: location) { return r }
        return nil
    }

    static func nativeOp(_ n: NativeValue, _ op: BinaryOp, _ other: Value, left: Bool, at location: SourceLocation) throws -> Value? {
        do { return try n.binary(op, other, selfIsLeft: left) } catch { throw located(error, at: location) }
    }

    static func negate(_ v: Value, at location: SourceLocation) throws -> Value {
        switch v {
        case .number(let d): return .number(-d)
        case .native(let n):
            do {
                if let r = try n.negate() { return r }
            } catch { throw located(error, at: location) }
        default: break
        }
        throw RuntimeError("cannot negate \(v.typeName)", at: location)
    }
}

/// Thrown by the Bool-valued comparison code when an operand is a native value and the expression
/// wants a value (`let m = a < b` on tensors is a tensor); the expression's code catches it. This
/// keeps the number fast path of comparisons free of any extra work.
struct NativeComparison: Error {
    let result: Value
}

#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
