import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that turns a failed file operation or a failed decode into a short sentence for the
/// user: "is a directory", "permission denied", "no such folder 'runs'", "field 'step' is missing".
/// Foundation's own texts (`Error Domain=NSCocoaErrorDomain Code=4 ... UserInfo={...}`,
/// `DecodingError.dataCorrupted(...)`) never reach a message.
///
///     FileProblem.sentence(error, path: "runs/a.ckpt", writing: true)
///     // "cannot write runs/a.ckpt: no such folder 'runs'"
public enum FileProblem {
    /// "cannot read PATH: REASON" or "cannot write PATH: REASON".
    public static func sentence(_ error: Error, path: String, writing: Bool = false) -> String {
        "cannot \(writing ? "write" : "read") \(path): \(reason(error, path: path, writing: writing))"
    }

    /// Why an operation on `path` failed, as a few lowercase words. Any error is accepted: POSIX and
    /// Cocoa errors by their code, decoding errors by the field they name, engine errors by message.
    public static func reason(_ error: Error, path: String? = nil, writing: Bool = false) -> String {
        switch error {
        case let e as EngineError: return e.message
        case let e as DecodingError: return decoding(e)
        case let e as EncodingError:
            if case .invalidValue(_, let context) = e { return "cannot encode \(field(context.codingPath)): \(context.debugDescription)" }
            return "cannot encode the value"
        default: break
        }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code), path: path, writing: writing) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(underlying.code), path: path, writing: writing)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT, path: path, writing: writing)
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            case .fileReadTooLarge: return "the file is too large"
            case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding: return "not UTF-8 text"
            case .fileReadCorruptFile, .propertyListReadCorrupt: return "the content is malformed"
            default:
                // Foundation on Linux reports a folder read as the generic code 256 or 4.
                if let path, isDirectory(path) { return "is a directory" }
                return writing ? "the file could not be written" : "the file could not be read"
            }
        }
        return ns.localizedDescription
    }

    /// The reason for a POSIX error number. For "no such file" it says which part is missing: the
    /// folder (`no such folder 'runs'`) or the file itself.
    public static func reason(errno code: Int32, path: String? = nil, writing: Bool = false) -> String {
        switch code {
        case ENOENT:
            if let path, let folder = missingFolder(of: path) { return "no such folder '\(folder)'" }
            return writing ? "no such folder" : "no such file"
        case EISDIR: return "is a directory"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "the disk quota is exceeded"
        case EROFS: return "the file system is read-only"
        case ENAMETOOLONG: return "the name is too long"
        case ELOOP: return "too many levels of symbolic links"
        case EEXIST: return "the file already exists"
        case ENOMEM: return "out of memory"
        case EFBIG: return "the file is too large"
        case EMFILE, ENFILE: return "too many open files"
        case EBUSY: return "the file is busy"
        case ETXTBSY: return "the file is in use"
        case EXDEV: return "the temporary file is on another file system"
        case EIO: return "an input/output error"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// A decoding error as "field 'history[3].step' is missing" and the like.
    public static func decoding(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "field '\(field(context.codingPath + [key]))' is missing"
        case .typeMismatch(let type, let context):
            return "field '\(field(context.codingPath))' is not \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "field '\(field(context.codingPath))' is null, expected \(typeName(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "field '\(field(context.codingPath))' is malformed"
        @unknown default:
            return "malformed data"
        }
    }

    /// What kind of thing is at `path` when it is not a regular file, for a read or write that needs
    /// one: "is a directory", "is a FIFO", "is a device"; nil for a regular file or nothing at all.
    /// Follows symbolic links (a link to a device is a device).
    public static func notRegular(_ path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a FIFO, not a regular file"
        case S_IFCHR, S_IFBLK: return "is a device, not a regular file"
        case S_IFSOCK: return "is a socket, not a regular file"
        default: return "is not a regular file"
        }
    }

    /// Checks that `path` names a readable regular file and returns its size. Throws an
    /// `EngineError` whose message is the reason alone ("no such file", "is a directory").
    public static func checkReadable(_ path: String) throws -> Int {
        if let problem = PathText.problem(path) { throw EngineError(problem) }
        var st = stat()
        guard stat(path, &st) == 0 else { throw EngineError(reason(errno: errno, path: path)) }
        if let problem = notRegular(path) { throw EngineError(problem) }
        return Int(st.st_size)
    }

    /// Reads a whole regular file, refusing folders, FIFOs and devices (reading those could block or
    /// never end) and files longer than `maxBytes`. Errors are `EngineError`s with the reason alone.
    /// With `mapped` the bytes are mapped from the file instead of copied (for large weights).
    public static func readFile(_ path: String, maxBytes: Int = Int.max, mapped: Bool = false) throws -> Data {
        _ = try checkReadable(path)
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw EngineError(reason(errno: errno, path: path)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw EngineError(reason(errno: errno, path: path)) }
        guard st.st_mode & S_IFMT == S_IFREG else { throw EngineError(notRegular(path) ?? "is not a regular file") }
        let size = Int(st.st_size)
        if size > maxBytes { throw EngineError("the file has \(size) bytes, above the limit of \(maxBytes)") }
        if size == 0 { return Data() }
        if mapped, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED {
            return Data(bytesNoCopy: base, count: size, deallocator: .custom { p, n in munmap(p, n) })
        }
        try MemoryLimit.check(bytes: size, for: "reading \(path)")
        var data = Data(count: size)
        var filled = 0
        try data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            guard let base = raw.baseAddress else { return }
            while filled < size {
                let n = read(fd, base + filled, size - filled)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { throw EngineError(reason(errno: errno, path: path)) }
                if n == 0 { break }
                filled += n
            }
        }
        // A file that shrank while it was read gives what it had.
        if filled < size { data.count = filled }
        return data
    }

    // MARK: helpers

    private static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }

    /// The nearest missing folder on the way to `path` (relative as given), or nil if its folder exists.
    private static func missingFolder(of path: String) -> String? {
        let folder = PathText.folder(of: path)
        guard !folder.isEmpty, folder != "/", folder != path else { return nil }
        var st = stat()
        if stat(folder, &st) == 0 { return nil }
        return missingFolder(of: folder) ?? folder
    }

    private static func field(_ path: [CodingKey]) -> String {
        var out = ""
        for key in path {
            if let i = key.intValue { out += "[\(i)]" } else { out += out.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return out.isEmpty ? "(top level)" : out
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type, is UInt32.Type, is UInt.Type: return "an integer in range"
        case is Double.Type, is Float.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "of the right type"
        }
    }
}
