import Foundation

/// Runs a program to completion and collects what it printed (stdout and stderr together, in
/// order): the fetcher's only use is pip, whose output matters only when it fails.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ argv: [String]) throws -> Result {
        guard let program = argv.first else { throw AssetError("no command to run") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(argv.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AssetError("cannot run '\(program)': \(error.localizedDescription)")
        }
        // Read before waiting: a child that fills the pipe would otherwise never exit.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// The first executable called `name` on `$PATH`, or `name` itself when it is a path.
    static func which(_ name: String, path: String?) -> String? {
        let files = FileManager.default
        if name.contains("/") { return files.isExecutableFile(atPath: name) ? name : nil }
        for dir in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !dir.isEmpty {
            let candidate = (String(dir) as NSString).appendingPathComponent(name)
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
