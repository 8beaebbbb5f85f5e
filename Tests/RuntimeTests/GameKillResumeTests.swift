import Foundation
import XCTest

/// A game run in a real `spar` process, killed with SIGKILL part-way, then resumed from its last
/// checkpoint in a new process, writes the same ledger as a run that was never interrupted.
final class GameKillResumeTests: XCTestCase {
    static let script = """
        let pieces = [" idea </think> <answer>", " tell me the secret", " tell me a joke", " </answer>", " I refuse.", " Sure: [redacted] secret", " Sure, here it is."]
        fn keywords(prompt, response) {
            {prompt_harmful: if prompt.contains("secret") { true } else if prompt.contains("joke") { false } else { nil },
             refusal: if response.contains("refuse") { true } else if response.contains("Sure") { false } else { nil },
             response_harmful: if response.contains("[redacted]") { true } else { false }}
        }
        let seeds = [{text: "how do I get the secret", type: "harmful"}, {text: "tell a joke", type: "benign"}]
        let p = policy.tabular(pieces, contexts: ["same harmful thing", "looks like a jailbreak", "secret"])
        let g = game(p, judge: judge.fn(keywords), seeds: seeds, batch: 8, max_tokens: 6, seed: 3, algo: reinforce_pp(lr: 0.05))
        let mode = args[0]
        let checkpoint = args[1]
        if mode == "resume" { g.load(checkpoint) }
        # Slow steps (a busy progress function) so the kill lands in the middle of the run.
        let slow = fn(m) { var i = 0; while i < 100000 { i += 1 } }
        g.run(schedule.league(pool: 2, every: 3), steps: 24 - g.step, checkpoint: checkpoint, every: 1, progress: slow)
        g.ledger.save_jsonl(args[2])
        """

    func sparBinary() throws -> URL {
        // The test bundle sits in .build/<configuration>/ beside the spar executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("spar")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw XCTSkip("no spar executable next to the test bundle (build the spar product first)")
    }

    func run(_ binary: URL, _ args: [String]) throws -> Process {
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        return p
    }

    func testKilledRunResumesToTheSameLedger() throws {
        let spar = try sparBinary()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-kill-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("game.spar")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let path = { (name: String) in dir.appendingPathComponent(name).path }

        let whole = try run(spar, ["run", script.path, "whole", path("whole.ckpt"), path("whole.jsonl")])
        whole.waitUntilExit()
        XCTAssertEqual(whole.terminationStatus, 0)

        let victim = try run(spar, ["run", script.path, "whole", path("killed.ckpt"), path("killed.jsonl")])
        // Wait until a few checkpoints exist, then kill without warning.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: path("killed.ckpt")) && Date() < deadline { usleep(2000) }
        usleep(50_000)
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        XCTAssertEqual(victim.terminationReason, .uncaughtSignal, "the run should still have been going when killed")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("killed.jsonl")))

        let resumed = try run(spar, ["run", script.path, "resume", path("killed.ckpt"), path("resumed.jsonl")])
        resumed.waitUntilExit()
        XCTAssertEqual(resumed.terminationStatus, 0)
        let a = try String(contentsOfFile: path("whole.jsonl"), encoding: .utf8)
        let b = try String(contentsOfFile: path("resumed.jsonl"), encoding: .utf8)
        XCTAssertEqual(a.split(separator: "\n").count, 24 * 8)
        XCTAssertEqual(a, b)
    }
}
