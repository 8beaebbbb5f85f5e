import Engine
import Lang

/// A value defined outside the interpreter — a tensor, a model, a game — that scripts can hold,
/// print, and call methods on. See docs/EXTENDING.md for a worked example.
///
/// Only `typeName` and `summary` are required; every other member has a default that says
/// "not supported", so a type implements just what it offers. Errors thrown from any method
/// (`ScriptError`, `EngineError`, or any `Error`) become Spar runtime errors reported at the
/// script location of the operation that called into the native.
public protocol NativeValue: AnyObject {
    /// The name `type(x)` returns, e.g. "tensor".
    var typeName: String { get }
    /// One line for `print` and the REPL echo, e.g. `<tensor [2, 2] float32>`.
    var summary: String { get }
    /// The rich, possibly multi-line view printed by `show(x)`. Defaults to `summary`.
    var showText: String { get }
    /// A field read `x.name` (not followed by a call). Return nil when there is no such field.
    func member(_ name: String) throws -> Value?
    /// A method call `x.name(args)`. Return nil when there is no such method.
    func call(method: String, _ args: Arguments) throws -> Value?
    /// Names of fields and methods, for tab completion.
    var memberNames: [String] { get }
    /// One help line for a member, shown by `:help type.member`.
    func help(member: String) -> String?
    /// A binary operator where this value is the left operand (`selfIsLeft`) or the right one.
    /// Return nil when the operation is not supported with that operand; the interpreter then
    /// raises "unsupported operand types".
    func binary(_ op: BinaryOp, _ other: Value, selfIsLeft: Bool) throws -> Value?
    /// Unary minus. Return nil when not supported.
    func negate() throws -> Value?
    /// Reading `x[i]`. Return nil when the type cannot be indexed.
    func index(_ index: Value) throws -> Value?
    /// `==` with another native value. Defaults to identity.
    func equals(_ other: NativeValue) -> Bool
}

public extension NativeValue {
    var showText: String { summary }
    func member(_ name: String) throws -> Value? { nil }
    func call(method: String, _ args: Arguments) throws -> Value? { nil }
    var memberNames: [String] { [] }
    func help(member: String) -> String? { nil }
    func binary(_ op: BinaryOp, _ other: Value, selfIsLeft: Bool) throws -> Value? { nil }
    func negate() throws -> Value? { nil }
    func index(_ index: Value) throws -> Value? { nil }
    func equals(_ other: NativeValue) -> Bool { self === other }
}

/// The binary operators a native value may overload.
public enum BinaryOp: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//"
    case modulo = "%", matmul = "@", power = "**", equal = "==", less = "<"
    case lessEqual = "<=", greater = ">", greaterEqual = ">="
}

/// An error raised by Swift code called from a script (a builtin, a method, a native). The
/// interpreter adds the script location and stack trace.
public struct ScriptError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The arguments of a call into Swift code: positional values in order, then labeled ones.
///
/// `args.count` counts all values; `args[i]` is the i-th positional argument; `args["steps"]` a
/// labeled one. The typed accessors throw a `ScriptError` naming the callee and the argument.
public struct Arguments {
    /// What is being called, for error messages ("len", "list.map").
    public let callee: String
    /// Positional arguments in order.
    public let positional: [Value]
    /// Labeled arguments in call order.
    public let labeled: [(label: String, value: Value)]

    /// The interpreter that made the call, so Swift code can call back into Spar functions.
    unowned(unsafe) let interpreter: Interpreter?
    let location: SourceLocation?

    public init(callee: String, positional: [Value], labeled: [(label: String, value: Value)] = []) {
        self.callee = callee; self.positional = positional; self.labeled = labeled
        self.interpreter = nil; self.location = nil
    }

    init(callee: String, positional: [Value], labeled: [(label: String, value: Value)],
         interpreter: Interpreter, location: SourceLocation) {
        self.callee = callee; self.positional = positional; self.labeled = labeled
        self.interpreter = interpreter; self.location = location
    }

    /// Calls a Spar function value (a closure or builtin) from Swift, e.g. a callback argument.
    /// Errors propagate as Spar errors with the script's stack trace.
    public func callFunction(_ function: Value, _ args: [Value]) throws -> Value {
        guard let interpreter, let location else { throw ScriptError("\(callee): cannot call back into Spar here") }
        return try interpreter.call(function, args, at: location)
    }

    public var count: Int { positional.count + labeled.count }
    public subscript(i: Int) -> Value? { positional.indices.contains(i) ? positional[i] : nil }
    public subscript(label: String) -> Value? { labeled.first(where: { $0.label == label })?.value }

    /// Throws unless there are between `min` and `max` positional arguments and no unexpected labels.
    public func expect(_ min: Int, _ max: Int? = nil, labels allowed: [String] = []) throws {
        let upper = max ?? min
        if positional.count < min || positional.count > upper {
            let want = min == upper ? "\(min)" : "\(min) to \(upper)"
            let plural = upper == 1 ? "argument" : "arguments"
            throw ScriptError("\(callee) takes \(want) \(plural) but \(positional.count) were given")
        }
        for (label, _) in labeled where !allowed.contains(label) {
            throw ScriptError("\(callee) has no parameter '\(label)'")
        }
    }

    /// The value at `i` positionally, or labeled `label`, or `nil`.
    public func value(_ i: Int, _ label: String) -> Value? { self[label] ?? self[i] }

    public func number(_ i: Int, _ label: String = "") throws -> Double {
        guard let v = value(i, label) else { throw ScriptError("\(callee): missing argument \(describe(i, label))") }
        guard case .number(let d) = v else {
            throw ScriptError("\(callee): argument \(describe(i, label)) must be a number, not \(v.typeName)")
        }
        return d
    }

    /// An integral number that fits in Int; throws otherwise (never traps).
    public func integer(_ i: Int, _ label: String = "") throws -> Int {
        let d = try number(i, label)
        guard let n = exactInt(d) else {
            if d.isFinite && d == d.rounded(.towardZero) {
                throw ScriptError("\(callee): argument \(describe(i, label)) is \(formatNumber(d)), too large (integers are at most 2^53)")
            }
            throw ScriptError("\(callee): argument \(describe(i, label)) must be an integer, not \(formatNumber(d))")
        }
        return n
    }

    public func string(_ i: Int, _ label: String = "") throws -> String {
        guard let v = value(i, label) else { throw ScriptError("\(callee): missing argument \(describe(i, label))") }
        guard case .string(let s) = v else {
            throw ScriptError("\(callee): argument \(describe(i, label)) must be a string, not \(v.typeName)")
        }
        return s
    }

    public func list(_ i: Int, _ label: String = "") throws -> ListObject {
        guard let v = value(i, label) else { throw ScriptError("\(callee): missing argument \(describe(i, label))") }
        guard case .list(let l) = v else {
            throw ScriptError("\(callee): argument \(describe(i, label)) must be a list, not \(v.typeName)")
        }
        return l
    }

    private func describe(_ i: Int, _ label: String) -> String {
        label.isEmpty ? "\(i + 1)" : "'\(label)'"
    }
}

/// The Int equal to `d` when `d` is integral and within ±2^53; nil otherwise. The one place where
/// script numbers become Swift integers, so a bad number can never trap.
@inline(__always)
public func exactInt(_ d: Double) -> Int? {
    guard d == d.rounded(.towardZero), abs(d) <= 9_007_199_254_740_992 else { return nil }
    return Int(d)
}

extension Arguments {
    /// Long-running Swift code (training loops, game runs) calls this now and then: it throws the
    /// uncatchable Spar error "interrupted" once Ctrl-C was pressed, so the REPL gets control back.
    public func checkInterrupt() throws {
        if Interruption.isRequested {
            Interruption.clear()
            throw RuntimeError("interrupted", at: location, fatal: true)
        }
    }
}
