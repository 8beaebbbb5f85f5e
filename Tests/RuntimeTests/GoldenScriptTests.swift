import XCTest
@testable import Runtime

/// Runs every Tests/Scripts/<area>/*.spar through a real Session and checks it against its
/// `# expect` comments (the rules are in Tests/Scripts/README.md). Failures name each file with a diff.
final class GoldenScriptTests: XCTestCase {
    static let scriptsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scripts")

    func testGoldenScripts() throws {
        let files = try GoldenScript.files(in: Self.scriptsDirectory)
        XCTAssertGreaterThanOrEqual(files.count, 100, "the golden suite should hold at least 100 scripts")
        var failures: [String] = []
        for file in files {
            if let problem = try GoldenScript.check(file) { failures.append(problem) }
        }
        if !failures.isEmpty {
            XCTFail("\(failures.count) of \(files.count) golden scripts failed:\n\n" + failures.joined(separator: "\n\n"))
        }
    }

    /// The harness must itself reject wrong expectations, or the suite could pass vacuously.
    func testHarnessRejectsWrongExpectations() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = [
            "wrong_output.spar": "print(1)  # expect: 2\n",
            "no_expectations.spar": "print(1)\n",
            "missing_error.spar": "print(1)  # expect: 1\nprint(2)  # expect error: boom\n",
            "wrong_error_line.spar": "error(\"boom\")\n# expect error: boom\n",
            "wrong_kind.spar": "let x = 1\nx = 2  # expect error: cannot assign\n",
        ]
        for (name, text) in cases {
            let url = dir.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            XCTAssertNotNil(try GoldenScript.check(url), "\(name) should fail")
        }
        let good = dir.appendingPathComponent("good.spar")
        try "print(1)  # expect: 1\nerror(\"boom\")  # expect error: boom\n".write(to: good, atomically: true, encoding: .utf8)
        XCTAssertNil(try GoldenScript.check(good))
    }

    func testExamplesRun() throws {
        let examples = Self.scriptsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(at: examples, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "spar" }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            var out = "", err = ""
            let session = Session(out: { out += $0 }, err: { err += $0 })
            let status = session.run(source: try String(contentsOf: file, encoding: .utf8), path: file.path)
            XCTAssertEqual(status, .ok, "\(file.lastPathComponent): \(err)")
            XCTAssertFalse(out.isEmpty, "\(file.lastPathComponent) printed nothing")
        }
    }
}

/// Reads a golden script's expectations and checks a run against them.
enum GoldenScript {
    static func files(in directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "spar" }
            .sorted { $0.path < $1.path }
    }

    struct Expectations {
        var output: [String] = []
        /// (line, message, compile?) of the expected error.
        var error: (line: Int, message: String, compile: Bool)?
    }

    static func expectations(_ source: String) -> Expectations {
        var result = Expectations()
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect: ") {
                result.output.append(String(line[r.upperBound...]))
            } else if line.hasSuffix("# expect:") {
                result.output.append("")
            } else if let r = line.range(of: "# expect compile error: ") {
                result.error = (index + 1, String(line[r.upperBound...]), true)
            } else if let r = line.range(of: "# expect error: ") {
                result.error = (index + 1, String(line[r.upperBound...]), false)
            }
        }
        return result
    }

    /// nil when the script behaves as its comments say; otherwise a report with a diff.
    static func check(_ url: URL) throws -> String? {
        let source = try String(contentsOf: url, encoding: .utf8)
        let expected = expectations(source)
        let name = url.pathComponents.suffix(2).joined(separator: "/")
        if expected.output.isEmpty && expected.error == nil { return "\(name): no `# expect` comments" }
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        session.arguments = ["golden"]
        let status = session.run(source: source, path: name)
        var problems: [String] = []
        let actualLines = out.isEmpty ? [] : out.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        if actualLines != expected.output {
            problems.append("output differs:\n" + diff(expected: expected.output, actual: actualLines))
        }
        if let error = expected.error {
            let wantStatus: RunStatus = error.compile ? .compileError : .runtimeError
            let firstLine = err.split(separator: "\n").first.map(String.init) ?? ""
            let wantPrefix = "\(name):\(error.line):"
            if status != wantStatus {
                problems.append("expected exit \(wantStatus.exitCode), got \(status.exitCode)\nstderr: \(err)")
            } else if !firstLine.hasPrefix(wantPrefix) || !firstLine.contains(": error: " + error.message) {
                problems.append("expected an error on line \(error.line) starting \"\(error.message)\", got:\n\(err)")
            }
        } else if status != .ok {
            problems.append("expected success, got exit \(status.exitCode):\n\(err)")
        }
        return problems.isEmpty ? nil : "\(name): " + problems.joined(separator: "\n")
    }

    static func diff(expected: [String], actual: [String]) -> String {
        var lines: [String] = []
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : nil, a = i < actual.count ? actual[i] : nil
            if e == a { lines.append("    \(e ?? "")") } else {
                if let e { lines.append("  - \(e)") }
                if let a { lines.append("  + \(a)") }
            }
        }
        return lines.joined(separator: "\n")
    }
}
