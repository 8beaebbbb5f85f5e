import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files that hold work (checkpoints, tokenizers, ledgers, reports, charts) so a reader never
/// sees half a file: the bytes go to a temporary file beside the target, which is then renamed over
/// it (rename(2) replaces the target atomically on one file system). The one such helper in Spar.
public enum AtomicWrite {
    /// Writes `data` to `path`. On failure throws an `EngineError` whose message is the reason alone
    /// ("No such file or directory", "it is a directory"), for the caller to say what it was writing.
    public static func write(_ data: Data, to path: String) throws {
        guard !path.isEmpty else { throw EngineError("the path is empty") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw EngineError("it is a directory")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw EngineError(reason(error))
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw EngineError(reason)
        }
    }

    /// The operating system's words for a failed write ("Permission denied"), not Foundation's
    /// longer sentence, when there is one.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
