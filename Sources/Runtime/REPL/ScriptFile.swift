import Engine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads script files for `spar run` and `:load`, with errors that name the file and the reason.
public enum ScriptFile {
    /// Why a file could not be read.
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public var description: String { "cannot read '\(path)': \(reason)" }
    }

    /// The whole file as UTF-8 text.
    public static func read(_ path: String) throws -> String {
        // fopen, not a regular-file check: `spar run <(generate)` reads a pipe.
        guard let file = fopen(path, "rb") else {
            throw ReadError(path: path, reason: FileProblem.reason(errno: errno, path: path))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            bytes.append(contentsOf: chunk[0..<count])
            if count < chunk.count {
                if ferror(file) != 0 {
                    // Reading a directory opens fine on Linux and fails here with EISDIR.
                    throw ReadError(path: path, reason: FileProblem.reason(errno: errno, path: path))
                }
                break
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let kind = FileKind.sniff(Data(bytes.prefix(FileKind.prefixLength)))
            if kind != .text && kind != .binary {
                throw ReadError(path: path, reason: "it is \(kind.what), not a Spar script\(kind.loadedBy.map { "; \($0)" } ?? "")")
            }
            throw ReadError(path: path, reason: "the file is not valid UTF-8 text")
        }
        return text
    }

    /// A `:load` argument as a path: surrounding quotes removed (for names with spaces) and a leading
    /// `~/` replaced by the home directory, as a shell would.
    public static func expandPath(_ argument: String) -> String {
        var path = argument
        if path.count >= 2, let first = path.first, first == path.last, first == "\"" || first == "'" {
            path = String(path.dropFirst().dropLast())
        }
        if path.hasPrefix("~/"), let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty {
            path = home + path.dropFirst()
        }
        return path
    }
}
