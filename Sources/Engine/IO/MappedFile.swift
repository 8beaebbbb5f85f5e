import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A whole file mapped read-only into memory (mmap), so a model's weights are read in place from
/// the page cache instead of being copied: loading costs a page-table setup, not a read of every
/// byte, and several models opened from one file share its pages. Unmapped when released.
///
/// `bytes` can also be an in-memory copy (`init(data:name:)`), which tests and fuzzers use.
public final class MappedFile: @unchecked Sendable {
    /// The file's path (or a name for in-memory bytes), for messages.
    public let path: String
    /// The file's bytes.
    public let bytes: UnsafeRawBufferPointer
    private let unmap: () -> Void

    /// Maps `path`. Throws an `EngineError` naming the file when it cannot be opened or mapped.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw EngineError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw EngineError("cannot read \(path): \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw EngineError("cannot read \(path): not a regular file") }
        let size = Int(info.st_size)
        self.path = path
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            unmap = {}
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            throw EngineError("cannot map \(path): \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        unmap = { munmap(base, size) }
    }

    /// An in-memory copy of `data`, named `name` in messages.
    public init(data: Data, name: String) {
        path = name
        let count = data.count
        let copy = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1), alignment: 64)
        data.withUnsafeBytes { src in
            if let base = src.baseAddress { copy.copyMemory(from: base, byteCount: count) }
        }
        bytes = UnsafeRawBufferPointer(start: copy, count: count)
        unmap = { copy.deallocate() }
    }

    deinit { unmap() }
}
