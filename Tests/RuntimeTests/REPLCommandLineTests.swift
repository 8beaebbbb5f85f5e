import Foundation
import XCTest
@testable import Runtime

/// The `spar` command line: `run`, `-e`, `--help`, `--version` and the exit statuses 0, 64, 65, 70.
final class REPLCommandLineTests: XCTestCase {
    func testRunPassesArgumentsToTheScript() throws {
        let script = try SparBinary.temporaryFile("print(len(args))\nprint(args)\n")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let run = try SparBinary.run(["run", script.path, "one", "--two", "-3", "--help"])
        XCTAssertEqual(run.stdout, "4\n[\"one\", \"--two\", \"-3\", \"--help\"]\n")
        XCTAssertEqual(run.stderr, "")
        XCTAssertEqual(run.status, 0)
    }

    func testRunDoesNotEchoValues() throws {
        let script = try SparBinary.temporaryFile("1 + 2\nprint(\"done\")\n")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let run = try SparBinary.run(["run", script.path])
        XCTAssertEqual(run.stdout, "done\n")
        XCTAssertEqual(run.status, 0)
    }

    func testCompileErrorExitsWith65() throws {
        let script = try SparBinary.temporaryFile("print(1)\nlet = 2\n", name: "bad.spar")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let run = try SparBinary.run(["run", script.path])
        XCTAssertEqual(run.status, 65)
        XCTAssertEqual(run.stdout, "", "nothing runs when the script does not compile")
        XCTAssertTrue(run.stderr.contains("bad.spar:2:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("error:"), run.stderr)
    }

    func testRuntimeErrorExitsWith70() throws {
        let script = try SparBinary.temporaryFile("print(\"before\")\nerror(\"it broke\")\nprint(\"after\")\n",
                                                  name: "fails.spar")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let run = try SparBinary.run(["run", script.path])
        XCTAssertEqual(run.status, 70)
        XCTAssertEqual(run.stdout, "before\n")
        XCTAssertTrue(run.stderr.contains("fails.spar:2:"), run.stderr)
        XCTAssertTrue(run.stderr.contains("it broke"), run.stderr)
    }

    func testMissingOrUnreadableFileIsAUsageError() throws {
        let missing = try SparBinary.run(["run", "/no/such/script.spar"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("/no/such/script.spar"), missing.stderr)
        let directory = try SparBinary.run(["run", FileManager.default.temporaryDirectory.path])
        XCTAssertEqual(directory.status, 64)
        XCTAssertTrue(directory.stderr.contains(FileManager.default.temporaryDirectory.path), directory.stderr)
    }

    func testBadFlagsAreUsageErrors() throws {
        for arguments in [["--no-such-flag"], ["run"], ["stray"], ["-e"]] {
            let run = try SparBinary.run(arguments)
            XCTAssertEqual(run.status, 64, "spar \(arguments.joined(separator: " "))")
            XCTAssertFalse(run.stderr.isEmpty, "spar \(arguments.joined(separator: " ")) explains itself")
        }
    }

    func testEvaluateCode() throws {
        let ok = try SparBinary.run(["-e", "print(6 * 7)"])
        XCTAssertEqual(ok.stdout, "42\n")
        XCTAssertEqual(ok.status, 0)
        let compile = try SparBinary.run(["-e", "print(("])
        XCTAssertEqual(compile.status, 65)
        XCTAssertTrue(compile.stderr.contains("<-e>:1:"), compile.stderr)
        let runtime = try SparBinary.run(["-e", "error(\"nope\")"])
        XCTAssertEqual(runtime.status, 70)
        XCTAssertTrue(runtime.stderr.contains("nope"), runtime.stderr)
        let nothing = try SparBinary.run(["-e", "nil"])
        XCTAssertEqual(nothing.stdout, "")
        XCTAssertEqual(nothing.status, 0)
    }

    func testVersionAndHelp() throws {
        let version = try SparBinary.run(["--version"])
        XCTAssertEqual(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "spar \(Runtime.version)")
        XCTAssertEqual(version.status, 0)
        let help = try SparBinary.run(["--help"])
        XCTAssertEqual(help.status, 0)
        for fragment in ["USAGE: spar", "-e <CODE>", "run", "--version"] {
            XCTAssertTrue(help.stdout.contains(fragment), "--help lacks \(fragment):\n\(help.stdout)")
        }
    }
}
