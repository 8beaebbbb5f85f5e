import Foundation
import XCTest

/// What one run of the real `spar` binary produced.
struct SparRun {
    var stdout: String
    var stderr: String
    var status: Int32
}

/// Helpers to run the built `spar` executable, which SwiftPM puts next to the test bundle
/// (`.build/debug/spar` beside `.build/debug/sparPackageTests.xctest`).
enum SparBinary {
    static var url: URL? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(Bundle(for: REPLTranscriptTests.self).bundleURL.deletingLastPathComponent())
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for directory in candidates {
            let binary = directory.appendingPathComponent("spar")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        return nil
    }

    /// The binary, or a test failure that says how to build it.
    static func require(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        guard let url else {
            XCTFail("the spar executable is not next to the test bundle; run `swift build --build-tests` first",
                    file: file, line: line)
            throw XCTSkip("spar binary missing")
        }
        return url
    }

    /// Runs `spar` with `arguments`, feeding `input` through a pipe; stops it after `timeout` seconds.
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                    timeout: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line) throws -> SparRun {
        let binary = try require(file: file, line: line)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("spar-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputURL = directory.appendingPathComponent("stdin")
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        try Data(input.utf8).write(to: inputURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: inputURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("spar \(arguments) did not finish within \(timeout) s", file: file, line: line)
        }
        process.waitUntilExit()
        return SparRun(stdout: try String(contentsOf: outURL, encoding: .utf8),
                       stderr: try String(contentsOf: errURL, encoding: .utf8),
                       status: process.terminationStatus)
    }

    /// A temporary file holding `contents`, removed by the caller.
    static func temporaryFile(_ contents: String, name: String = "script.spar") throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("spar-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }
}
