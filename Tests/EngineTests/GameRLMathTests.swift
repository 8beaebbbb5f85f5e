import XCTest
@testable import Engine

/// REINFORCE++ pieces on small cases worked out by hand (REFERENCE.md, "Training").
final class GameRLMathTests: XCTestCase {
    func testTokenRewardsPutKLOnEveryTokenAndTheGameRewardOnTheLast() throws {
        // β = 0.1; log π − log π_ref = 0.5 then −1 → −0.05 and +0.1; game reward 2 on the last token.
        let r = try RLMath.tokenRewards(logprobs: [-1, -2], referenceLogprobs: [-1.5, -1], klCoef: 0.1, reward: 2)
        XCTAssertEqual(r[0], -0.05, accuracy: 1e-12)
        XCTAssertEqual(r[1], 2.1, accuracy: 1e-12)
        XCTAssertThrowsError(try RLMath.tokenRewards(logprobs: [-1], referenceLogprobs: [], klCoef: 0.1, reward: 1))
        XCTAssertThrowsError(try RLMath.tokenRewards(logprobs: [], referenceLogprobs: [], klCoef: 0.1, reward: 1))
    }

    func testRewardToGoSumsLaterRewards() {
        let g = RLMath.rewardToGo([-0.05, 2.1])
        XCTAssertEqual(g[0], 2.05, accuracy: 1e-12)
        XCTAssertEqual(g[1], 2.1, accuracy: 1e-12)
        let half = RLMath.rewardToGo([1, 2, 4], gamma: 0.5)  // 4; 2 + 2 = 4; 1 + 2 = 3
        XCTAssertEqual(half, [3, 4, 4])
    }

    func testReturnsWithKLEndToEnd() throws {
        // Three tokens, β = 0.5, log-ratios 0.2, −0.4, 0; reward −1.
        // token rewards −0.1, 0.2, −1 → returns −0.9, −0.8, −1.
        let r = try RLMath.tokenRewards(logprobs: [-0.3, -1.4, -2], referenceLogprobs: [-0.5, -1.0, -2], klCoef: 0.5, reward: -1)
        let g = RLMath.rewardToGo(r)
        for (a, b) in zip(g, [-0.9, -0.8, -1.0]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testWhiteningUsesEveryTokenOfTheSet() {
        // [1, 2] and [3]: mean 2, population std sqrt(2/3).
        let w = RLMath.whiten([[1, 2], [3]])
        let s = (2.0 / 3).squareRoot()
        XCTAssertEqual(w[0][0], -1 / s, accuracy: 1e-6)
        XCTAssertEqual(w[0][1], 0, accuracy: 1e-12)
        XCTAssertEqual(w[1][0], 1 / s, accuracy: 1e-6)
        // No spread: centred, no division by zero.
        XCTAssertEqual(RLMath.whiten([[5, 5]]), [[0, 0]])
    }

    func testWhiteningIsSeparatePerRole() throws {
        // Attacker returns 2 and −2 → ±1; defender returns 10 and 0 → ±1. Pooled they would be
        // (x − 2.5) / 4.33: the attacker's +2 would come out negative.
        let w = try RLMath.whitenPerRole([[2], [10], [-2], [0]], roles: [.attacker, .defender, .attacker, .defender])
        XCTAssertEqual(w[0][0], 1, accuracy: 1e-6)
        XCTAssertEqual(w[2][0], -1, accuracy: 1e-6)
        XCTAssertEqual(w[1][0], 1, accuracy: 1e-6)
        XCTAssertEqual(w[3][0], -1, accuracy: 1e-6)
        XCTAssertThrowsError(try RLMath.whitenPerRole([[1]], roles: []))
    }

    func testPPOClipOnBothSides() {
        let eps = 0.2
        func case_(_ ratio: Double, _ a: Double) -> (loss: Double, dLogprob: Double, clipped: Bool) {
            RLMath.ppoClip(logprob: Foundation.log(ratio), oldLogprob: 0, advantage: a, epsilon: eps)
        }
        // Positive advantage, ratio above 1+ε: the clipped term wins, no gradient.
        var r = case_(1.35, 1)
        XCTAssertEqual(r.loss, -1.2, accuracy: 1e-12); XCTAssertEqual(r.dLogprob, 0); XCTAssertTrue(r.clipped)
        // Positive advantage, ratio below 1−ε: min picks ρA, gradient flows.
        r = case_(0.7, 1)
        XCTAssertEqual(r.loss, -0.7, accuracy: 1e-12); XCTAssertEqual(r.dLogprob, -0.7, accuracy: 1e-12); XCTAssertFalse(r.clipped)
        // Negative advantage, ratio below 1−ε: clipped, no gradient.
        r = case_(0.7, -1)
        XCTAssertEqual(r.loss, 0.8, accuracy: 1e-12); XCTAssertEqual(r.dLogprob, 0); XCTAssertTrue(r.clipped)
        // Negative advantage, ratio above 1+ε: ρA wins (pessimistic), gradient flows.
        r = case_(1.35, -1)
        XCTAssertEqual(r.loss, 1.35, accuracy: 1e-12); XCTAssertEqual(r.dLogprob, 1.35, accuracy: 1e-12); XCTAssertFalse(r.clipped)
        // Inside the range: the plain policy-gradient term.
        r = case_(1.1, 2)
        XCTAssertEqual(r.loss, -2.2, accuracy: 1e-12); XCTAssertEqual(r.dLogprob, -2.2, accuracy: 1e-12); XCTAssertFalse(r.clipped)
    }

    func testPPOClipDerivativeMatchesFiniteDifferences() {
        for (lp, a) in [(0.1, 1.5), (-0.1, 1.5), (0.1, -0.7), (-0.1, -0.7), (0.5, 1.0), (-0.5, -1.0)] {
            let h = 1e-6
            let up = RLMath.ppoClip(logprob: lp + h, oldLogprob: 0, advantage: a, epsilon: 0.2).loss
            let down = RLMath.ppoClip(logprob: lp - h, oldLogprob: 0, advantage: a, epsilon: 0.2).loss
            XCTAssertEqual(RLMath.ppoClip(logprob: lp, oldLogprob: 0, advantage: a, epsilon: 0.2).dLogprob, (up - down) / (2 * h), accuracy: 1e-5)
        }
    }

    func testGroupBaselines() throws {
        let rewards = [1.0, 2, 3, 10], groups = [0, 0, 0, 1]
        XCTAssertEqual(try RLMath.groupBaseline(rewards, groups: groups, kind: .whiten), rewards)
        XCTAssertEqual(try RLMath.groupBaseline(rewards, groups: groups, kind: .groupMean), [-1, 0, 1, 0])
        XCTAssertEqual(try RLMath.groupBaseline(rewards, groups: groups, kind: .rloo), [-1.5, 0, 1.5, 0])
        let grpo = try RLMath.groupBaseline(rewards, groups: groups, kind: .grpo)
        XCTAssertEqual(grpo[0], -1 / (2.0 / 3).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(grpo[3], 0)
    }

    func testCosineScheduleWithWarmup() {
        // 100 steps, 3% warm-up: steps 0, 1, 2 ramp to the peak, then a cosine to 0.
        XCTAssertEqual(RLMath.cosineLearningRate(step: 0, total: 100, peak: 1, warmupShare: 0.03), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(RLMath.cosineLearningRate(step: 2, total: 100, peak: 1, warmupShare: 0.03), 1, accuracy: 1e-12)
        XCTAssertEqual(RLMath.cosineLearningRate(step: 3, total: 100, peak: 1, warmupShare: 0.03), 1, accuracy: 1e-12)
        // Half way through the cosine part (step 3 + 97/2): half the peak.
        XCTAssertEqual(RLMath.cosineLearningRate(step: 3 + 97 / 2, total: 100, peak: 1, warmupShare: 0.03),
                       0.5 * (1 + cos(Double.pi * 48 / 97)), accuracy: 1e-12)
        XCTAssertEqual(RLMath.cosineLearningRate(step: 100, total: 100, peak: 1, warmupShare: 0.03, minShare: 0.1), 0.1, accuracy: 1e-12)
    }

    func testArgumentsValidation() {
        var a = RLArguments()
        XCTAssertNoThrow(try a.validate())
        a.baseline = .rloo
        XCTAssertThrowsError(try a.validate()) { XCTAssertTrue("\($0)".contains("samples_per_seed")) }
        a = RLArguments(); a.clipEpsilon = 0
        XCTAssertThrowsError(try a.validate())
        a = RLArguments(); a.learningRate = .nan
        XCTAssertThrowsError(try a.validate())
    }
}
