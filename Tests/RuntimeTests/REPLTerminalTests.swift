import Foundation
import XCTest

/// Drives the real `spar` REPL on a pseudo-terminal through tmux: tab completion, history across
/// restarts, Ctrl-C during an evaluation and at the prompt, Ctrl-D. Skipped only when tmux is absent.
final class REPLTerminalTests: XCTestCase {
    /// A private tmux server (its own socket), so the test never touches anyone else's sessions.
    private var socket = ""
    private var historyFile: URL!

    override func setUpWithError() throws {
        guard let tmux = Tmux.executable else { throw XCTSkip("tmux is not installed") }
        _ = tmux
        _ = try SparBinary.require()
        socket = "spar-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        historyFile = FileManager.default.temporaryDirectory.appendingPathComponent("spar-history-\(UUID().uuidString)")
    }

    override func tearDown() {
        if !socket.isEmpty { _ = Tmux.run(["-L", socket, "kill-server"]) }
        if let historyFile { try? FileManager.default.removeItem(at: historyFile) }
    }

    // MARK: the tests

    func testTabCompletesNamesMembersAndCommands() throws {
        try start()
        try type("let numbers = [3, 1, 2]", enter: true)
        try waitForPrompt(count: 2)
        try keys("numb", "Tab")
        try waitForScreen { $0.lastPromptLine == "spar> numbers" }
        try keys(".pu", "Tab")
        try waitForScreen { $0.lastPromptLine == "spar> numbers.push" }
        try keys("(4)", "Enter")
        try keys(":he", "Tab")
        try waitForScreen { $0.lastPromptLine == "spar> :help" }
        try keys("C-u", "numbers", "Enter")
        try waitForScreen { $0.lines.contains("[3, 1, 2, 4]") }
    }

    func testHistoryIsRecalledAfterARestart() throws {
        try start()
        try type("let remembered = 42", enter: true)
        try waitForPrompt(count: 2)
        try type(":quit", enter: true)
        try waitUntilExited()
        let saved = try String(contentsOf: historyFile, encoding: .utf8)
        XCTAssertTrue(saved.contains("remembered"), "history file: \(saved)")

        try start()
        try keys("Up")
        try waitForScreen { $0.lastPromptLine == "spar> :quit" }
        try keys("Up")
        try waitForScreen { $0.lastPromptLine == "spar> let remembered = 42" }
        try keys("Enter")
        try type("remembered", enter: true)
        try waitForScreen { $0.lines.contains("42") }
    }

    func testCtrlCStopsALoopAndKeepsTheVariables() throws {
        try start()
        try type("var kept = 7", enter: true)
        try waitForPrompt(count: 2)
        try type("while true { kept += 0 }", enter: true)
        try interrupt(untilCount: 1)
        try type("while true {}", enter: true)
        try interrupt(untilCount: 2)
        try type("kept * 6", enter: true)
        try waitForScreen { $0.lines.contains("42") }
    }

    func testCtrlCAtThePromptClearsTheLine() throws {
        try start()
        try type("this is not code")
        try waitForScreen { $0.lastPromptLine == "spar> this is not code" }
        try keys("C-c")
        try waitForPrompt(count: 2)
        try type("[1,", enter: true)
        try waitForScreen { $0.lines.last == "  ..." }
        try keys("C-c")
        try waitForPrompt(count: 3)
        try type("1 + 1", enter: true)
        try waitForScreen { $0.lines.contains("2") }
        let final = try screen()
        XCTAssertFalse(final.text.contains("error"), final.text)
    }

    func testCtrlDOnAnEmptyLineExits() throws {
        try start()
        try waitForPrompt(count: 1)
        try keys("C-d")
        try waitUntilExited()
    }

    /// Issue 17: libedit read and echoed a paste one system call per byte (2 MB took 16 s on the
    /// build machine, 100 s in a terminal emulator); a paste is now inserted whole.
    func testPastingATwoMegabyteLineIsQuick() throws {
        try start()
        let text = "let pasted = \"" + String(repeating: "a", count: 2_000_000) + "\"; len(pasted)"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("spar-paste-\(UUID().uuidString)")
        try text.write(to: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertEqual(Tmux.run(["-L", socket, "load-buffer", file.path]).status, 0)
        let started = Date()
        XCTAssertEqual(Tmux.run(["-L", socket, "paste-buffer", "-t", "repl"]).status, 0)
        try keys("Enter")
        try waitForScreen(timeout: 60) { $0.lines.contains("2000000") }
        let seconds = Date().timeIntervalSince(started)
        XCTAssertLessThan(seconds, 8, "a 2 MB paste took \(seconds) s")
        // The line editor still works after it, with characters beyond ASCII.
        try type("\"naïve \u{2603}\"", enter: true)
        try waitForScreen { $0.lines.contains("\"naïve \u{2603}\"") }
    }

    /// Issue 17: `SPAR_HISTORY` naming a FIFO blocked start-up in libedit's read of it.
    func testAFIFOAsHistoryDoesNotBlockStartUp() throws {
        try? FileManager.default.removeItem(at: historyFile)
        XCTAssertEqual(mkfifo(historyFile.path, 0o600), 0)
        try start()
        try type("6 * 7", enter: true)
        try waitForScreen { $0.lines.contains("42") }
        let shown = try screen().text
        XCTAssertTrue(shown.contains("history is not saved"), shown)
        try type(":quit", enter: true)
        try waitUntilExited()
        var st = stat()
        XCTAssertEqual(stat(historyFile.path, &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO, "the FIFO is left as it was")
    }

    /// Issue 17: `SPAR_HISTORY` naming some other file overwrote it with the history.
    func testAnUnrelatedFileAsHistoryIsLeftAlone() throws {
        let precious = "notes that are not a history\nsecond line\n"
        try precious.write(to: historyFile, atomically: false, encoding: .utf8)
        try start()
        try type("let x = 1", enter: true)
        try waitForPrompt(count: 2)
        try type(":quit", enter: true)
        try waitUntilExited()
        XCTAssertEqual(try String(contentsOf: historyFile, encoding: .utf8), precious)
    }

    // MARK: driving tmux

    private func start() throws {
        let binary = try SparBinary.require()
        let command = "env SPAR_HISTORY='\(historyFile.path)' '\(binary.path)'"
        let result = Tmux.run(["-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "repl",
                               "-x", "100", "-y", "40", command])
        XCTAssertEqual(result.status, 0, result.output)
        try waitForPrompt(count: 1)
    }

    private func keys(_ keys: String...) throws {
        let result = Tmux.run(["-L", socket, "send-keys", "-t", "repl"] + keys)
        XCTAssertEqual(result.status, 0, result.output)
    }

    /// Types text literally (`-l`: no key-name lookup) and waits until it shows on the input line,
    /// then presses Enter if asked. On a loaded machine keys sent in the instant libedit switches the
    /// terminal to raw mode can be discarded with the pending input; then the text is typed again.
    private func type(_ text: String, enter: Bool = false) throws {
        let shown: (Screen) -> Bool = { $0.lines.last?.hasSuffix(text) == true }
        _ = Tmux.run(["-L", socket, "send-keys", "-t", "repl", "-l", text])
        if !shown(try poll(timeout: 3, shown)) {
            _ = Tmux.run(["-L", socket, "send-keys", "-t", "repl", "-l", text])
            try waitForScreen(shown)
        }
        if enter { try keys("Enter") }
    }

    private func screen() throws -> Screen {
        let result = Tmux.run(["-L", socket, "capture-pane", "-p", "-t", "repl"])
        return Screen(text: result.output)
    }

    private func waitForPrompt(count: Int) throws {
        try waitForScreen { $0.promptCount >= count && $0.lines.last?.hasPrefix("spar>") == true }
    }

    private func waitForScreen(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
                               _ condition: (Screen) -> Bool) throws {
        let last = try poll(timeout: timeout, condition)
        guard condition(last) else {
            XCTFail("the screen never matched; it shows:\n\(last.text)", file: file, line: line)
            throw ScreenMismatch()
        }
    }

    /// Captures the screen until `condition` holds or `timeout` passes; returns the last capture.
    private func poll(timeout: TimeInterval, _ condition: (Screen) -> Bool) throws -> Screen {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while !condition(last) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            last = try screen()
        }
        return last
    }

    /// Presses Ctrl-C until the screen shows `count` "interrupted" errors and a fresh prompt. A press
    /// that lands before the evaluation has started only clears the (empty) prompt line, so on a busy
    /// machine it is simply repeated.
    private func interrupt(untilCount count: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let done = { (screen: Screen) in
            screen.text.components(separatedBy: "error: interrupted").count - 1 >= count
                && screen.lines.last?.hasPrefix("spar>") == true
        }
        for _ in 0..<20 {
            try keys("C-c")
            if done(try poll(timeout: 1, done)) { return }
        }
        XCTFail("Ctrl-C did not interrupt the loop; the screen shows:\n\(try screen().text)", file: file, line: line)
        throw ScreenMismatch()
    }

    private func waitUntilExited(timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if Tmux.run(["-L", socket, "has-session", "-t", "repl"]).status != 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("spar did not exit", file: file, line: line)
    }
}

/// A captured tmux pane.
struct Screen {
    let text: String
    /// Non-empty lines, trailing spaces removed.
    var lines: [String] {
        text.split(separator: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }.filter { !$0.isEmpty }
    }
    var promptCount: Int { lines.filter { $0.hasPrefix("spar>") }.count }
    var lastPromptLine: String? { lines.last { $0.hasPrefix("spar>") } }
}

/// Runs the tmux command line tool.
enum Tmux {
    static var executable: URL? {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin", "/opt/homebrew/bin"] {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Runs tmux and waits for it with `waitpid`. Foundation's `Process` is not used here: the
    /// `new-session` client forks the tmux server, and `waitUntilExit` was seen to hang on that.
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        guard let executable else { return (127, "tmux missing") }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { return (127, "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (exitStatus, text)
    }
}

/// Thrown after a screen check failed, to end the test there.
struct ScreenMismatch: Error {}
