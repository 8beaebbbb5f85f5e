import XCTest
@testable import Engine

/// The Llama model behind the game's policy protocol: scoring agrees with sampling, the weighted
/// backward moves log-probs the right way, checkpoints restore bit for bit, and a short game on a
/// real (tiny) model is deterministic and resumes exactly. Run in release (`make test`).
final class GameModelPolicyTests: XCTestCase {
    func tinyModel(seed: UInt64 = 1) throws -> LlamaModel {
        let tok = ByteTokenizer()
        let config = LlamaConfig(vocabularySize: tok.vocabularySize, context: 192, layers: 1, width: 32, heads: 2)
        return try LlamaModel(config: config, tokenizer: tok, seed: seed)
    }

    func testScoringAgreesWithSamplingAndTheEndTokenIsAnAction() throws {
        let p = LanguageModelPolicy(model: try tinyModel())
        let samples = try p.sample(prompts: ["Reply to the user.\nUser: hi\n<think>", "x"], options: PolicySampling(maxTokens: 12, seed: 3))
        XCTAssertEqual(samples, try p.sample(prompts: ["Reply to the user.\nUser: hi\n<think>", "x"], options: PolicySampling(maxTokens: 12, seed: 3)))
        let scored = try p.logprobs(prompts: ["Reply to the user.\nUser: hi\n<think>", "x"], completions: samples.map(\.tokens))
        for (s, lp) in zip(samples, scored) {
            XCTAssertEqual(s.tokens.count, s.logprobs.count)
            for (a, b) in zip(s.logprobs, lp) { XCTAssertEqual(a, b, accuracy: 2e-3) }
        }
        let end = try XCTUnwrap(p.model.tokenizer.id(of: .end))
        XCTAssertEqual(try p.encode("ab").last, end)
        XCTAssertEqual(p.missingFormatTokens(Game.formatTags), [])
    }

    func testWeightedBackwardRaisesTheLogprobOfRewardedTokens() throws {
        let p = LanguageModelPolicy(model: try tinyModel())
        let completion = try p.encode(" I refuse.")
        let before = try p.logprobs(prompts: ["q"], completions: [completion])[0].reduce(0, +)
        for _ in 0..<5 {
            // d loss / d logprob = −1 per token: minimising the loss raises the log-probability.
            try p.accumulateGradient(prompts: ["q"], completions: [completion]) { lps in lps.map { $0.map { _ in -1.0 / Double(completion.count) } } }
            let norm = try p.step(OptimizerSettings(learningRate: 1e-2))
            XCTAssertGreaterThan(norm, 0)
        }
        let after = try p.logprobs(prompts: ["q"], completions: [completion])[0].reduce(0, +)
        XCTAssertGreaterThan(after, before + 1)
    }

    func testCheckpointsAndSnapshots() throws {
        let p = LanguageModelPolicy(model: try tinyModel())
        let c = try p.encode(" ok")
        try p.accumulateGradient(prompts: ["q"], completions: [c]) { lps in lps.map { $0.map { _ in -1.0 } } }
        _ = try p.step(OptimizerSettings(learningRate: 1e-2))
        let frozen = try p.snapshot()
        XCTAssertFalse(frozen.canTrain)
        let data = try p.checkpointData()
        try p.accumulateGradient(prompts: ["q"], completions: [c]) { lps in lps.map { $0.map { _ in -1.0 } } }
        _ = try p.step(OptimizerSettings(learningRate: 1e-2))
        XCTAssertNotEqual(try p.checkpointData(), data)
        try p.restore(from: data)
        XCTAssertEqual(try p.checkpointData(), data)
        XCTAssertEqual(try frozen.logprobs(prompts: ["q"], completions: [c]), try p.logprobs(prompts: ["q"], completions: [c]))
        XCTAssertThrowsError(try p.restore(from: data.prefix(100))) { XCTAssertTrue("\($0)".contains("checkpoint")) }
        XCTAssertThrowsError(try Game(policy: frozen, config: GameFixture.config())) { XCTAssertTrue("\($0)".contains("frozen")) }
    }

    func testAGameOnARealModelIsDeterministicAndResumesExactly() throws {
        let world = try SafetyWorld(seed: 1)
        func game() throws -> Game {
            var c = GameConfig(attacker: try RolePrompt.attacker(cot: true), defender: try RolePrompt.defender(cot: true),
                               judge: OracleJudge(world: world), seeds: world.seeds(.train), rewards: .generalSum)
            c.gamesPerStep = 4
            c.sampling = PolicySampling(maxTokens: 24)
            c.seed = 5
            c.rl.learningRate = 1e-3
            c.rl.removeTies = false
            return try Game(policy: LanguageModelPolicy(model: try tinyModel()), config: c)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spar-llm-game-\(getpid()).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try game()
        try whole.run(.selfplay, steps: 3)
        XCTAssertTrue(whole.history.allSatisfy { ($0["samples"] ?? 0) ?? 0 > 0 })
        let killed = try game()
        var calls = 0
        try killed.run(.selfplay, steps: 3, control: RunControl(shouldStop: { calls += 1; return calls > 2 }, checkpointPath: path, checkpointEvery: 2))
        let resumed = try game()
        try resumed.loadCheckpoint(from: path)
        XCTAssertEqual(resumed.step, 2)
        try resumed.run(.selfplay, steps: 1)
        XCTAssertEqual(resumed.ledger, whole.ledger)
        XCTAssertEqual(try resumed.policy.checkpointData(), try whole.policy.checkpointData())
    }
}
