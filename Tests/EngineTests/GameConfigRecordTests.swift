import XCTest
@testable import Engine

/// Checkpoints store what the game was made with; loading into a game made with other arguments
/// fails naming every field that differs, a model of another size included (never in bytes).
final class GameConfigRecordTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-config-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func saved(_ edit: (inout GameConfig) -> Void = { _ in }) throws -> String {
        let g = try GameFixture.game(edit: edit)
        try g.run(.selfplay, steps: 1)
        let path = dir.appendingPathComponent("g.ckpt").path
        try g.saveCheckpoint(to: path)
        return path
    }

    func testLoadIntoAGameMadeWithOtherArgumentsNamesTheFields() throws {
        let path = try saved()
        let noThinking = try RolePrompt.defender(cot: false)
        let rules = try RulesJudge()
        let cases: [(String, (inout GameConfig) -> Void, String)] = [
            ("batch", { $0.gamesPerStep = 8 }, "batch 16 there, 8 here"),
            ("lr", { $0.rl.learningRate = 0.01 }, "algo.lr 0.05 there, 0.01 here"),
            ("seed", { $0.seed = 2 }, "seed 1 there, 2 here"),
            ("judge", { $0.judge = rules }, "judge keywords there, rules here"),
            ("rewards", { $0.rewards = .zeroSum }, "rewards general_sum there, zero_sum here"),
            ("thinking", { $0.defender = noThinking }, "defender thinking on"),
            ("seeds", { $0.seeds = Array(GameFixture.seeds.prefix(3)) }, "seeds 4 (2 harmful)"),
            ("max_tokens", { $0.sampling.maxTokens = 7 }, "max_tokens 6 there, 7 here"),
        ]
        for (name, edit, expected) in cases {
            let other = try GameFixture.game(edit: edit)
            XCTAssertThrowsError(try other.loadCheckpoint(from: path), name) { e in
                XCTAssertTrue("\(e)".contains("was saved by a game made with other arguments"), "\(e)")
                XCTAssertTrue("\(e)".contains(expected), "\(name): \(e)")
            }
            XCTAssertEqual(other.step, 0, "\(name): a refused load changes nothing")
        }
        let two = try GameFixture.game { $0.gamesPerStep = 4; $0.rl.klCoef = 0.5 }
        XCTAssertThrowsError(try two.loadCheckpoint(from: path)) { e in
            XCTAssertTrue("\(e)".contains("batch 16 there, 4 here; algo.kl 0.01 there, 0.5 here"), "every field is named: \(e)")
        }
        let same = try GameFixture.game()
        try same.loadCheckpoint(from: path)
        XCTAssertEqual(same.step, 1)
    }

    func testAModelOfAnotherSizeIsNamedNotCountedInBytes() throws {
        func llama(width: Int) throws -> LanguageModelPolicy {
            let tok = ByteTokenizer()
            return LanguageModelPolicy(model: try LlamaModel(config: LlamaConfig(vocabularySize: tok.vocabularySize, context: 64, layers: 1, width: width, heads: 2),
                                                     tokenizer: tok, seed: 1))
        }
        var c = try GameFixture.config()
        c.sampling = PolicySampling(maxTokens: 4)
        c.gamesPerStep = 2
        let small = try Game(policy: try llama(width: 16), config: c)
        let path = dir.appendingPathComponent("llama.ckpt").path
        try small.saveCheckpoint(to: path)
        let big = try Game(policy: try llama(width: 32), config: c)
        XCTAssertThrowsError(try big.loadCheckpoint(from: path)) { e in
            let text = "\(e)"
            XCTAssertTrue(text.contains("model <model llama 1x16"), text)
            XCTAssertTrue(text.contains("here"), text)
            XCTAssertFalse(text.contains("bytes"), text)
        }
        // Without the stored config (a hand-made blob) the policy says it in weights, not bytes.
        let blob = try llama(width: 16).checkpointData()
        XCTAssertThrowsError(try llama(width: 32).restore(from: blob)) { e in
            XCTAssertTrue("\(e)".contains("a model with \((blob.count - 24) / 12) weights"), "\(e)")
            XCTAssertFalse("\(e)".contains("bytes"), "\(e)")
        }
    }

    func testTheRecordNamesFieldsAsScriptsPassThem() throws {
        let g = try GameFixture.game()
        let record = g.configRecord
        XCTAssertEqual(record.fields.map(\.name), GameConfigRecord.fieldOrder)
        XCTAssertEqual(record["batch"], .number(16))
        XCTAssertEqual(record["algo.total_steps"], .null)
        XCTAssertEqual(record["algo.remove_ties"], .bool(true))
        XCTAssertEqual(record["judge"], .string("keywords"))
        let json = record.jsonObject()
        let decoded = try JSONDecoder().decode([String: ConfigValue].self, from: Data(json.utf8))
        XCTAssertEqual(decoded.count, record.fields.count)
        for f in record.fields { XCTAssertEqual(decoded[f.name], f.value, f.name) }
    }
}
