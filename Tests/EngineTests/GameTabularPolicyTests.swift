import XCTest
@testable import Engine

/// The tabular test policy is exact: its gradients match finite differences and its Adam step matches
/// the formula, so the game's RL can be checked against it.
final class GameTabularPolicyTests: XCTestCase {
    func makePolicy() throws -> TabularPolicy {
        var rng = SeededRandom(seed: 3)
        let init0 = (0..<(2 * 4 * 4)).map { _ in rng.nextGaussian() }
        return try TabularPolicy(vocabulary: ["", "a", "b", "c"], contexts: 2, initialLogits: init0) { $0.hasPrefix("x") ? 1 : 0 }
    }

    func testLogprobsAreNormalisedAndSamplingIsSeeded() throws {
        let p = try makePolicy()
        let probs = p.probabilities(context: 1, previous: 2)
        XCTAssertEqual(probs.reduce(0, +), 1, accuracy: 1e-12)
        let options = PolicySampling(maxTokens: 6, temperature: 1, topP: 1, seed: 9)
        let a = try p.sample(prompts: ["x1", "y", "x2"], options: options)
        XCTAssertEqual(a, try p.sample(prompts: ["x1", "y", "x2"], options: options))
        let again = try p.logprobs(prompts: ["x1", "y", "x2"], completions: a.map(\.tokens))
        for (s, lp) in zip(a, again) {
            XCTAssertEqual(s.logprobs, lp)
            XCTAssertEqual(s.text, s.tokens.filter { $0 != 0 }.map { p.vocabulary[$0] }.joined())
        }
    }

    func testGradientMatchesFiniteDifferences() throws {
        let p = try makePolicy()
        let prompts = ["x", "y"], completions = [[1, 2, 0], [3, 3]]
        let weights = [[0.5, -1.0, 2.0], [1.5, -0.25]]
        func objective() throws -> Double {
            let lps = try p.logprobs(prompts: prompts, completions: completions)
            return zip(lps, weights).reduce(0) { $0 + zip($1.0, $1.1).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        try p.accumulateGradient(prompts: prompts, completions: completions) { _ in weights }
        let g = p.gradient
        let base = p.logits
        for i in stride(from: 0, to: base.count, by: 3) {
            let h = 1e-6
            var plus = base; plus[i] += h
            var minus = base; minus[i] -= h
            try p.restoreLogits(plus)
            let up = try objective()
            try p.restoreLogits(minus)
            let down = try objective()
            XCTAssertEqual(g[i], (up - down) / (2 * h), accuracy: 1e-6, "parameter \(i)")
        }
    }

    func testFirstAdamStepMovesEachParameterByTheLearningRate() throws {
        let p = try makePolicy()
        let before = p.logits
        try p.accumulateGradient(prompts: ["x"], completions: [[1, 0]]) { lps in lps.map { $0.map { _ in 1.0 } } }
        let g = p.gradient
        let norm = try p.step(OptimizerSettings(learningRate: 0.01, maxGradNorm: nil))
        XCTAssertEqual(norm, g.reduce(0) { $0 + $1 * $1 }.squareRoot(), accuracy: 1e-12)
        for i in before.indices {
            // m̂ = g, v̂ = g²: the step is lr·g/(|g| + ε) = ±lr.
            let expected = g[i] == 0 ? 0 : -0.01 * g[i] / (abs(g[i]) + 1e-8)
            XCTAssertEqual(p.logits[i] - before[i], expected, accuracy: 1e-9)
        }
        XCTAssertEqual(p.gradient.allSatisfy { $0 == 0 }, true, "step clears the gradient")
    }

    func testCheckpointRoundTripAndSnapshotIndependence() throws {
        let p = try makePolicy()
        try p.accumulateGradient(prompts: ["x"], completions: [[2, 0]]) { lps in lps.map { $0.map { _ in 1.0 } } }
        _ = try p.step(OptimizerSettings(learningRate: 0.1))
        let frozen = try p.snapshot()
        let data = try p.checkpointData()
        try p.accumulateGradient(prompts: ["x"], completions: [[2, 0]]) { lps in lps.map { $0.map { _ in 1.0 } } }
        _ = try p.step(OptimizerSettings(learningRate: 0.1))
        XCTAssertNotEqual(try frozen.checkpointData(), try p.checkpointData(), "a snapshot does not follow updates")
        try p.restore(from: data)
        XCTAssertEqual(try p.checkpointData(), data)
        XCTAssertEqual(try frozen.checkpointData(), data)
        XCTAssertThrowsError(try p.restore(from: Data([1, 2, 3]))) { XCTAssertTrue("\($0)".contains("checkpoint")) }
    }

    func testEncodeAndBadTokens() throws {
        let p = try makePolicy()
        XCTAssertEqual(try p.encode("abca"), [1, 2, 3, 1, 0])
        XCTAssertThrowsError(try p.encode("abz"))
        XCTAssertThrowsError(try p.logprobs(prompts: ["x"], completions: [[7]]))
        XCTAssertEqual(p.missingFormatTokens(["a", "<think>"]), ["<think>"])
    }
}
