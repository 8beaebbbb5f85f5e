import Foundation
import Engine

/// A tensor as a Spar value: either a plain tensor (immutable, like a number) or a trainable
/// parameter made by `param(...)`, which optimizers update in place and `backward()` fills `.grad`.
///
/// Arithmetic (`+ - * / ** @`, unary `-`) works between tensors and with numbers, broadcasting like
/// numpy; comparisons are methods (`a.lt(b)`, ...) because the language's `<` yields a boolean.
final class TensorValue: NativeValue {
    enum Storage {
        case plain(Tensor)
        case param(Parameter)
    }

    let storage: Storage

    init(_ tensor: Tensor) { storage = .plain(tensor) }
    init(parameter: Parameter) { storage = .param(parameter) }

    /// The value to compute with (a param is tracked by autograd while recording is on).
    var tensor: Tensor {
        switch storage {
        case .plain(let t): return t
        case .param(let p): return p.tensor
        }
    }

    /// The parameter behind a param value.
    var parameter: Parameter? {
        if case .param(let p) = storage { return p }
        return nil
    }

    static func wrap(_ t: Tensor) -> Value { .native(TensorValue(t)) }

    var typeName: String { "tensor" }

    /// Small tensors print their values on one line; larger ones a summary (`show` prints them all).
    var summary: String {
        let t = tensor
        let kind = parameter == nil ? "tensor" : "param"
        // An empty tensor's shape says what it is ([0, 1e12] and [1e12, 0] both print "[]").
        if t.count == 0 && t.rank > 1 { return "\(kind)([], shape \(t.shape))" }
        if t.count <= 64 {
            let values = t.formattedValues().split(separator: "\n", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            return "\(kind)(\(values))"
        }
        return "<\(kind) \(t.shape)>"
    }

    var showText: String { (parameter == nil ? "" : "param ") + tensor.detached.description }

    func member(_ name: String) throws -> Value? {
        let t = tensor
        switch name {
        case "shape": return .list(t.shape.map { .number(Double($0)) })
        case "rank": return .number(Double(t.rank))
        case "size", "len": return .number(Double(t.count))
        case "T": return TensorValue.wrap(try t.transposed())
        case "grad":
            guard let p = parameter else { throw ScriptError("grad: only a param has a gradient (make it with param(...))") }
            return p.grad.map(TensorValue.wrap) ?? .null
        case "is_param": return .bool(parameter != nil)
        default: return nil
        }
    }

    /// Help lines of the fields (the methods' are in `TensorMethods`).
    static let fieldHelp: [String: String] = [
        "shape": "t.shape: the size of each axis, as a list",
        "rank": "t.rank: the number of axes",
        "size": "t.size: the number of elements (also len(t))",
        "T": "t.T: the last two axes swapped (matrix transpose)",
        "grad": "p.grad: the gradient accumulated by backward() in param p, or nil",
        "is_param": "t.is_param: true for a trainable tensor made by param(...)",
    ]

    var memberNames: [String] { (TensorValue.fieldHelp.keys.sorted()) + TensorMethods.table.keys.sorted() }

    func help(member: String) -> String? { TensorValue.fieldHelp[member] ?? TensorMethods.help[member] }

    func call(method: String, _ args: Arguments) throws -> Value? {
        guard let body = TensorMethods.table[method]?.body else { return nil }
        return try body(self, args)
    }

    func binary(_ op: BinaryOp, _ other: Value, selfIsLeft: Bool) throws -> Value? {
        let me = tensor
        if op == .equal {
            guard case .native(let n as TensorValue) = other else { return .bool(false) }
            return .bool(me == n.tensor)
        }
        let them: Tensor
        switch other {
        case .native(let n as TensorValue): them = n.tensor
        case .number(let d): them = Tensor(Float(d))
        case .list: them = try TensorArgs.fromNested(other, "tensor \(op.rawValue)")
        default: return nil
        }
        let (a, b) = selfIsLeft ? (me, them) : (them, me)
        switch op {
        case .add: return TensorValue.wrap(try a + b)
        case .subtract: return TensorValue.wrap(try a - b)
        case .multiply: return TensorValue.wrap(try a * b)
        case .divide: return TensorValue.wrap(try a / b)
        case .power: return TensorValue.wrap(try a.pow(b))
        case .matmul: return TensorValue.wrap(try a.matmul(b))
        // Element-wise, as numpy: a 0/1 tensor, not a bool (`.all()`/`.any()` make one).
        case .less: return TensorValue.wrap(try a.less(b))
        case .lessEqual: return TensorValue.wrap(try a.lessEqual(b))
        case .greater: return TensorValue.wrap(try a.greater(b))
        case .greaterEqual: return TensorValue.wrap(try a.greaterEqual(b))
        default: return nil
        }
    }

    func negate() throws -> Value? { TensorValue.wrap(-tensor) }

    /// `t[i]` (along the first axis), `t[[i, j]]` (one index per leading axis), `t[a..<b]` (a slice
    /// of the first axis). Negative indices count from the end.
    func index(_ index: Value) throws -> Value? {
        let t = tensor
        switch index {
        case .number(let d): return TensorValue.wrap(try t.selected(axis: 0, index: try Shape.integer(from: d, op: "index")))
        case .list: return TensorValue.wrap(try t.indexed(try TensorArgs.integers(index, "index")))
        case .range(let r):
            guard t.rank > 0 else { throw EngineError("index: cannot slice a scalar tensor") }
            return TensorValue.wrap(try t.sliced(axis: 0, start: r.start, end: r.end))
        default: throw ScriptError("index: a tensor is indexed by a number, a list of numbers or a range, not \(index.typeName)")
        }
    }

    func equals(_ other: NativeValue) -> Bool {
        guard let o = other as? TensorValue else { return false }
        return tensor == o.tensor
    }
}
