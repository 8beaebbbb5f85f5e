/// Something that updates parameters from their accumulated gradients (`Parameter.grad`).
///
///     let opt = AdamW(parameters: model.parameters, learningRate: 3e-4)
///     for step in 0..<steps {
///         opt.zeroGrad()
///         try loss(step).backward()
///         _ = try clipGradientNorm(opt.parameters, maxNorm: 1)
///         opt.learningRate = schedule.rate(at: step)
///         try opt.step()
///     }
public protocol Optimizer: AnyObject {
    /// The parameters updated by `step()`.
    var parameters: [Parameter] { get }
    /// The step size used by the next `step()`.
    var learningRate: Float { get set }
    /// Applies one update; parameters without a gradient are left alone.
    func step() throws
}

extension Optimizer {
    /// Clears every parameter's gradient (call before each backward pass; gradients accumulate).
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}

enum OptimizerCheck {
    /// Rejects hyperparameters that would silently produce garbage.
    static func validate(_ name: String, learningRate: Float, betas: (Float, Float)? = nil,
                         eps: Float? = nil, momentum: Float? = nil, weightDecay: Float) throws {
        guard learningRate.isFinite, learningRate >= 0 else { throw EngineError("\(name): learning rate \(learningRate) must be a non-negative number") }
        guard weightDecay.isFinite, weightDecay >= 0 else { throw EngineError("\(name): weight decay \(weightDecay) must be a non-negative number") }
        if let (b1, b2) = betas {
            guard b1 >= 0, b1 < 1, b2 >= 0, b2 < 1 else { throw EngineError("\(name): betas (\(b1), \(b2)) must be in [0, 1)") }
        }
        if let eps { guard eps.isFinite, eps >= 0 else { throw EngineError("\(name): eps \(eps) must be a non-negative number") } }
        if let momentum { guard momentum >= 0, momentum < 1 else { throw EngineError("\(name): momentum \(momentum) must be in [0, 1)") } }
    }

    static func gradient(of p: Parameter, _ name: String) throws -> [Float]? {
        guard let g = p.grad else { return nil }
        guard g.shape == p.shape else {
            throw EngineError("\(name): gradient of shape \(g.shape) does not match parameter of shape \(p.shape)")
        }
        return g.scalars
    }
}

/// Scales all gradients together so that their global L2 norm is at most `maxNorm`; returns the norm
/// before clipping (useful to log). Parameters without a gradient are skipped.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) throws -> Float {
    guard maxNorm.isFinite, maxNorm > 0 else { throw EngineError("clip_grad_norm: max norm \(maxNorm) must be a positive number") }
    var total = 0.0
    for p in parameters { if let g = p.grad { for v in g.scalars { total += Double(v) * Double(v) } } }
    let norm = Float(total.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for p in parameters { if let g = p.grad { p.grad = g.detached * scale } }
    }
    return norm
}
