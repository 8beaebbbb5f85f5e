import XCTest
@testable import Engine

/// The model's flat AdamW must make the same updates as the tensor engine's `AdamW` (which is
/// checked against PyTorch fixtures), with weight decay on matrices only.
final class ModelOptimizerTests: XCTestCase {
    func testFlatAdamWMatchesTensorAdamW() throws {
        let config = LlamaConfig(vocabularySize: 270, context: 8, layers: 1, width: 8, heads: 2, ffnHidden: 16)
        let m = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: 1)
        let matrix = m.layout.slots.first { $0.name.hasSuffix("q_proj.weight") }!
        let gain = m.layout.slots.first { $0.name.hasSuffix("input_layernorm.weight") }!
        let lr: Float = 0.01, wd: Float = 0.1
        let pMatrix = Parameter(try m.weight(named: matrix.name)), pGain = Parameter(try m.weight(named: gain.name))
        let decayed = try AdamW(parameters: [pMatrix], learningRate: lr, betas: (0.9, 0.95), eps: 1e-8, weightDecay: wd)
        let plain = try AdamW(parameters: [pGain], learningRate: lr, betas: (0.9, 0.95), eps: 1e-8, weightDecay: 0)
        var rng = SeededRandom(seed: 4)
        for _ in 0..<3 {
            m.zeroGradients()
            let g = m.gradients!
            for i in 0..<g.count { g[i].pointee = Float(rng.nextGaussian()) }
            pMatrix.grad = try Tensor(shape: matrix.shape, scalars: g.array(offset: matrix.offset, length: matrix.count))
            pGain.grad = try Tensor(shape: gain.shape, scalars: g.array(offset: gain.offset, length: gain.count))
            try m.applyGradients(learningRate: lr, clipNorm: 0, weightDecay: wd)
            try decayed.step()
            try plain.step()
        }
        XCTAssertTrue(try m.weight(named: matrix.name).isClose(to: pMatrix.value, rtol: 1e-5, atol: 1e-6))
        XCTAssertTrue(try m.weight(named: gain.name).isClose(to: pGain.value, rtol: 1e-5, atol: 1e-6))
        XCTAssertFalse(try m.weight(named: gain.name).isClose(to: try Tensor.ones(gain.shape), rtol: 0, atol: 1e-3))
    }

    /// Clipping scales the whole gradient to the given global norm.
    func testClippingScalesToTheNorm() throws {
        let config = LlamaConfig(vocabularySize: 270, context: 8, layers: 1, width: 8, heads: 2, ffnHidden: 16)
        let m = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: 1)
        m.zeroGradients()
        let g = m.gradients!
        for i in 0..<g.count { g[i].pointee = 3 }
        try m.applyGradients(learningRate: 0, clipNorm: 0.5)
        XCTAssertEqual(gradientNorm(g), 0.5, accuracy: 1e-4)
    }
}
