/// Stochastic gradient descent with optional momentum and (coupled, L2) weight decay, as in PyTorch:
/// g += wd * p;  v = momentum * v + g;  p -= lr * v.
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private var velocity: [[Float]?]

    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) throws {
        try OptimizerCheck.validate("sgd", learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.velocity = Array(repeating: nil, count: parameters.count)
    }

    public func step() throws {
        for (i, p) in parameters.enumerated() {
            guard var g = try OptimizerCheck.gradient(of: p, "sgd") else { continue }
            let lr = learningRate, wd = weightDecay, mu = momentum
            if wd != 0 { for j in g.indices { g[j] += wd * p.value.scalars[j] } }
            if mu != 0 {
                var v = velocity[i] ?? [Float](repeating: 0, count: g.count)
                for j in g.indices { v[j] = mu * v[j] + g[j] }
                velocity[i] = v
                g = v
            }
            p.updateScalars { w in for j in 0..<w.count { w[j] -= lr * g[j] } }
        }
    }
}
