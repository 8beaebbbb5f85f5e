import Engine
import Foundation

extension Builtins {
    /// Installs the tensor functions: creation, autograd, optimizers, schedules, save/load.
    static func installTensors() {
        for (topic, help) in TensorMethods.help { registerHelp(topic: "tensor.\(topic)", help: help) }
        for (topic, help) in TensorValue.fieldHelp { registerHelp(topic: "tensor.\(topic)", help: help) }
        for (topic, help) in OptimizerValue.helpLines { registerHelp(topic: "optimizer.\(topic)", help: help) }
        let wrap = TensorValue.wrap

        register(name: "tensor", help: "tensor([[1, 2], [3, 4]]): a Float32 tensor from a number or nested lists of numbers") { args in
            try args.expect(1); return wrap(try TensorArgs.tensor(args, 0))
        }
        register(name: "zeros", help: "zeros([2, 3]): a tensor of zeros with the given shape") { args in
            try args.expect(1); return wrap(try Tensor.zeros(try TensorArgs.shape(args[0], "zeros")))
        }
        register(name: "ones", help: "ones([2, 3]): a tensor of ones with the given shape") { args in
            try args.expect(1); return wrap(try Tensor.ones(try TensorArgs.shape(args[0], "ones")))
        }
        register(name: "full", help: "full([2, 3], value): a tensor filled with value") { args in
            try args.expect(2); return wrap(try Tensor.full(try TensorArgs.shape(args[0], "full"), Float(try args.number(1))))
        }
        register(name: "arange", help: "arange(end) or arange(start, end, step: 1): evenly spaced values before end (numpy arange)") { args in
            try args.expect(1, 2, labels: ["step"])
            let step = try TensorArgs.float(args, 99, "step", default: 1)
            if args.positional.count == 1 { return wrap(try Tensor.arange(0, Float(try args.number(0)), step: step)) }
            return wrap(try Tensor.arange(Float(try args.number(0)), Float(try args.number(1)), step: step))
        }
        register(name: "eye", help: "eye(n): the n x n identity matrix") { args in
            try args.expect(1)
            guard let n = try TensorArgs.shape(args[0], "eye").first else { throw ScriptError("eye: needs a size") }
            return wrap(try Tensor.eye(n))
        }
        register(name: "randn", help: "randn(shape, seed:, mean: 0, std: 1): normal samples; the same seed gives the same numbers everywhere") { args in
            try args.expect(1, 1, labels: ["seed", "mean", "std"])
            return wrap(try Tensor.randn(try TensorArgs.shape(args[0], "randn"), seed: try TensorArgs.seed(args),
                                         mean: try TensorArgs.float(args, 99, "mean", default: 0), std: try TensorArgs.float(args, 99, "std", default: 1)))
        }
        register(name: "rand", help: "rand(shape, seed:, low: 0, high: 1): uniform samples in [low, high)") { args in
            try args.expect(1, 1, labels: ["seed", "low", "high"])
            return wrap(try Tensor.rand(try TensorArgs.shape(args[0], "rand"), seed: try TensorArgs.seed(args),
                                        low: try TensorArgs.float(args, 99, "low", default: 0), high: try TensorArgs.float(args, 99, "high", default: 1)))
        }
        register(name: "where", help: "where(cond, a, b): elements of a where cond is non-zero, else of b (broadcasting)") { args in
            try args.expect(3)
            return wrap(try Tensor.where(try TensorArgs.tensor(args, 0), try TensorArgs.tensor(args, 1), try TensorArgs.tensor(args, 2)))
        }
        register(name: "concat", help: "concat([a, b], axis: 0): tensors joined along an existing axis") { args in
            try args.expect(1, 1, labels: ["axis"])
            let parts = try args.list(0).items.map { try TensorArgs.tensor($0, "concat") }
            return wrap(try Tensor.concat(parts, axis: try TensorArgs.axis(args, 99) ?? 0))
        }
        register(name: "stack", help: "stack([a, b], axis: 0): tensors of one shape joined along a new axis") { args in
            try args.expect(1, 1, labels: ["axis"])
            let parts = try args.list(0).items.map { try TensorArgs.tensor($0, "stack") }
            return wrap(try Tensor.stack(parts, axis: try TensorArgs.axis(args, 99) ?? 0))
        }

        // Autograd.
        register(name: "param", help: "param(t): a trainable tensor; loss.backward() fills p.grad, optimizers update it") { args in
            try args.expect(1)
            return .native(TensorValue(parameter: Parameter(try TensorArgs.tensor(args, 0))))
        }
        register(name: "grad", help: "grad(loss, [p1, p2]): the gradients of a scalar loss with respect to the params, as a list") { args in
            try args.expect(2)
            let params = try parameters(args.list(1), "grad")
            let grads = try Autograd.gradients(of: try TensorArgs.tensor(args, 0), wrt: params)
            return .list(grads.map(wrap))
        }
        register(name: "no_grad", help: "no_grad { ... } (or no_grad(fn() { ... })): runs the block without recording for autograd and returns its value") { args in
            try args.expect(1)
            let f = args.positional[0]
            return try GradMode.withoutGradients { try args.callFunction(f, []) }
        }

        // Optimizers and schedules.
        register(name: "sgd", help: "sgd(params, lr:, momentum: 0, weight_decay: 0): stochastic gradient descent") { args in
            try args.expect(1, 1, labels: ["lr", "momentum", "weight_decay"])
            let opt = try SGD(parameters: try parameters(args.list(0), "sgd"), learningRate: Float(try args.number(99, "lr")),
                              momentum: try TensorArgs.float(args, 99, "momentum", default: 0),
                              weightDecay: try TensorArgs.float(args, 99, "weight_decay", default: 0))
            return .native(OptimizerValue(opt, kind: "sgd"))
        }
        for (name, decoupled) in [("adam", false), ("adamw", true)] {
            let what = decoupled ? "Adam with decoupled weight decay (default 0.01)" : "Adam (weight decay added to the gradient)"
            register(name: name, help: "\(name)(params, lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weight_decay: \(decoupled ? "0.01" : "0")): \(what)") { args in
                try args.expect(1, 1, labels: ["lr", "betas", "eps", "weight_decay"])
                var betas: (Float, Float) = (0.9, 0.999)
                if let b = args["betas"] {
                    guard case .list(let l) = b, l.items.count == 2, case .number(let b1) = l.items[0], case .number(let b2) = l.items[1] else {
                        throw ScriptError("\(name): betas must be a list of two numbers")
                    }
                    betas = (Float(b1), Float(b2))
                }
                let opt = try Adam(parameters: try parameters(args.list(0), name), learningRate: try TensorArgs.float(args, 99, "lr", default: 1e-3),
                                   betas: betas, eps: try TensorArgs.float(args, 99, "eps", default: 1e-8),
                                   weightDecay: try TensorArgs.float(args, 99, "weight_decay", default: decoupled ? 0.01 : 0), decoupled: decoupled)
                return .native(OptimizerValue(opt, kind: name))
            }
        }
        register(name: "lr_cosine", help: "lr_cosine(step, peak:, warmup:, total:, min: 0): learning rate with linear warm-up then cosine decay") { args in
            try args.expect(1, 1, labels: ["peak", "warmup", "total", "min"])
            let schedule = try LearningRateSchedule.checkedCosine(
                peak: Float(try args.number(99, "peak")), warmupSteps: try args.integer(99, "warmup"),
                totalSteps: try args.integer(99, "total"), minimum: try TensorArgs.float(args, 99, "min", default: 0))
            return .number(TensorArgs.number(schedule.rate(at: try args.integer(0))))
        }

        // Checkpoints.
        register(name: "save", help: "save(path, x): writes a tensor or a record of tensors to a safetensors file (atomically)") { args in
            try args.expect(2)
            let path = try args.string(0)
            switch args.positional[1] {
            case .native(let t as TensorValue):
                try SafeTensors.save([("tensor", t.tensor.detached)], metadata: ["spar": "tensor"], to: path)
            case .record(let r):
                let named = try zip(r.keys, r.values).map { key, value -> (name: String, tensor: Tensor) in
                    guard case .native(let t as TensorValue) = value else {
                        throw ScriptError("save: field '\(key)' is a \(value.typeName), not a tensor")
                    }
                    return (key, t.tensor.detached)
                }
                try SafeTensors.save(named, metadata: ["spar": "record"], to: path)
            case let v: throw ScriptError("save: expected a tensor or a record of tensors, not \(v.typeName)")
            }
            return .null
        }
        register(name: "load", help: "load(path): reads a safetensors file: the tensor saved by save(path, t), else a record of its tensors") { args in
            try args.expect(1)
            let contents = try SafeTensors.load(try args.string(0))
            if contents.metadata["spar"] == "tensor", contents.tensors.count == 1, let t = contents.tensors.first {
                return wrap(t.tensor)
            }
            return .record(contents.tensors.map { ($0.name, wrap($0.tensor)) })
        }
    }

    /// The params in a list, refusing plain tensors (they would silently never train).
    static func parameters(_ list: ListObject, _ callee: String) throws -> [Parameter] {
        try list.items.enumerated().map { i, v in
            guard case .native(let t as TensorValue) = v, let p = t.parameter else {
                throw ScriptError("\(callee): element \(i) of the list is a \(v.typeName == "tensor" ? "plain tensor" : v.typeName), not a param (make it with param(...))")
            }
            return p
        }
    }
}
