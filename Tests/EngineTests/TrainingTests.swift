import XCTest
@testable import Engine

/// End-to-end: small models trained with autograd and the optimizers.
final class TrainingTests: XCTestCase {
    func testMLPLearnsXOR() throws {
        let x = try Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])
        let y = try Tensor([[0], [1], [1], [0]])
        let w1 = Parameter(try Tensor.randn([2, 8], seed: 1, std: 1), name: "w1")
        let b1 = Parameter(try Tensor.zeros([8]), name: "b1")
        let w2 = Parameter(try Tensor.randn([8, 1], seed: 2, std: 0.5), name: "w2")
        let b2 = Parameter(try Tensor.zeros([1]), name: "b2")
        let opt = try Adam(parameters: [w1, b1, w2, b2], learningRate: 0.05)
        var first: Float = 0, last: Float = 0
        for step in 0..<500 {
            opt.zeroGrad()
            let h = try (x.matmul(w1.tensor) + b1.tensor).tanh()
            let p = try (h.matmul(w2.tensor) + b2.tensor).sigmoid()
            let loss = try (p - y).pow(2).mean()
            try loss.backward()
            try opt.step()
            if step == 0 { first = try loss.item() }
            last = try loss.item()
        }
        XCTAssertLessThan(last, 0.01, "loss went from \(first) to \(last)")
        let p = try GradMode.withoutGradients {
            (try (x.matmul(w1.tensor) + b1.tensor).tanh().matmul(w2.tensor) + b2.tensor).sigmoid()
        }
        XCTAssertEqual(try p.greater(Tensor(0.5)).scalars, [0, 1, 1, 0])
    }

    func testSGDWithMomentumAndClippingFitLinearRegression() throws {
        let x = try Tensor.randn([64, 3], seed: 5)
        let trueW = try Tensor([[2], [-1], [0.5]])
        let y = try x.matmul(trueW) + 0.3
        let w = Parameter(try Tensor.zeros([3, 1])), b = Parameter(try Tensor.zeros([1]))
        let opt = try SGD(parameters: [w, b], learningRate: 0.1, momentum: 0.9)
        let schedule = try LearningRateSchedule.checkedCosine(peak: 0.1, warmupSteps: 5, totalSteps: 200, minimum: 0.001)
        for step in 0..<200 {
            opt.zeroGrad()
            try (try x.matmul(w.tensor) + b.tensor - y).pow(2).mean().backward()
            try clipGradientNorm([w, b], maxNorm: 5)
            opt.learningRate = schedule.rate(at: step)
            try opt.step()
        }
        XCTAssert(w.value.isClose(to: trueW, rtol: 1e-3, atol: 1e-3), "\(w.value)")
        XCTAssertEqual(try b.value.item(), 0.3, accuracy: 1e-3)
    }

    func testOptimizerArgumentsAreChecked() throws {
        let p = Parameter(Tensor([1]))
        assertEngineError("adam: betas (1.0, 0.999) must be in [0, 1)") { try Adam(parameters: [p], betas: (1, 0.999)) }
        assertEngineError("sgd: learning rate nan") { try SGD(parameters: [p], learningRate: .nan) }
        assertEngineError("sgd: momentum 1.5") { try SGD(parameters: [p], learningRate: 0.1, momentum: 1.5) }
        assertEngineError("adamw: weight decay -1.0") { try AdamW(parameters: [p], weightDecay: -1) }
        assertEngineError("clip_grad_norm: max norm 0.0") { try clipGradientNorm([p], maxNorm: 0) }
        assertEngineError("cosine schedule") { try LearningRateSchedule.checkedCosine(peak: 1, warmupSteps: 10, totalSteps: 5) }
        p.grad = Tensor([1, 2])
        assertEngineError("sgd: gradient of shape [2] does not match parameter of shape [1]") {
            try SGD(parameters: [p], learningRate: 0.1).step()
        }
    }
}
