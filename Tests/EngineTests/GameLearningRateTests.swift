import XCTest
@testable import Engine

/// The learning rate follows the game's step, so a run split in parts, continued, or resumed from a
/// checkpoint trains exactly like one run ("10 + 10 = 20", byte for byte on the ledger); and PPO-clip
/// only engages with more than one minibatch.
final class GameLearningRateTests: XCTestCase {
    func ledgerBytes(_ g: Game) throws -> String { try g.ledger.jsonl() }

    /// 10 steps, then 10 more; 20 at once; 10, a checkpoint loaded into a fresh game, then 10.
    func assertSplitRunsEqualOne(file: StaticString = #filePath, line: UInt = #line, edit: @escaping (inout GameConfig) -> Void) throws {
        let whole = try GameFixture.game(seed: 11, games: 8, edit: edit)
        try whole.run(.selfplay, steps: 20)
        let split = try GameFixture.game(seed: 11, games: 8, edit: edit)
        try split.run(.selfplay, steps: 10)
        try split.run(.selfplay, steps: 10)
        XCTAssertEqual(try ledgerBytes(split), try ledgerBytes(whole), "10 + 10 steps play the games 20 steps play", file: file, line: line)
        XCTAssertEqual(split.history.map(\.withoutTimings), whole.history.map(\.withoutTimings), file: file, line: line)
        XCTAssertEqual(try split.policy.checkpointData(), try whole.policy.checkpointData(), file: file, line: line)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spar-lr-\(getpid())-\(UUID().uuidString).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try GameFixture.game(seed: 11, games: 8, edit: edit)
        try first.run(.selfplay, steps: 10, control: RunControl(checkpointPath: path))
        let resumed = try GameFixture.game(seed: 11, games: 8, edit: edit)
        try resumed.loadCheckpoint(from: path)
        try resumed.run(.selfplay, steps: 10)
        XCTAssertEqual(try ledgerBytes(resumed), try ledgerBytes(whole), "10, save, load, 10 is 20 too", file: file, line: line)
        XCTAssertEqual(try resumed.policy.checkpointData(), try whole.policy.checkpointData(), file: file, line: line)
    }

    func testTenPlusTenEqualsTwentyWithTheDefaultConstantRate() throws {
        // Before: the first run fixed a cosine over its own 10 steps (0.1 → 0.003 at step 9), the
        // second re-inflated it (0.054 at step 10); 20 steps at once decayed smoothly.
        try assertSplitRunsEqualOne { $0.rl.learningRate = 0.1 }
        let g = try GameFixture.game { $0.rl.learningRate = 0.1 }
        try g.run(.selfplay, steps: 3)
        XCTAssertEqual(g.history.map { $0["lr"] ?? nil }, [0.1, 0.1, 0.1], "no total_steps: a constant rate")
    }

    func testTenPlusTenEqualsTwentyOnTheCosine() throws {
        try assertSplitRunsEqualOne { $0.rl.learningRate = 0.1; $0.rl.totalSteps = 20 }
        let g = try GameFixture.game { $0.rl.learningRate = 0.1; $0.rl.totalSteps = 20 }
        try g.run(.selfplay, steps: 10)
        try g.run(.selfplay, steps: 10)
        let expected = (0..<20).map { RLMath.cosineLearningRate(step: $0, total: 20, peak: 0.1, warmupShare: 0.03) }
        XCTAssertEqual(g.history.map { $0["lr"] ?? nil }, expected)
        XCTAssertLessThan(g.history[10]["lr"]! ?? 1, g.history[9]["lr"]! ?? 0, "the rate keeps falling at step 10")
    }

    func testSplitRunsEqualOneOnATinyLanguageModel() throws {
        // The same on a real decoder (1 layer, width 32, byte tokens) with the world's oracle: 3 + 3
        // steps, and 3, save, load, 3, against 6 at once, at the default rate (before, the first run's
        // length fixed a cosine here too).
        let world = try SafetyWorld(seed: 1)
        func game() throws -> Game {
            let tok = ByteTokenizer()
            let model = try LlamaModel(config: LlamaConfig(vocabularySize: tok.vocabularySize, context: 160, layers: 1, width: 32, heads: 2),
                                       tokenizer: tok, seed: 1)
            var c = GameConfig(attacker: try RolePrompt.attacker(cot: false), defender: try RolePrompt.defender(cot: false),
                               judge: OracleJudge(world: world), seeds: world.seeds(.train), rewards: .generalSum)
            c.gamesPerStep = 4
            c.sampling = PolicySampling(maxTokens: 12)
            c.seed = 3
            c.rl.learningRate = 1e-2
            c.rl.removeTies = false
            return try Game(policy: LanguageModelPolicy(model: model), config: c)
        }
        let whole = try game()
        try whole.run(.selfplay, steps: 6)
        let split = try game()
        try split.run(.selfplay, steps: 3)
        try split.run(.selfplay, steps: 3)
        XCTAssertEqual(try ledgerBytes(split), try ledgerBytes(whole))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spar-lr-llm-\(getpid()).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try game()
        try first.run(.selfplay, steps: 3, control: RunControl(checkpointPath: path))
        let resumed = try game()
        try resumed.loadCheckpoint(from: path)
        try resumed.run(.selfplay, steps: 3)
        XCTAssertEqual(try ledgerBytes(resumed), try ledgerBytes(whole))
        XCTAssertEqual(try resumed.policy.checkpointData(), try whole.policy.checkpointData())
        XCTAssertTrue(whole.history.allSatisfy { ($0["samples"] ?? 0) ?? 0 > 0 }, "every step trained")
    }

    func testARunPastTotalStepsIsRefusedBeforeItStarts() throws {
        let g = try GameFixture.game { $0.rl.totalSteps = 5 }
        try g.run(.selfplay, steps: 3)
        XCTAssertThrowsError(try g.run(.selfplay, steps: 3)) { e in
            XCTAssertTrue("\(e)".contains("3 steps from step 3 would pass total_steps 5"), "\(e)")
        }
        XCTAssertEqual(g.step, 3, "nothing ran")
        try g.run(.selfplay, steps: 2)
        let rollout = try g.play(4)
        XCTAssertThrowsError(try g.train(on: rollout)) { XCTAssertTrue("\($0)".contains("step 5 is past total_steps 5"), "\($0)") }
    }

    func testPPOClipNeverEngagesWithOneMinibatch() throws {
        // A large rate makes the policy move a lot per step; with one minibatch the only optimizer
        // step still starts where the tokens were sampled, so every ratio is exactly 1.
        let one = try GameFixture.game(games: 16) { $0.rl.learningRate = 0.5; $0.rl.removeTies = false }
        try one.run(.selfplay, steps: 6)
        XCTAssertEqual(one.history.map { $0["clip_fraction"] ?? nil }, [Double?](repeating: 0, count: 6))
        let four = try GameFixture.game(games: 16) { $0.rl.learningRate = 0.5; $0.rl.removeTies = false; $0.rl.minibatches = 4 }
        try four.run(.selfplay, steps: 6)
        let clipped = four.history.compactMap { $0["clip_fraction"] ?? nil }
        XCTAssertGreaterThan(clipped.max() ?? 0, 0, "from the second minibatch on, ratios move and clipping engages: \(clipped)")
    }
}
