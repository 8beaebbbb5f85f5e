import Foundation
import XCTest
@testable import Runtime

/// Every script in examples/ runs to the end without an error (`args` holds "--small" so an example
/// can size itself down for the tests).
final class ExampleScriptTests: XCTestCase {
    func testEveryExampleRuns() throws {
        let directory = NotebookReportTests.root.appendingPathComponent("examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".spar") }.sorted()
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let source = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            var err = ""
            let session = Session(out: { _ in }, err: { err += $0 })
            session.arguments = ["--small"]
            XCTAssertEqual(session.run(source: source, path: "examples/\(file)"), .ok, "\(file):\n\(err)")
        }
    }
}
