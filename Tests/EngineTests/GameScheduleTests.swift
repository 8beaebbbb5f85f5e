import XCTest
@testable import Engine

/// How schedules count steps (the game's at the top, each part's own inside `sequence`), league
/// pools as opponents of the one-role schedules, and frozen opponents shared instead of copied.
final class GameScheduleTests: XCTestCase {
    func trainedRoles(_ s: Schedule, steps: Int, game g: Game) throws -> [Set<RoleKind>] {
        var rng = SeededRandom(seed: 0)
        return try (0..<steps).map { step in try s.matches(step: step, game: g, rng: &rng).flatMap(\.train).reduce(into: Set()) { $0.insert($1) } }
    }

    func testPartsOfASequenceCountFromTheirOwnStart() throws {
        let g = try GameFixture.game()
        // The alternate part starts at game step 3 with the attacker, as if it were step 0.
        let s = Schedule.sequence([(.selfplay, 3), (.alternate(every: 2), 1)])
        XCTAssertEqual(try trainedRoles(s, steps: 8, game: g),
                       [[.attacker, .defender], [.attacker, .defender], [.attacker, .defender],
                        [.attacker], [.attacker], [.defender], [.defender], [.attacker]])
        // A custom part sees the part's steps too, and nested sequences count from their own part.
        var seen: [Int] = []
        let custom = Schedule.custom(name: "probe") { step in seen.append(step); return .selfplay }
        _ = try trainedRoles(.sequence([(.selfplay, 2), (.sequence([(.selfplay, 1), (custom, 1)]), 1)]), steps: 6, game: g)
        XCTAssertEqual(seen, [0, 1, 2])
    }

    func testAContinuedRunSeesTheGamesStepNotTheRuns() throws {
        let g = try GameFixture.game()
        var seen: [Int] = []
        let probe = Schedule.custom(name: "probe") { step in seen.append(step); return .selfplay }
        try g.run(probe, steps: 3)
        try g.run(probe, steps: 3)
        XCTAssertEqual(seen, [0, 1, 2, 3, 4, 5], "the second run goes on from the game's step")
        try g.run(.sequence([(.selfplay, 1), (probe, 1)]), steps: 2)
        XCTAssertEqual(seen.suffix(2), [5, 6], "the sequence sees game steps 6, 7; its second part began at step 1, so it sees 5, 6")
    }

    func testLeaguePoolsCombineWithTheOneRoleSchedules() throws {
        let pool = PolicyRef.league(pool: 2, every: 2)
        let a = try GameFixture.game { $0.rl.removeTies = false }
        try a.run(.attackerOnly(vs: pool), steps: 5)
        XCTAssertEqual(a.leaguePool, ["league@2", "league@4"])
        XCTAssertTrue(a.history.allSatisfy { ($0["samples"] ?? 0) ?? 0 > 0 })
        XCTAssertEqual(try trainedRoles(.attackerOnly(vs: pool), steps: 1, game: a), [[.attacker]])

        let d = try GameFixture.game { $0.rl.removeTies = false; $0.directShare = 0 }
        try d.run(.defenderOnly(vs: .policy(pool)), steps: 3)
        XCTAssertEqual(d.leaguePool, ["league@0", "league@2"])
        var rng = SeededRandom(seed: 1)
        let m = try Schedule.defenderOnly(vs: .policy(pool)).matches(step: 1, game: d, rng: &rng)
        guard case .policy(.snapshot(let name)) = m[0].attacker else { return XCTFail("a pool member attacks: \(m[0].attacker)") }
        XCTAssertTrue(d.leaguePool.contains(name))
        XCTAssertEqual(m[0].train, [.defender])

        // The pool survives a checkpoint like the league schedule's.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spar-pool-\(getpid()).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try a.saveCheckpoint(to: path)
        let back = try GameFixture.game { $0.rl.removeTies = false }
        try back.loadCheckpoint(from: path)
        XCTAssertEqual(back.leaguePool, a.leaguePool)

        XCTAssertThrowsError(try a.run(.attackerOnly(vs: .league(pool: 0, every: 1)), steps: 1)) {
            XCTAssertTrue("\($0)".contains("pool must be at least 1"), "\($0)")
        }
        XCTAssertThrowsError(try a.evaluate(attacker: .policy(pool), defender: .live, games: 2)) {
            XCTAssertTrue("\($0)".contains("drawn by a schedule"), "\($0)")
        }
    }

    func testSnapshotsOfFrozenModelsShareTheirWeights() throws {
        let tok = ByteTokenizer()
        let model = try LlamaModel(config: LlamaConfig(vocabularySize: tok.vocabularySize, context: 32, layers: 1, width: 16, heads: 2),
                                   tokenizer: tok, seed: 1)
        let frozen = model.snapshot()
        XCTAssertFalse(frozen.weights === model.weights, "a trainable model's snapshot is a copy")
        XCTAssertTrue(frozen.snapshot().weights === frozen.weights, "a frozen model's snapshot shares the weights")
        let policy = LanguageModelPolicy(model: frozen)
        for _ in 0..<100 {
            guard let again = (try policy.snapshot() as? LanguageModelPolicy)?.model as? LlamaModel else {
                return XCTFail("a Llama policy's snapshot holds a Llama model")
            }
            XCTAssertTrue(again.weights === frozen.weights)
        }
        XCTAssertFalse(try LanguageModelPolicy(model: model).snapshot().canTrain)
        XCTAssertEqual(try frozen.snapshot().weight(named: "model.embed_tokens.weight").scalars, try model.weight(named: "model.embed_tokens.weight").scalars)
    }
}
