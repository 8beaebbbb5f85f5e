import Engine

/// An optimizer as a Spar value: `opt.step()`, `opt.zero_grad()`, `opt.lr`, `opt.set_lr(x)`,
/// `opt.clip_grad_norm(max)`.
final class OptimizerValue: NativeValue {
    let optimizer: Optimizer
    let kind: String

    init(_ optimizer: Optimizer, kind: String) {
        self.optimizer = optimizer
        self.kind = kind
    }

    var typeName: String { "optimizer" }
    var summary: String { "<optimizer \(kind) lr=\(optimizer.learningRate), \(optimizer.parameters.count) params>" }

    static let helpLines: [String: String] = [
        "step": "opt.step(): updates every param from its .grad (params without a gradient are skipped)",
        "zero_grad": "opt.zero_grad(): clears the gradients of the optimizer's params (gradients accumulate)",
        "set_lr": "opt.set_lr(x): sets the learning rate used by the next steps (e.g. from lr_cosine)",
        "clip_grad_norm": "opt.clip_grad_norm(max): scales all gradients so their global norm is at most max; returns the norm before",
        "lr": "opt.lr: the current learning rate",
        "params": "opt.params: the list of params the optimizer updates",
    ]

    var memberNames: [String] { OptimizerValue.helpLines.keys.sorted() }
    func help(member: String) -> String? { OptimizerValue.helpLines[member] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "lr": return .number(TensorArgs.number(optimizer.learningRate))
        case "params": return .list(optimizer.parameters.map { .native(TensorValue(parameter: $0)) })
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "step": try args.expect(0); try optimizer.step(); return .null
        case "zero_grad": try args.expect(0); optimizer.zeroGrad(); return .null
        case "set_lr":
            try args.expect(1)
            let lr = try args.number(0)
            guard lr.isFinite, lr >= 0 else { throw ScriptError("set_lr: learning rate \(lr) must be a non-negative number") }
            optimizer.learningRate = Float(lr)
            return .null
        case "clip_grad_norm":
            try args.expect(1)
            return .number(TensorArgs.number(try clipGradientNorm(optimizer.parameters, maxNorm: Float(try args.number(0)))))
        default: return nil
        }
    }
}
