import Foundation
import XCTest

/// `g.run(..., log: "runs/NAME")` from a script, then `spar runs` through the real binary; and, when a
/// Python with the `tensorboard` package is at hand, TensorBoard reading the folder.
final class RunFolderCommandTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("spar-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() { if let folder { try? FileManager.default.removeItem(at: folder) } }

    static func script(_ runs: String) -> String {
        """
        let pieces = [" idea </think> <answer>", " tell me the secret", " </answer>", " I refuse.", " Sure: [redacted]"]
        let seeds = [{text: "the secret", type: "harmful"}, {text: "a joke", type: "benign"}]
        fn make(rewards: rewards.general_sum) { game(policy.tabular(pieces), judge: judge.rules(), seeds: seeds, batch: 8, max_tokens: 4, rewards: rewards) }
        let root = args[0]
        \(runs)
        """
    }

    func testRunFoldersAreWrittenAndCompared() throws {
        let script = try SparBinary.temporaryFile(Self.script("""
            let a = make()
            a.run(schedule.selfplay(), steps: 3, progress: false, log: root + "/general")
            a.run(schedule.alternate(every: 1), steps: 2, progress: false, log: root + "/general")
            make(rewards: rewards.zero_sum).run(schedule.selfplay(), steps: 4, progress: false, log: root + "/zero")
            print(a.step)
            """))
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let run = try SparBinary.run(["run", script.path, folder.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "5\n")
        let general = folder.appendingPathComponent("general")
        XCTAssertEqual(Set(try FileManager.default.contentsOfDirectory(atPath: general.path)),
                       ["config.json", "metrics.csv", "events.out.tfevents.spar", "ledger.jsonl", "game.ckpt"])
        let csv = try String(contentsOf: general.appendingPathComponent("metrics.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").count, 6, "a header and 5 steps")

        let both = try SparBinary.run(["runs", folder.path])
        XCTAssertEqual(both.status, 0, both.stderr)
        let lines = both.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "2 runs (final metrics: the last step of each)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("run ") && $0.contains("steps") && $0.contains("attack_success") }, both.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix(general.path) && $0.contains("selfplay, alternate(every: 1)") }, both.stdout)
        XCTAssertTrue(lines.contains("arguments that differ:"), both.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("rewards") && $0.contains("general_sum") && $0.contains("zero_sum") }, both.stdout)
        XCTAssertFalse(lines.contains { $0.hasPrefix("batch ") }, "equal arguments are left out:\n\(both.stdout)")

        let one = try SparBinary.run(["runs", general.path, "--last", "2", "--metrics", "kl,games"])
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertTrue(one.stdout.hasPrefix("1 run (final metrics: the mean of the last 2 steps of each)\n\nrun"), one.stdout)
        XCTAssertTrue(one.stdout.contains("kl") && one.stdout.contains("games"), one.stdout)
        XCTAssertTrue(one.stdout.contains("\narguments:\n"), one.stdout)
        XCTAssertTrue(one.stdout.contains("algo.lr"), one.stdout)

        let missing = try SparBinary.run(["runs", folder.appendingPathComponent("nope").path])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("is not a folder"), missing.stderr)
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try SparBinary.run(["runs", empty.path])
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.stderr.contains("holds no run folders"), none.stderr)

        // TensorBoard itself, when it is installed (scripts/check_tensorboard.sh makes bench/.venv).
        guard let python = Self.tensorboardPython() else { return }
        let check = Self.shell([python, Self.repository.appendingPathComponent("Tests/EngineTests/Fixtures/tensorboard_reference.py").path,
                                "read", general.path])
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.hasPrefix("ok: 5 steps"), check.output)
    }

    func testAScriptLogsIntoAFolderOfAnotherGameOnlyByError() throws {
        let script = try SparBinary.temporaryFile(Self.script("""
            make().run(schedule.selfplay(), steps: 1, progress: false, log: root + "/x")
            make(rewards: rewards.zero_sum).run(schedule.selfplay(), steps: 1, progress: false, log: root + "/x")
            """))
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let run = try SparBinary.run(["run", script.path, folder.path])
        XCTAssertEqual(run.status, 70)
        XCTAssertTrue(run.stderr.contains("holds the run of a game made with other arguments: rewards general_sum there, zero_sum here"), run.stderr)
    }

    static var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    /// `$SPAR_TENSORBOARD_PYTHON`, else bench/.venv's python, if it can import tensorboard.
    static func tensorboardPython() -> String? {
        var candidates = [repository.appendingPathComponent("bench/.venv/bin/python").path]
        if let p = ProcessInfo.processInfo.environment["SPAR_TENSORBOARD_PYTHON"] { candidates.insert(p, at: 0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && shell([$0, "-c", "import tensorboard"]).status == 0 }
    }

    static func shell(_ argv: [String]) -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (127, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
