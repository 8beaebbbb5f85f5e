import Foundation
import XCTest

/// Ctrl-C (SIGINT) with piped input: it stops a running evaluation and the REPL reads on with its
/// variables intact; while the REPL waits for input there is no line to clear, so it ends (130).
/// The same on a terminal is tested through tmux in `REPLTerminalTests`.
final class REPLInterruptTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("spar-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Starts the REPL with stdin from `input` and stdout/stderr into files.
    private func startREPL(input: Any) throws -> (process: Process, stdout: URL, stderr: URL) {
        let stdout = directory.appendingPathComponent("stdout"), stderr = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let process = Process()
        process.executableURL = try SparBinary.require()
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return (process, stdout, stderr)
    }

    private func waitForExit(_ process: Process, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        return !process.isRunning
    }

    /// Gives the REPL time to start and enter its loop, then presses Ctrl-C until it has read the
    /// rest of its input and exited; repeated in case a press came too early (only possible on a
    /// badly overloaded machine).
    private func interruptUntilExit(_ process: Process, _ failure: String) {
        Thread.sleep(forTimeInterval: 1)
        for _ in 0..<5 where process.isRunning {
            process.interrupt()
            if waitForExit(process, timeout: 3) { break }
        }
        if process.isRunning {
            process.terminate()
            XCTFail(failure)
        }
        process.waitUntilExit()
    }

    func testSigintStopsAnInfiniteLoopAndTheSessionGoesOn() throws {
        let inputURL = directory.appendingPathComponent("stdin")
        try Data("var k = 5\nwhile true { k += 0 }\nk * 2\n".utf8).write(to: inputURL)
        let (process, stdout, stderr) = try startREPL(input: try FileHandle(forReadingFrom: inputURL))
        interruptUntilExit(process, "SIGINT did not stop `while true {}`")
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(try String(contentsOf: stdout, encoding: .utf8), "10\n", "k survived the interrupt")
        XCTAssertTrue(try String(contentsOf: stderr, encoding: .utf8).contains("interrupted"))
    }

    /// The same inside a function the numeric VM runs: its loop checks for Ctrl-C like the tree
    /// interpreter's loops, and the trace names the function.
    func testSigintStopsANumericFunctionInTheVM() throws {
        let inputURL = directory.appendingPathComponent("stdin")
        try Data("var k = 5\nfn spin(n) { while true { n += 1 }; n }\nspin(1)\nk * 2\n".utf8).write(to: inputURL)
        let (process, stdout, stderr) = try startREPL(input: try FileHandle(forReadingFrom: inputURL))
        interruptUntilExit(process, "SIGINT did not stop a numeric function's endless loop")
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(try String(contentsOf: stdout, encoding: .utf8), "10\n")
        let err = try String(contentsOf: stderr, encoding: .utf8)
        XCTAssertTrue(err.contains("interrupted") && err.contains("spin"), err)
    }

    func testSigintWhileWaitingForPipedInputEndsWith130() throws {
        let pipe = Pipe()
        let (process, stdout, _) = try startREPL(input: pipe)
        pipe.fileHandleForWriting.write(Data("6 * 7\n".utf8))
        let deadline = Date().addingTimeInterval(10)
        while (try? String(contentsOf: stdout, encoding: .utf8)) != "42\n" && Date() < deadline { usleep(10_000) }
        XCTAssertEqual(try String(contentsOf: stdout, encoding: .utf8), "42\n")
        // "42" is printed just before the evaluation ends; a SIGINT landing in that instant only
        // interrupts the finished evaluation, so it is repeated until the idle REPL receives one.
        for _ in 0..<20 where process.isRunning {
            process.interrupt()
            _ = waitForExit(process, timeout: 0.5)
        }
        if process.isRunning {
            process.terminate()
            XCTFail("SIGINT did not end a REPL waiting for piped input")
        }
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        try? pipe.fileHandleForWriting.close()
    }
}
