import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files that hold work (checkpoints, tokenizers, ledgers, reports, charts) so a reader never
/// sees half a file: the bytes go to a temporary file beside the target, which is then renamed over
/// it (rename(2) replaces the target atomically on one file system). The one such helper in Spar.
///
/// The temporary file is created exclusively (`O_CREAT | O_EXCL | O_NOFOLLOW`) under a random name
/// (`.NAME.spar-PID-RANDOM.tmp`), so a file or symbolic link planted at a guessable name can neither
/// be written through nor be replaced. It is removed when anything fails. Temporary files of this
/// pattern left by a killed run (their process is gone, or they are older than a day) are removed by
/// the next write of the same target. Targets that exist must be regular files: a folder, a device,
/// a FIFO or a socket is refused, never replaced. A symbolic link to a regular file is followed, so
/// the link keeps pointing at the new content.
public enum AtomicWrite {
    /// Leftover temporary files older than this are removed even if their process id is alive again.
    static let staleAge: TimeInterval = 24 * 3600

    /// Writes `data` to `path`. On failure throws an `EngineError` whose message is the reason alone
    /// ("no such folder 'runs'", "is a directory", "permission denied"), for the caller to say what
    /// it was writing.
    public static func write(_ data: Data, to path: String) throws {
        let target = try resolveTarget(path)
        let folder = PathText.folder(of: target)
        let name = PathText.name(of: target)
        let directory = folder.isEmpty ? "." : folder
        removeStaleTemporaries(in: directory, for: name)

        let (fd, temporary) = try createTemporary(in: directory, for: name)
        var done = false
        defer {
            if !done { unlink(temporary) }
        }
        do {
            try writeAll(data, to: fd)
            // Keep the mode of the file being replaced (a script made executable stays so).
            var st = stat()
            if stat(target, &st) == 0 { _ = fchmod(fd, st.st_mode & 0o7777) }
            guard fsync(fd) == 0 else { throw EngineError(FileProblem.reason(errno: errno, path: target, writing: true)) }
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw EngineError(FileProblem.reason(errno: errno, path: target, writing: true)) }
        guard rename(temporary, target) == 0 else {
            throw EngineError(FileProblem.reason(errno: errno, path: target, writing: true))
        }
        done = true
    }

    /// The path to write: `path` itself, or the file a symbolic link at `path` points to. Refuses
    /// folders, devices, FIFOs, sockets and broken links, and a missing folder.
    static func resolveTarget(_ path: String) throws -> String {
        if let problem = PathText.problem(path) { throw EngineError(problem) }
        if path.hasSuffix("/") {
            var st = stat()
            if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { throw EngineError("is a directory") }
            throw EngineError("a file name cannot end in '/'")
        }
        var link = stat()
        if lstat(path, &link) == 0 {
            if link.st_mode & S_IFMT == S_IFLNK {
                var st = stat()
                guard stat(path, &st) == 0 else { throw EngineError("is a broken symbolic link") }
                if let problem = FileProblem.notRegular(path) { throw EngineError(problem) }
                guard let real = realpath(path, nil) else { throw EngineError(FileProblem.reason(errno: errno, path: path, writing: true)) }
                defer { free(real) }
                return String(cString: real)
            }
            if let problem = FileProblem.notRegular(path) { throw EngineError(problem) }
            return path
        }
        let folder = PathText.folder(of: path)
        if !folder.isEmpty {
            var st = stat()
            guard stat(folder, &st) == 0 else { throw EngineError(FileProblem.reason(errno: errno, path: path, writing: true)) }
            guard st.st_mode & S_IFMT == S_IFDIR else { throw EngineError("'\(folder)' is not a folder") }
        }
        return path
    }

    /// Creates a new temporary file beside the target that nobody else can have made or linked.
    private static func createTemporary(in directory: String, for name: String) throws -> (Int32, String) {
        let prefix = temporaryPrefix(for: name)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let random = String(generator.next() & 0xFFFF_FFFF_FFFF, radix: 16)
            let candidate = directory + "/" + prefix + "\(getpid())-\(random).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, candidate) }
            if errno != EEXIST { throw EngineError(FileProblem.reason(errno: errno, path: directory + "/" + name, writing: true)) }
        }
        throw EngineError("cannot create a temporary file in '\(directory)'")
    }

    /// `.NAME.spar-`, with long names cut so the whole temporary name stays under 255 bytes.
    static func temporaryPrefix(for name: String) -> String {
        var short = name
        while short.utf8.count > 180 { short.removeLast() }
        return "." + short + ".spar-"
    }

    private static func writeAll(_ data: Data, to fd: Int32) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = systemWrite(fd, p, Swift.min(left, 1 << 30))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw EngineError(FileProblem.reason(errno: errno, writing: true))
                }
                left -= n
                p += n
            }
        }
    }

    /// Removes `.NAME.spar-PID-RANDOM.tmp` files in `directory` whose process is gone or that are
    /// older than a day. Only regular files of ours with exactly that pattern; links are never followed.
    static func removeStaleTemporaries(in directory: String, for name: String) {
        let prefix = temporaryPrefix(for: name)
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let now = Date().timeIntervalSince1970
        while let entry = readdir(dir) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard file.hasPrefix(prefix), file.hasSuffix(".tmp") else { continue }
            let middle = file.dropFirst(prefix.count).dropLast(4).split(separator: "-")
            guard middle.count == 2, let pid = Int32(middle[0]), pid > 0, UInt64(middle[1], radix: 16) != nil else { continue }
            let full = directory + "/" + file
            var st = stat()
            guard lstat(full, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_uid == getuid() else { continue }
            let age = now - Double(st.st_mtim.tv_sec)
            let processGone = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            if processGone || age > staleAge { unlink(full) }
        }
    }
}

/// write(2), named apart from `AtomicWrite.write` so the call inside the enum is unambiguous.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
