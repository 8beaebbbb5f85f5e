import Foundation
import XCTest
@testable import Runtime
import Engine

/// Runs the tensor golden scripts (Tests/Scripts/tensors/*.spar) and examples/tensors.spar through
/// the real interpreter. Each `# expect: text` comment is one expected output line, in order;
/// `# expect error: text` means the script must end with a runtime error containing text.
/// (Scoped to the tensor scripts; a project-wide golden runner can take these files over as they are.)
final class TensorScriptTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func runScript(_ url: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let source = try String(contentsOf: url, encoding: .utf8)
        var expected: [String] = [], expectedError: String?
        for l in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = l.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("# expect error: ") { expectedError = String(t.dropFirst("# expect error: ".count)) }
            else if t.hasPrefix("# expect: ") { expected.append(String(l[l.range(of: "# expect: ")!.upperBound...])) }
            else if t == "# expect:" { expected.append("") }
        }
        var out = "", err = ""
        // Scripts name data files relative to the package root.
        let saved = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(TensorScriptTests.root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }
        let session = Session(out: { out += $0 }, err: { err += $0 })
        session.arguments = ["--small"]
        let status = session.run(source: source, path: url.lastPathComponent)
        let name = url.lastPathComponent
        if let expectedError {
            XCTAssertEqual(status, .runtimeError, "\(name): expected an error", file: file, line: line)
            XCTAssert(err.contains("error: \(expectedError)"), "\(name): stderr was\n\(err)", file: file, line: line)
        } else {
            XCTAssertEqual(status, .ok, "\(name) failed:\n\(err)", file: file, line: line)
        }
        if !expected.isEmpty || expectedError != nil {
            let got = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
            XCTAssertEqual(Array(got), expected, "\(name): output differs", file: file, line: line)
        }
    }

    func testTensorGoldenScripts() throws {
        let folder = TensorScriptTests.root.appendingPathComponent("Tests/Scripts/tensors")
        let scripts = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "spar" }.sorted { $0.path < $1.path }
        XCTAssertGreaterThanOrEqual(scripts.count, 4)
        for s in scripts { try runScript(s) }
    }

    func testTensorExampleRuns() throws {
        try runScript(TensorScriptTests.root.appendingPathComponent("examples/tensors.spar"))
    }
}

/// Every tensor builtin, method and field has a help line.
final class TensorHelpTests: XCTestCase {
    func testEveryTensorNameHasHelp() {
        let builtins = ["tensor", "zeros", "ones", "full", "arange", "eye", "randn", "rand", "where", "concat", "stack",
                        "param", "grad", "no_grad", "sgd", "adam", "adamw", "lr_cosine", "save", "load"]
        for name in builtins { XCTAssertNotNil(Builtins.helpLine(name), name) }
        let t = TensorValue(Tensor(1))
        for member in t.memberNames {
            XCTAssertNotNil(t.help(member: member), member)
            XCTAssertNotNil(Builtins.helpLine("tensor.\(member)"), member)
        }
        for member in OptimizerValue.helpLines.keys { XCTAssertNotNil(Builtins.helpLine("optimizer.\(member)"), member) }
    }
}
