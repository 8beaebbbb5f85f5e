import XCTest
@testable import Runtime

final class ProgressReporterTests: XCTestCase {
    /// A clock that advances by a fixed step each time it is read.
    final class FakeClock {
        var now: UInt64 = 0
        let step: UInt64
        init(step: UInt64) { self.step = step }
        func read() -> UInt64 { now += step; return now }
    }

    func testLinesEveryTenthThenSummary() {
        var text = ""
        let clock = FakeClock(step: 50_000_000)  // each reading 50 ms later: 20 steps/s
        let progress = ProgressReporter(label: "fit", total: 20, style: .lines, write: { text += $0 }, clock: clock.read)
        for step in 1...20 { progress.update(step: step, metrics: [("loss", 1 / Double(step))]) }
        progress.finish()
        progress.finish()  // a second finish does nothing
        XCTAssertEqual(text, """
            fit: 2/20 (10%)  20 steps/s  eta 900ms  loss 0.5
            fit: 4/20 (20%)  20 steps/s  eta 800ms  loss 0.25
            fit: 6/20 (30%)  20 steps/s  eta 700ms  loss 0.1667
            fit: 8/20 (40%)  20 steps/s  eta 600ms  loss 0.125
            fit: 10/20 (50%)  20 steps/s  eta 500ms  loss 0.1
            fit: 12/20 (60%)  20 steps/s  eta 400ms  loss 0.08333
            fit: 14/20 (70%)  20 steps/s  eta 300ms  loss 0.07143
            fit: 16/20 (80%)  20 steps/s  eta 200ms  loss 0.0625
            fit: 18/20 (90%)  20 steps/s  eta 100ms  loss 0.05556
            fit: done 20/20 in 1.1s (19 steps/s)  loss 0.05

            """)
    }

    func testLinesByTimeWhenTotalIsUnknown() {
        var lines: [String] = []
        let clock = FakeClock(step: 4_000_000_000)  // slow steps: 4 s each, a line every 10 s at most
        let progress = ProgressReporter(label: "games", total: nil, style: .lines, write: { lines.append($0) }, clock: clock.read)
        for step in 1...5 { progress.update(step: step) }
        progress.finish(metrics: [("asr", 0.25)])
        XCTAssertEqual(lines, [
            "games: step 3  4 s/step\n",
            "games: done 5 steps in 24s (4.8 s/step)  asr 0.25\n",
        ])
    }

    func testBarRedrawsInPlace() {
        var text = ""
        let clock = FakeClock(step: 200_000_000)
        let progress = ProgressReporter(label: "fit", total: 4, style: .bar, write: { text += $0 }, clock: clock.read)
        progress.barWidth = 8
        for step in 1...4 { progress.update(step: step, metrics: [("loss", Double(5 - step))]) }
        progress.finish()
        let frames = text.components(separatedBy: "\r").filter { !$0.isEmpty }
        XCTAssertEqual(frames.first, "fit [██░░░░░░]  1/4  5 steps/s  eta 600ms  loss 4")
        // The last frame is shorter than the one before, so blanks clear the leftover "eta" text.
        XCTAssertEqual(frames[3], "fit [████████]  4/4  5 steps/s  loss 1" + String(repeating: " ", count: 11))
        XCTAssertEqual(frames.count, 5)
        XCTAssertTrue(text.hasSuffix("\rfit: done 4/4 in 1s (4 steps/s)  loss 1\n"), text)
        XCTAssertFalse(text.dropLast().contains("\n"), "the bar stays on one line until it finishes")
    }

    func testTheBarIsClippedToTheTerminalWidth() {
        // A self-play line holds six metrics (~190 columns): unclipped it wraps in 80 or 150 columns,
        // and every redraw then leaves a copy of the wrapped part behind.
        for width in [80, 150] {
            var text = ""
            let clock = FakeClock(step: 200_000_000)
            let progress = ProgressReporter(label: "self-play", total: 100, style: .bar, write: { text += $0 }, clock: clock.read,
                                            columns: { width })
            let metrics = ["attack_success", "harmful_refusal", "benign_over_refusal", "reward_attacker", "reward_defender", "kl"]
            for step in 1...30 { progress.update(step: step, metrics: metrics.map { ($0, 0.123456 * Double(step)) }) }
            let frames = text.components(separatedBy: "\r").filter { !$0.isEmpty }
            XCTAssertEqual(frames.count, 30)
            for f in frames {
                XCTAssertLessThanOrEqual(f.count, width - 1, "\(width) columns: \(f)")
                XCTAssertTrue(f.hasPrefix("self-play ["), f)
            }
            XCTAssertTrue(frames[5].hasSuffix("…"), "a clipped line says it was cut: \(frames[5])")
            XCTAssertFalse(text.contains("\n"), "the bar stays on one line")
        }
        // A narrow terminal after a resize: the blanks that clear the old line stop at the edge.
        var text = "", width = 150
        let progress = ProgressReporter(label: "fit", total: 10, style: .bar, write: { text += $0 }, clock: FakeClock(step: 200_000_000).read,
                                        columns: { width })
        progress.update(step: 1, metrics: [("loss", 1.5), ("accuracy", 0.25), ("perplexity", 4.5), ("grad_norm", 0.75)])
        width = 40
        progress.update(step: 2, metrics: [("loss", 1.25)])
        let last = text.components(separatedBy: "\r").last ?? ""
        XCTAssertEqual(last.count, 39, last)
    }

    func testStoppedWorkDoesNotSayDone() {
        var text = ""
        let progress = ProgressReporter(label: "fit", total: 100, style: .bar, write: { text += $0 },
                                        clock: FakeClock(step: 100_000_000).read, columns: { 80 })
        for step in 1...4 { progress.update(step: step, metrics: [("loss", 2)]) }
        progress.finish(stopped: true)
        XCTAssertFalse(text.contains("done"), text)
        XCTAssertTrue(text.hasSuffix("\rfit: stopped at 4/100 after 500ms (8 steps/s)  loss 2" + String(repeating: " ", count: 14) + "\n"), text)
        var lines = ""
        let plain = ProgressReporter(label: "fit", total: 100, style: .lines, write: { lines += $0 }, clock: FakeClock(step: 100_000_000).read)
        plain.update(step: 1)
        plain.finish(stopped: true)
        XCTAssertEqual(lines, "fit: stopped at 1/100 after 200ms (5 steps/s)\n")
    }

    func testOffWritesNothing() {
        var text = ""
        let progress = ProgressReporter(label: "x", total: 3, style: .off, write: { text += $0 })
        for step in 1...3 { progress.update(step: step) }
        progress.finish()
        XCTAssertEqual(text, "")
    }

    func testScriptProgressValue() {
        var out = "", err = ""
        let status = Session(out: { out += $0 }, err: { err += $0 }).run(source: """
            let p = progress(3, label: "loop")
            print(p)
            for i in 0..<3 { p.update(i + 1, loss: 1) }
            p.finish()
            p.update(1, loss: "x")
            """, path: "t.spar")
        XCTAssertEqual(out, "<progress \"loop\" of 3>\n")
        XCTAssertEqual(status, .runtimeError)
        XCTAssertTrue(err.contains("metric 'loss' must be a number, not string"), err)
    }
}
