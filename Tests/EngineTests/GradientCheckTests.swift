import XCTest
@testable import Engine

/// A finite-difference check for every differentiable op, including broadcast cases.
final class GradientCheckTests: XCTestCase {
    func testArithmeticWithBroadcasting() throws {
        let a = try Tensor.randn([2, 3], seed: 1), row = try Tensor.randn([3], seed: 2)
        let col = try Tensor.randn([2, 1], seed: 3), p = try positive([2, 3], seed: 4)
        try checkGradients("add", [a, row]) { try $0[0] + $0[1] }
        try checkGradients("add column", [a, col]) { try $0[0] + $0[1] }
        try checkGradients("subtract", [a, row]) { try $0[0] - $0[1] }
        try checkGradients("subtract 3d", [try Tensor.randn([2, 1, 3], seed: 5), try Tensor.randn([4, 1], seed: 6)]) { try $0[0] - $0[1] }
        try checkGradients("multiply", [a, col]) { try $0[0] * $0[1] }
        try checkGradients("multiply same", [a, a]) { try $0[0] * $0[1] }
        try checkGradients("divide", [a, p]) { try $0[0] / $0[1] }
        try checkGradients("divide broadcast", [a, try positive([3], seed: 7)]) { try $0[0] / $0[1] }
        try checkGradients("pow", [p, row]) { try $0[0].pow($0[1]) }
        try checkGradients("reuse", [a]) { x in try x[0] * x[0] + x[0] }
    }

    func testArithmeticWithNumbers() throws {
        let a = try Tensor.randn([2, 3], seed: 8), p = try positive([2, 3], seed: 9)
        try checkGradients("t + s", [a]) { $0[0] + 2 }
        try checkGradients("s - t", [a]) { 2 - $0[0] }
        try checkGradients("t * s", [a]) { $0[0] * 3 }
        try checkGradients("t / s", [a]) { $0[0] / 4 }
        try checkGradients("s / t", [p]) { 1.5 / $0[0] }
        try checkGradients("t ** 2", [a]) { $0[0] ** 2 }
        try checkGradients("t ** 1.5", [p]) { $0[0] ** 1.5 }
        try checkGradients("s ** t", [a]) { 2 ** $0[0] }
        try checkGradients("negate", [a]) { -$0[0] }
    }

    func testUnaryFunctions() throws {
        let a = try awayFromZero([2, 5], seed: 10), p = try positive([2, 5], seed: 11)
        try checkGradients("exp", [a]) { $0[0].exp() }
        try checkGradients("log", [p]) { $0[0].log() }
        try checkGradients("sqrt", [p]) { $0[0].sqrt() }
        try checkGradients("tanh", [a]) { $0[0].tanh() }
        try checkGradients("sigmoid", [a]) { $0[0].sigmoid() }
        try checkGradients("relu", [a]) { $0[0].relu() }
        try checkGradients("gelu", [a]) { $0[0].gelu() }
        try checkGradients("silu", [a]) { $0[0].silu() }
        try checkGradients("abs", [a]) { $0[0].abs() }
        try checkGradients("clip", [try Tensor([[-1.5, -0.2, 0.3], [0.9, 2, -0.9]])]) { try $0[0].clip(min: -0.5, max: 0.7) }
    }

    func testMatmul() throws {
        try checkGradients("matmul 2d", [try Tensor.randn([3, 4], seed: 12), try Tensor.randn([4, 2], seed: 13)]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul batched", [try Tensor.randn([2, 3, 4], seed: 14), try Tensor.randn([2, 4, 2], seed: 15)]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul batch x matrix", [try Tensor.randn([2, 3, 4], seed: 16), try Tensor.randn([4, 2], seed: 17)]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul matrix x batch", [try Tensor.randn([3, 4], seed: 18), try Tensor.randn([2, 4, 2], seed: 19)]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul broadcast batch", [try Tensor.randn([2, 1, 3, 4], seed: 20), try Tensor.randn([3, 4, 2], seed: 21)]) { try $0[0].matmul($0[1]) }
        try checkGradients("matmul vectors", [try Tensor.randn([4], seed: 22), try Tensor.randn([4, 3], seed: 23)]) { try $0[0].matmul($0[1]) }
        try checkGradients("matrix @ vector", [try Tensor.randn([3, 4], seed: 24), try Tensor.randn([4], seed: 25)]) { try $0[0].matmul($0[1]) }
    }

    func testShapeOps() throws {
        let a = try Tensor.randn([2, 3, 4], seed: 26)
        try checkGradients("reshape", [a]) { try $0[0].reshaped([4, -1]) }
        try checkGradients("permute", [a]) { try $0[0].permuted([2, 0, 1]) }
        try checkGradients("transpose", [a]) { try $0[0].transposed() }
        try checkGradients("broadcast", [try Tensor.randn([3, 1], seed: 27)]) { try $0[0].broadcast(to: [2, 3, 4]) }
        try checkGradients("slice", [a]) { try $0[0].sliced(axis: 2, start: 1, end: 4, step: 2) }
        try checkGradients("select", [a]) { try $0[0].selected(axis: 1, index: -1) }
        try checkGradients("index", [a]) { try $0[0].indexed([1, 2]) }
        try checkGradients("concat", [a, try Tensor.randn([2, 1, 4], seed: 28)]) { try Tensor.concat($0, axis: 1) }
        try checkGradients("stack", [try Tensor.randn([2, 3], seed: 29), try Tensor.randn([2, 3], seed: 30)]) { try Tensor.stack($0, axis: 1) }
        let cond = try Tensor([[1, 0, 1], [0, 0, 1]])
        try checkGradients("where", [try Tensor.randn([2, 3], seed: 31), try Tensor.randn([3], seed: 32)]) { try Tensor.where(cond, $0[0], $0[1]) }
    }

    func testReductions() throws {
        let a = try Tensor.randn([3, 4], seed: 33)
        try checkGradients("sum", [a]) { try $0[0].sum() }
        try checkGradients("sum axis 0", [a]) { try $0[0].sum(axis: 0) }
        try checkGradients("sum axis -1 keep", [a]) { try $0[0].sum(axis: -1, keepDims: true) }
        try checkGradients("mean", [a]) { try $0[0].mean(axis: 1) }
        try checkGradients("var", [a]) { try $0[0].variance(axis: 0) }
        try checkGradients("var all", [a]) { try $0[0].variance(correction: 1) }
        try checkGradients("max", [a]) { try $0[0].max(axis: 1) }
        try checkGradients("min", [a]) { try $0[0].min(axis: 0, keepDims: true) }
        try checkGradients("max all", [a]) { try $0[0].max() }
    }

    func testNetworkOps() throws {
        let a = try Tensor.randn([3, 5], seed: 34)
        try checkGradients("softmax", [a]) { try $0[0].softmax() }
        try checkGradients("softmax axis 0", [a]) { try $0[0].softmax(axis: 0) }
        try checkGradients("log_softmax", [a]) { try $0[0].logSoftmax(axis: -1) }
        try checkGradients("log_softmax axis 0", [a]) { try $0[0].logSoftmax(axis: 0) }
        let w = try positive([5], seed: 35), b = try Tensor.randn([5], seed: 36)
        try checkGradients("layer_norm", [a, w, b]) { try $0[0].layerNorm(weight: $0[1], bias: $0[2]) }
        try checkGradients("layer_norm plain", [try Tensor.randn([2, 3, 4], seed: 37)]) { try $0[0].layerNorm() }
        try checkGradients("rms_norm", [a, w]) { try $0[0].rmsNorm(weight: $0[1]) }
        let ids = try Tensor([[0, 2], [2, 3]])
        try checkGradients("embedding", [try Tensor.randn([4, 3], seed: 38)]) { try Tensor.embedding($0[0], ids) }
        let targets = try Tensor([[1, 4, -100], [0, 2, 3]])
        try checkGradients("cross_entropy", [try Tensor.randn([2, 3, 5], seed: 39)]) {
            try $0[0].crossEntropy(targets: targets)
        }
        try checkGradients("dropout", [a]) { try $0[0].dropout(p: 0.3, seed: 5) }
        let picks = try Tensor([[4, 0, 4], [1, 2, 3]])
        try checkGradients("gather", [try Tensor.randn([2, 3, 5], seed: 40)]) { try $0[0].logSoftmax().gatherLast(picks) }
    }

    func testBackwardAccumulatesAndNoGradStopsRecording() throws {
        let w = Parameter(Tensor([1, 2, 3]))
        try (w.tensor * w.tensor).sum().backward()
        try (w.tensor * 2).sum().backward()
        XCTAssertEqual(w.grad, Tensor([4, 6, 8]))  // 2w + 2
        let untracked = try GradMode.withoutGradients { try (w.tensor * 3).sum() }
        XCTAssertFalse(untracked.isTracked)
        assertEngineError("does not depend on any parameter") { try untracked.backward() }
        assertEngineError("needs a scalar") { try (w.tensor * 2).backward() }
        let unused = Parameter(try Tensor.zeros([2]))
        let g = try Autograd.gradients(of: try w.tensor.sum(), wrt: [unused, w])
        XCTAssertEqual(g[0], try Tensor.zeros([2]))
        XCTAssertEqual(g[1], try Tensor.ones([3]))
    }

    func testDeepGraphDoesNotOverflowTheStack() throws {
        let w = Parameter(Tensor(1))
        var x = w.tensor
        for _ in 0..<20000 { x = x * 1.0001 }
        try x.backward()
        XCTAssertEqual(try w.grad?.item() ?? 0, Float(pow(1.0001, 20000.0)), accuracy: 0.05)
    }
}

/// Edge cases of the fused losses and of recording.
final class AutogradEdgeTests: XCTestCase {
    func testCrossEntropyWithEveryTargetIgnoredIsZeroWithZeroGradient() throws {
        let p = Parameter(try Tensor.randn([2, 3], seed: 1))
        let loss = try p.tensor.crossEntropy(targets: Tensor([-1, -1]), ignoreIndex: -1)
        XCTAssertEqual(try loss.item(), 0)
        try loss.backward()
        XCTAssertEqual(p.grad, try Tensor.zeros([2, 3]))
    }

    func testCrossEntropyIsStableForHugeLogits() throws {
        let logits = try Tensor([[1000, 0], [-1000, 0]])
        let loss = try logits.crossEntropy(targets: Tensor([0, 0]))
        XCTAssertEqual(try loss.item(), 500, accuracy: 1e-3)  // (0 + 1000) / 2
        XCTAssertEqual(try logits.softmax().scalars, [1, 0, 0, 1])
    }

    func testNestedNoGradRestoresRecording() throws {
        let w = Parameter(Tensor([1]))
        try GradMode.withoutGradients {
            try GradMode.withoutGradients { XCTAssertFalse(w.tensor.isTracked) }
            XCTAssertFalse(GradMode.isEnabled)
        }
        XCTAssert(GradMode.isEnabled)
        XCTAssert(w.tensor.isTracked)
        struct Boom: Error {}
        XCTAssertThrowsError(try GradMode.withoutGradients { throw Boom() })
        XCTAssert(GradMode.isEnabled, "an error inside no_grad must not leave recording off")
    }
}
