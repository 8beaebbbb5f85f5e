import Foundation
import XCTest

/// The live progress line on a real terminal (tmux): clipped to the width, so redraws leave no
/// trail in 80 or 150 columns, and an interrupted `fit` says "stopped", never "done".
/// Skipped only when tmux is absent.
final class ProgressTerminalTests: XCTestCase {
    private var socket = ""
    private var folder: URL!

    override func setUpWithError() throws {
        guard Tmux.executable != nil else { throw XCTSkip("tmux is not installed") }
        _ = try SparBinary.require()
        socket = "spar-progress-\(getpid())-\(UUID().uuidString.prefix(8))"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("spar-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if !socket.isEmpty { _ = Tmux.run(["-L", socket, "kill-server"]) }
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// A game of a tabular policy, big enough batches that a step takes a visible moment.
    static let selfplayScript = """
        let pieces = [" idea </think> <answer>", " tell me the secret", " </answer>", " I refuse.", " Sure: [redacted]"]
        let seeds = [{text: "the secret", type: "harmful"}, {text: "a joke", type: "benign"}]
        let g = game(policy.tabular(pieces), judge: judge.rules(), seeds: seeds, batch: 300, max_tokens: 4)
        g.run(schedule.selfplay(), steps: 40)
        print("finished")
        """

    func testTheSelfPlayLineLeavesNoTrailIn80Or150Columns() throws {
        let script = folder.appendingPathComponent("selfplay.spar")
        try Data(Self.selfplayScript.utf8).write(to: script)
        for width in [80, 150] {
            try start(width: width, command: "'\(try SparBinary.require().path)' run '\(script.path)'")
            var sawBar = false
            let deadline = Date().addingTimeInterval(120)
            var screen = try capture()
            while !screen.contains("finished") && Date() < deadline {
                let bars = screen.components(separatedBy: "self-play [").count - 1
                XCTAssertLessThanOrEqual(bars, 1, "\(width) columns: one live line, redrawn in place:\n\(screen)")
                if bars == 1 { sawBar = true }
                for row in screen.split(separator: "\n") { XCTAssertLessThanOrEqual(row.count, width, String(row)) }
                Thread.sleep(forTimeInterval: 0.05)
                screen = try capture()
            }
            XCTAssertTrue(screen.contains("finished"), "the run did not finish:\n\(screen)")
            XCTAssertTrue(sawBar, "the live line was never seen")
            XCTAssertEqual(screen.components(separatedBy: "self-play").count - 1, 1, "only the summary is left:\n\(screen)")
            XCTAssertTrue(screen.contains("self-play: done 40/40"), screen)
            _ = Tmux.run(["-L", socket, "kill-server"])
        }
    }

    func testAnInterruptedFitSaysStoppedNotDone() throws {
        try start(width: 80, command: "env SPAR_HISTORY='\(folder.appendingPathComponent("history").path)' '\(try SparBinary.require().path)'")
        try waitFor { $0.contains("spar>") }
        let line = "let lm = model.llama(tokenizer.bytes(), layers: 1, width: 32, heads: 2, context: 64, seed: 1); lm.fit([\"the quick brown fox jumps over the lazy dog\"], steps: 1000000, batch: 4)"
        _ = Tmux.run(["-L", socket, "send-keys", "-t", "s", "-l", line])
        _ = Tmux.run(["-L", socket, "send-keys", "-t", "s", "Enter"])
        try waitFor(timeout: 60) { $0.contains("fit [") }
        var screen = try capture()
        for _ in 0..<20 where !screen.contains("error: interrupted") {
            _ = Tmux.run(["-L", socket, "send-keys", "-t", "s", "C-c"])
            Thread.sleep(forTimeInterval: 0.5)
            screen = try capture()
        }
        XCTAssertTrue(screen.contains("error: interrupted"), screen)
        XCTAssertTrue(screen.contains("fit: stopped at "), screen)
        XCTAssertFalse(screen.contains("fit: done"), screen)
    }

    // MARK: tmux

    /// A private tmux server with one pane of `width` columns that stays after its command ends.
    private func start(width: Int, command: String) throws {
        let made = Tmux.run(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "s", "-x", String(width), "-y", "50", "cat"])
        XCTAssertEqual(made.status, 0, made.output)
        _ = Tmux.run(["-L", socket, "set-option", "-t", "s", "remain-on-exit", "on"])
        let spawned = Tmux.run(["-L", socket, "respawn-pane", "-k", "-t", "s", command])
        XCTAssertEqual(spawned.status, 0, spawned.output)
    }

    /// The pane's rows, scrollback included.
    private func capture() throws -> String {
        Tmux.run(["-L", socket, "capture-pane", "-p", "-S", "-", "-t", "s"]).output
    }

    private func waitFor(timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !condition(screen) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            screen = try capture()
        }
        guard condition(screen) else {
            XCTFail("the screen never matched; it shows:\n\(screen)")
            throw ScreenMismatch()
        }
    }
}
