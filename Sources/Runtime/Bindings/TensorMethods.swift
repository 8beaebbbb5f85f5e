import Engine

/// The methods of tensor values, each with its help line (shown by `:help tensor.name`).
enum TensorMethods {
    typealias Body = (TensorValue, Arguments) throws -> Value
    struct Entry { let help: String; let body: Body }

    static let help: [String: String] = table.mapValues(\.help)

    static func wrap(_ t: Tensor) -> Value { TensorValue.wrap(t) }

    /// A method taking no arguments.
    static func unary(_ help: String, _ f: @escaping (Tensor) throws -> Tensor) -> Entry {
        Entry(help: help) { v, args in try args.expect(0); return wrap(try f(v.tensor)) }
    }

    /// A reduction with optional `axis:` and `keepdims:`.
    static func reduction(_ help: String, _ f: @escaping (Tensor, Int?, Bool) throws -> Tensor) -> Entry {
        Entry(help: help) { v, args in
            try args.expect(0, 1, labels: ["axis", "keepdims"])
            return wrap(try f(v.tensor, try TensorArgs.axis(args), try TensorArgs.flag(args, "keepdims", default: false)))
        }
    }

    /// An element-wise comparison with another tensor or a number.
    static func comparison(_ help: String, _ f: @escaping (Tensor, Tensor) throws -> Tensor) -> Entry {
        Entry(help: help) { v, args in try args.expect(1); return wrap(try f(v.tensor, try TensorArgs.tensor(args, 0))) }
    }

    static let table: [String: Entry] = [
        "item": Entry(help: "t.item(): the number held by a one-element tensor") { v, args in
            try args.expect(0); return .number(TensorArgs.number(try v.tensor.item()))
        },
        "list": Entry(help: "t.list(): the values as nested lists of numbers") { v, args in
            try args.expect(0); return try TensorArgs.nestedList(v.tensor)
        },
        "reshape": Entry(help: "t.reshape([2, -1]): the same values in a new shape (one size may be -1)") { v, args in
            try args.expect(1); return wrap(try v.tensor.reshaped(try TensorArgs.integers(args[0], "reshape")))
        },
        "transpose": Entry(help: "t.transpose() swaps the last two axes; t.transpose(a, b) swaps axes a and b") { v, args in
            try args.expect(0, 2)
            if args.positional.count == 2 { return wrap(try v.tensor.transposed(try args.integer(0), try args.integer(1))) }
            return wrap(try v.tensor.transposed())
        },
        "permute": Entry(help: "t.permute([2, 0, 1]): axes reordered (result axis i is input axis axes[i])") { v, args in
            try args.expect(1); return wrap(try v.tensor.permuted(try TensorArgs.integers(args[0], "permute")))
        },
        "unsqueeze": Entry(help: "t.unsqueeze(axis): a size-1 axis inserted at axis") { v, args in
            try args.expect(1); return wrap(try v.tensor.unsqueezed(axis: try args.integer(0)))
        },
        "broadcast": Entry(help: "t.broadcast([3, 4]): the values repeated to a shape they broadcast to") { v, args in
            try args.expect(1); return wrap(try v.tensor.broadcast(to: try TensorArgs.shape(args[0], "broadcast")))
        },
        "slice": Entry(help: "t.slice(axis, start, end, step: 1): elements start..<end along axis (like Python slices)") { v, args in
            try args.expect(1, 3, labels: ["start", "end", "step"])
            func opt(_ i: Int, _ label: String) throws -> Int? {
                guard let x = args.value(i, label) else { return nil }
                if case .null = x { return nil }
                return try args.integer(i, label)
            }
            return wrap(try v.tensor.sliced(axis: try args.integer(0), start: try opt(1, "start"), end: try opt(2, "end"),
                                            step: try opt(99, "step") ?? 1))
        },
        "matmul": Entry(help: "a.matmul(b): the matrix product a @ b (batched over leading axes)") { v, args in
            try args.expect(1); return wrap(try v.tensor.matmul(try TensorArgs.tensor(args, 0)))
        },
        "pow": Entry(help: "t.pow(p): element-wise power t ** p") { v, args in
            try args.expect(1); return wrap(try v.tensor.pow(try TensorArgs.tensor(args, 0)))
        },
        "sum": reduction("t.sum(axis: nil, keepdims: false): sum of all elements or along axis") { try $0.sum(axis: $1, keepDims: $2) },
        "mean": reduction("t.mean(axis: nil, keepdims: false): mean of all elements or along axis") { try $0.mean(axis: $1, keepDims: $2) },
        "max": reduction("t.max(axis: nil, keepdims: false): largest element, overall or along axis") { try $0.max(axis: $1, keepDims: $2) },
        "min": reduction("t.min(axis: nil, keepdims: false): smallest element, overall or along axis") { try $0.min(axis: $1, keepDims: $2) },
        "argmax": reduction("t.argmax(axis: nil, keepdims: false): index of the largest element (flattened when axis is nil)") { try $0.argmax(axis: $1, keepDims: $2) },
        "argmin": reduction("t.argmin(axis: nil, keepdims: false): index of the smallest element") { try $0.argmin(axis: $1, keepDims: $2) },
        "var": Entry(help: "t.var(axis: nil, keepdims: false, correction: 0): variance (correction 1 for the sample variance)") { v, args in
            try args.expect(0, 1, labels: ["axis", "keepdims", "correction"])
            let correction = args["correction"] == nil ? 0 : try args.integer(99, "correction")
            return wrap(try v.tensor.variance(axis: try TensorArgs.axis(args), keepDims: try TensorArgs.flag(args, "keepdims", default: false), correction: correction))
        },
        "exp": unary("t.exp(): e to the power of each element") { $0.exp() },
        "log": unary("t.log(): natural logarithm of each element") { $0.log() },
        "sqrt": unary("t.sqrt(): square root of each element") { $0.sqrt() },
        "abs": unary("t.abs(): absolute value of each element") { $0.abs() },
        "tanh": unary("t.tanh(): hyperbolic tangent of each element") { $0.tanh() },
        "sigmoid": unary("t.sigmoid(): 1 / (1 + e^-x) of each element") { $0.sigmoid() },
        "relu": unary("t.relu(): max(x, 0) of each element") { $0.relu() },
        "gelu": unary("t.gelu(): GELU (tanh approximation, as GPT-2) of each element") { $0.gelu() },
        "silu": unary("t.silu(): x * sigmoid(x) of each element") { $0.silu() },
        "detach": unary("t.detach(): the same values, cut off from autograd (a plain tensor)") { $0.detached },
        "clip": Entry(help: "t.clip(min, max): values limited to [min, max]") { v, args in
            try args.expect(2, 2, labels: []); return wrap(try v.tensor.clip(min: Float(try args.number(0)), max: Float(try args.number(1))))
        },
        "softmax": Entry(help: "t.softmax(axis: -1): exp(t) / sum(exp(t)) along axis") { v, args in
            try args.expect(0, 1, labels: ["axis"]); return wrap(try v.tensor.softmax(axis: try TensorArgs.axis(args) ?? -1))
        },
        "log_softmax": Entry(help: "t.log_softmax(axis: -1): log of softmax along axis, computed stably") { v, args in
            try args.expect(0, 1, labels: ["axis"]); return wrap(try v.tensor.logSoftmax(axis: try TensorArgs.axis(args) ?? -1))
        },
        "layer_norm": Entry(help: "t.layer_norm(weight: nil, bias: nil, eps: 1e-5): normalize the last axis to mean 0, variance 1, then scale and shift") { v, args in
            try args.expect(0, 0, labels: ["weight", "bias", "eps"])
            let w = try args["weight"].map { try TensorArgs.tensor($0, args.callee) }
            let b = try args["bias"].map { try TensorArgs.tensor($0, args.callee) }
            return wrap(try v.tensor.layerNorm(weight: w, bias: b, eps: try TensorArgs.float(args, 99, "eps", default: 1e-5)))
        },
        "rms_norm": Entry(help: "t.rms_norm(weight: nil, eps: 1e-5): divide the last axis by its root mean square, then scale") { v, args in
            try args.expect(0, 0, labels: ["weight", "eps"])
            let w = try args["weight"].map { try TensorArgs.tensor($0, args.callee) }
            return wrap(try v.tensor.rmsNorm(weight: w, eps: try TensorArgs.float(args, 99, "eps", default: 1e-5)))
        },
        "embedding": Entry(help: "table.embedding(ids): rows of the [V, D] table picked by integer ids of any shape") { v, args in
            try args.expect(1); return wrap(try Tensor.embedding(v.tensor, try TensorArgs.tensor(args, 0)))
        },
        "gather": Entry(help: "t.gather(ids): t[..., ids[...]] — one element per row of the last axis (e.g. log-probs of chosen tokens)") { v, args in
            try args.expect(1); return wrap(try v.tensor.gatherLast(try TensorArgs.tensor(args, 0)))
        },
        "cross_entropy": Entry(help: "logits.cross_entropy(targets, ignore_index: -100): mean cross entropy over targets that are not ignore_index") { v, args in
            try args.expect(1, 1, labels: ["ignore_index"])
            let ignore = args["ignore_index"] == nil ? -100 : try args.integer(99, "ignore_index")
            return wrap(try v.tensor.crossEntropy(targets: try TensorArgs.tensor(args, 0), ignoreIndex: ignore))
        },
        "dropout": Entry(help: "t.dropout(p, seed:, training: true): zero each element with probability p, scale the rest by 1/(1-p)") { v, args in
            try args.expect(1, 1, labels: ["seed", "training"])
            return wrap(try v.tensor.dropout(p: Float(try args.number(0)), seed: try TensorArgs.seed(args),
                                             training: try TensorArgs.flag(args, "training", default: true)))
        },
        "eq": comparison("a.eq(b): 1 where a == b, else 0 (element-wise, broadcasting)") { try $0.equal($1) },
        "ne": comparison("a.ne(b): 1 where a != b, else 0") { try $0.notEqual($1) },
        "lt": comparison("a.lt(b): 1 where a < b, else 0") { try $0.less($1) },
        "le": comparison("a.le(b): 1 where a <= b, else 0") { try $0.lessEqual($1) },
        "gt": comparison("a.gt(b): 1 where a > b, else 0") { try $0.greater($1) },
        "ge": comparison("a.ge(b): 1 where a >= b, else 0") { try $0.greaterEqual($1) },
        "backward": Entry(help: "loss.backward(): adds d(loss)/d(p) to p.grad for every param p the scalar loss depends on") { v, args in
            try args.expect(0); try v.tensor.backward(); return .null
        },
        "zero_grad": Entry(help: "p.zero_grad(): forgets the gradient accumulated in param p") { v, args in
            try args.expect(0)
            guard let p = v.parameter else { throw ScriptError("zero_grad: only a param has a gradient") }
            p.zeroGrad(); return .null
        },
        "assign": Entry(help: "p.assign(t): replaces the value of param p by t (same shape)") { v, args in
            try args.expect(1)
            guard let p = v.parameter else { throw ScriptError("assign: only a param can be assigned; tensors are values") }
            try p.assign(try TensorArgs.tensor(args, 0)); return .null
        },
        "close": Entry(help: "a.close(b, rtol: 1e-5, atol: 1e-6): true if same shape and values within tolerance (numpy allclose)") { v, args in
            try args.expect(1, 1, labels: ["rtol", "atol"])
            return .bool(v.tensor.isClose(to: try TensorArgs.tensor(args, 0), rtol: try TensorArgs.float(args, 99, "rtol", default: 1e-5),
                                          atol: try TensorArgs.float(args, 99, "atol", default: 1e-6)))
        },
    ]
}
