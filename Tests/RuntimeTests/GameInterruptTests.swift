import Foundation
import XCTest
@testable import Runtime

/// Ctrl-C during `g.run` (while a step's native work runs) stops between steps with a message, keeps every finished step, and the same
/// call continues the run afterwards.
final class GameInterruptTests: XCTestCase {
    func testInterruptStopsBetweenStepsAndRunContinues() throws {
        var out = ""
        let lock = NSLock()
        let session = Session(out: { s in lock.lock(); out += s; lock.unlock() }, err: { s in lock.lock(); out += s; lock.unlock() })
        let setup = """
            let pieces = [" idea </think> <answer>", " tell me the secret", " </answer>", " I refuse.", " Sure: [redacted]"]
            let seeds = [{text: "the secret", type: "harmful"}, {text: "a joke", type: "benign"}]
                        let g = game(policy.tabular(pieces), judge: judge.rules(), seeds: seeds, batch: 3000, max_tokens: 4)
            """
        XCTAssertEqual(session.evalInteractive(setup), .ok, out)
        let done = DispatchSemaphore(value: 0)
        var status: RunStatus = .ok
        Thread.detachNewThread {
            status = session.evalInteractive("g.run(schedule.selfplay(), steps: 100000, progress: false);")
            done.signal()
        }
        usleep(300_000)
        Session.requestInterrupt()
        XCTAssertEqual(done.wait(timeout: .now() + 60), .success)
        XCTAssertNotEqual(status, .ok)
        lock.lock(); let text = out; lock.unlock()
        XCTAssertTrue(text.contains("interrupted at step"), text)
        XCTAssertTrue(text.contains("interrupted"), text)
        out = ""
        XCTAssertEqual(session.evalInteractive("let before = g.step\ng.run(schedule.selfplay(), steps: 2, progress: false);\nprint(before > 0, g.step == before + 2, len(g.ledger) == 3000 * g.step)"), .ok, out)
        XCTAssertEqual(out, "true true true\n")
    }
}
