import XCTest
import Foundation
@testable import Engine

/// The one atomic writer behind checkpoints, tokenizer files, ledgers and reports.
final class AtomicWriteTests: XCTestCase {
    private func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testReplacesTheTargetAndLeavesNoTemporaryFile() throws {
        let dir = try scratchDirectory()
        let path = dir.appendingPathComponent("out.txt").path
        try AtomicWrite.write(Data("first".utf8), to: path)
        try AtomicWrite.write(Data("second".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "second")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.txt"])
    }

    func testFailuresSayWhyAndCleanUp() throws {
        let dir = try scratchDirectory()
        XCTAssertThrowsError(try AtomicWrite.write(Data(), to: dir.path)) { error in
            XCTAssertEqual((error as? EngineError)?.message, "is a directory")
        }
        XCTAssertThrowsError(try AtomicWrite.write(Data(), to: "")) { error in
            XCTAssertEqual((error as? EngineError)?.message, "the path is empty")
        }
        let missing = dir.appendingPathComponent("no/such/dir/file.txt").path
        XCTAssertThrowsError(try AtomicWrite.write(Data("x".utf8), to: missing)) { error in
            XCTAssertEqual((error as? EngineError)?.message.isEmpty, false)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
    }

    /// The shared text helpers: numbers as Spar prints them, JSON string literals.
    func testNumberAndJSONText() {
        XCTAssertEqual([2.0, -0.0, 0.25, -3, 1e20, .nan, .infinity, -.infinity].map(numberText),
                       ["2", "0", "0.25", "-3", "1e+20", "nan", "inf", "-inf"])
        XCTAssertEqual(JSONText.string("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\u0001é\"")
    }
}
