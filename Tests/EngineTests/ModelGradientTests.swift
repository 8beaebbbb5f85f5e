import XCTest
@testable import Engine

/// Finite-difference checks of the hand-written backward pass of the whole decoder.
///
/// The objective is L = sum_r w_r logprob_r with seeded random w_r (so every position and every
/// target counts), on a tiny model whose weights are drawn with std 0.3 instead of 0.02 so that the
/// gradients are far above Float32 rounding. Central differences with h = 1e-2, the loss summed in
/// Double. Measured worst agreement is 7e-3 relative (most below 1e-3); the tolerance, 3e-2 relative plus 2e-3
/// absolute, is well above that and far below what a wrong term (a missing factor, a transposed
/// matrix, a lost residual path) produces.
final class ModelGradientTests: XCTestCase {
    func tinyModel(tied: Bool, kvHeads: Int, seed: UInt64) throws -> LlamaModel {
        let config = LlamaConfig(vocabularySize: 270, context: 8, layers: 2, width: 16, heads: 4,
                                 kvHeads: kvHeads, ffnHidden: 24, tiedOutput: tied)
        let m = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: seed)
        var rng = SeededRandom(seed: seed + 100)
        for slot in m.layout.slots {
            for i in 0..<slot.count {
                let p = m.weights[slot.offset + i]
                p.pointee = slot.shape.count == 1 ? 1 + Float(rng.nextGaussian()) * 0.2 : Float(rng.nextGaussian()) * 0.3
            }
        }
        return m
    }

    func batch(seed: UInt64) throws -> TokenBatch {
        var rng = SeededRandom(seed: seed)
        let b = 3, t = 7
        let inputs = (0..<(b * t)).map { _ in Int32(rng.nextInt(below: 270)) }
        var targets = (0..<(b * t)).map { _ in Int32(rng.nextInt(below: 270)) }
        targets[5] = -1  // an unscored position
        // Row 2 is left-padded by 2 positions (their targets unscored).
        targets[2 * t] = -1; targets[2 * t + 1] = -1
        return try TokenBatch(batch: b, length: t, inputs: inputs, targets: targets, pads: [0, 0, 2])
    }

    func check(tied: Bool, kvHeads: Int) throws {
        let m = try tinyModel(tied: tied, kvHeads: kvHeads, seed: 7)
        let data = try batch(seed: 3)
        var rng = SeededRandom(seed: 11)
        let w = (0..<(data.batch * data.length)).map { _ in Float(rng.nextGaussian()) }
        m.zeroGradients()
        _ = try m.forwardBackward(data, logprobGradient: w)
        func loss() throws -> Double {
            let lp = try m.tokenLogprobs(data)
            return zip(lp, w).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let h: Float = 1e-2
        var checked = 0, worst: Float = 0
        for slot in m.layout.slots {
            // A few sampled entries of every weight tensor.
            for _ in 0..<6 {
                let i = rng.nextInt(below: slot.count)
                let p = m.weights[slot.offset + i]
                let saved = p.pointee
                p.pointee = saved + h
                let plus = try loss()
                p.pointee = saved - h
                let minus = try loss()
                p.pointee = saved
                let numeric = Float((plus - minus) / (2 * Double(h)))
                let analytic = m.gradients![slot.offset + i].pointee
                let err = abs(numeric - analytic)
                worst = max(worst, err / max(1, abs(numeric)))
                XCTAssertLessThanOrEqual(err, 3e-2 * abs(numeric) + 2e-3,
                                         "\(slot.name)[\(i)]: backward \(analytic), finite difference \(numeric)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 60)
        print("gradient check (tied \(tied), kv \(kvHeads)): \(checked) entries, worst relative error \(worst)")
    }

    func testGradientsTiedOutputGroupedHeads() throws { try check(tied: true, kvHeads: 2) }
    func testGradientsSeparateOutputFullHeads() throws { try check(tied: false, kvHeads: 4) }
    func testGradientsMultiQuery() throws { try check(tied: true, kvHeads: 1) }

    /// Attention blocks of 2 query rows over 7 positions: the causal block boundaries are exercised.
    func testGradientsWithSmallAttentionBlocks() throws {
        let saved = AttentionKernel.block
        AttentionKernel.block = 2
        defer { AttentionKernel.block = saved }
        try check(tied: true, kvHeads: 2)
    }

    /// Unscored and padded positions have zero log-probability and contribute no gradient.
    func testPaddingIsInvisible() throws {
        let m = try tinyModel(tied: true, kvHeads: 2, seed: 5)
        let seq = [10, 20, 30, 40, 50]
        let alone = try m.tokenLogprobs(try TokenBatch(sequences: [seq]))
        // The same sequence left-padded by 3 positions beside another row.
        let t = 7
        var inputs = [Int32](repeating: 0, count: 2 * t), targets = [Int32](repeating: -1, count: 2 * t)
        for i in 0..<4 { inputs[3 + i] = Int32(seq[i]); targets[3 + i] = Int32(seq[i + 1]) }
        for i in 0..<t { inputs[t + i] = Int32(100 + i); targets[t + i] = Int32(101 + i) }
        let padded = try m.tokenLogprobs(try TokenBatch(batch: 2, length: t, inputs: inputs, targets: targets, pads: [3, 0]))
        for i in 0..<4 { XCTAssertEqual(padded[3 + i], alone[i], accuracy: 1e-5) }
        for i in 0..<3 { XCTAssertEqual(padded[i], 0) }
    }
}
