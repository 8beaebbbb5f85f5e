import Foundation

/// `spar-manifest.json` in every fetched asset's folder: what was fetched, from which wheels, when,
/// and the size and SHA-256 of every file kept. It is written last, inside the temporary folder
/// before that folder is renamed into place, so an asset folder with a manifest is complete.
public struct AssetManifest: Codable, Equatable {
    public struct Wheel: Codable, Equatable {
        public var package: String
        public var version: String
        public var file: String
        public var sha256: String
        public var size: UInt64
    }

    public struct File: Codable, Equatable {
        /// Relative to the asset folder, '/'-separated.
        public var path: String
        public var size: UInt64
        public var sha256: String
        /// `package==version` of the wheel it came from, and its path inside that wheel.
        public var wheel: String
        public var source: String
    }

    public static let fileName = "spar-manifest.json"
    /// Bumped when the format changes; an older manifest means "fetch again".
    public static let currentFormat = 1

    public var format: Int
    public var asset: String
    public var fetched: String
    public var licence: String
    public var wheels: [Wheel]
    public var files: [File]

    public var totalSize: UInt64 { files.reduce(0) { $0 + $1.size } }

    /// The manifest in `folder`, or nil when there is none; a manifest that does not parse is an
    /// error (it names the file) rather than a silent re-download.
    public static func read(inFolder folder: String) throws -> AssetManifest? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AssetError("cannot read '\(path)'")
        }
        do {
            return try JSONDecoder().decode(AssetManifest.self, from: data)
        } catch {
            throw AssetError("'\(path)' is not a valid asset manifest (\(error)); fetch the asset again with --force")
        }
    }

    func write(inFolder folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        do {
            try encoder.encode(self).write(to: URL(fileURLWithPath: path))
        } catch {
            throw AssetError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }

    /// True when this manifest was made from exactly the wheels `spec` pins now.
    func matches(_ spec: AssetSpec) -> Bool {
        format == Self.currentFormat && asset == spec.name
            && wheels.map { "\($0.package)==\($0.version) \($0.sha256)" }
                == spec.wheels.map { "\($0.requirement) \($0.sha256)" }
    }
}
