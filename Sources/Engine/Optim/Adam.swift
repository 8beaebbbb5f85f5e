import Foundation

/// Adam (Kingma and Ba) with bias correction. `weightDecay` is coupled (added to the gradient, as
/// in PyTorch's `Adam`) unless `decoupled` is set, which gives AdamW (Loshchilov and Hutter):
/// p -= lr * wd * p before the Adam update. Use `AdamW(...)` for the latter.
public class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    /// True for AdamW's decoupled weight decay.
    public let decoupled: Bool
    /// Steps taken so far (for bias correction).
    public private(set) var stepCount = 0
    private var m: [[Float]?], v: [[Float]?]

    public init(parameters: [Parameter], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                eps: Float = 1e-8, weightDecay: Float = 0, decoupled: Bool = false) throws {
        let name = decoupled ? "adamw" : "adam"
        try OptimizerCheck.validate(name, learningRate: learningRate, betas: betas, eps: eps, weightDecay: weightDecay)
        self.parameters = parameters
        self.learningRate = learningRate
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = weightDecay
        self.decoupled = decoupled
        m = Array(repeating: nil, count: parameters.count)
        v = Array(repeating: nil, count: parameters.count)
    }

    public func step() throws {
        stepCount += 1
        let t = Float(stepCount)
        let c1 = 1 - Foundation.pow(beta1, t), c2 = 1 - Foundation.pow(beta2, t)
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = eps, wd = weightDecay
        for (i, p) in parameters.enumerated() {
            guard var g = try OptimizerCheck.gradient(of: p, decoupled ? "adamw" : "adam") else { continue }
            if wd != 0 && !decoupled { for j in g.indices { g[j] += wd * p.value.scalars[j] } }
            var mi = m[i] ?? [Float](repeating: 0, count: g.count)
            var vi = v[i] ?? [Float](repeating: 0, count: g.count)
            m[i] = nil; v[i] = nil  // sole owner of the moments: updated in place, no copy
            let decay: Float = decoupled ? 1 - lr * wd : 1
            p.updateScalars { w in
                for j in 0..<w.count {
                    mi[j] = b1 * mi[j] + (1 - b1) * g[j]
                    vi[j] = b2 * vi[j] + (1 - b2) * g[j] * g[j]
                    let mHat = mi[j] / c1, vHat = vi[j] / c2
                    w[j] = w[j] * decay - lr * mHat / (vHat.squareRoot() + eps)
                }
            }
            m[i] = mi; v[i] = vi
        }
    }
}

/// Adam with decoupled weight decay (default 0.01, as in PyTorch).
public final class AdamW: Adam {
    public init(parameters: [Parameter], learningRate: Float = 1e-3, betas: (Float, Float) = (0.9, 0.999),
                eps: Float = 1e-8, weightDecay: Float = 0.01) throws {
        try super.init(parameters: parameters, learningRate: learningRate, betas: betas, eps: eps,
                       weightDecay: weightDecay, decoupled: true)
    }
}
