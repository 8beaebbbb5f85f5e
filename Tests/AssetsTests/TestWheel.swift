import Foundation
import ZIPFoundation
@testable import Assets

/// Builds small wheels in a fresh temporary folder: a zip with the given files, a RECORD that
/// lists their hashes (or lies about one, on request), and the matching `WheelSpec`.
struct TestWheel {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("spar-assets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }

    var wheels: String { root.appendingPathComponent("wheels").path }
    var home: String { root.appendingPathComponent("home").path }

    /// A fixed time stamp, so the same files always make the same wheel (and SHA-256).
    static let date = Date(timeIntervalSince1970: 1_600_000_000)

    static let files: [String: String] = [
        "toy_asset/data/a.csv": "prompt,category\n\"line one\nline two\",x\n",
        "toy_asset/data/sub/b.yaml": "name: b\n",
        "toy_asset/data/model.bin": String(repeating: "weights ", count: 5000),
        "toy_asset/code.py": "print('not kept')\n",
        "toy_asset-0.1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: toy-asset\nVersion: 0.1.0\n",
        "toy_asset-0.1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: spar-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        "toy_asset-0.1.0.dist-info/licenses/LICENSE": "MIT licence of the toy asset\n",
    ]

    static func rules() -> [ExtractRule] {
        [
            ExtractRule("toy_asset/data/**", strip: "toy_asset/data/"),
            ExtractRule("toy_asset-0.1.0.dist-info/licenses/LICENSE", strip: "toy_asset-0.1.0.dist-info/licenses/"),
        ]
    }

    /// Writes `toy_asset-0.1.0-py3-none-any.whl` into `wheels` and returns the spec that pins it.
    @discardableResult
    func make(files: [String: String] = TestWheel.files, lieAbout: String? = nil, extraEntries: [String: String] = [:],
              rules: [ExtractRule] = TestWheel.rules(), pinned: [String: String] = [:]) throws -> AssetSpec {
        try FileManager.default.createDirectory(atPath: wheels, withIntermediateDirectories: true)
        let url = URL(fileURLWithPath: wheels).appendingPathComponent("toy_asset-0.1.0-py3-none-any.whl")
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        var record = ""
        for (path, text) in (files.merging(extraEntries) { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: Self.date, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
            var digest = StreamingSHA256()
            digest.update(path == lieAbout ? Data("something else".utf8) : data)
            record += "\(path),sha256=\(digest.recordDigest()),\(data.count)\n"
        }
        record += "toy_asset-0.1.0.dist-info/RECORD,,\n"
        let recordData = Data(record.utf8)
        try archive.addEntry(with: "toy_asset-0.1.0.dist-info/RECORD", type: .file,
                             uncompressedSize: Int64(recordData.count), modificationDate: Self.date) { position, size in
            recordData.subdata(in: Int(position)..<Int(position) + size)
        }
        let sha = try FileDigest.sha256(ofFile: url.path).hex
        return AssetSpec(
            name: "toy", summary: "a test asset", licence: "MIT",
            wheels: [WheelSpec(package: "toy-asset", version: "0.1.0", sha256: sha, rules: rules)],
            pinned: pinned)
    }

    func fetcher(_ source: WheelSource? = nil, log: @escaping (String) -> Void = { _ in }) -> Fetcher {
        Fetcher(store: AssetStore(home: home), source: source ?? FolderWheelSource(folder: wheels), log: log,
                now: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    func read(_ relative: String) -> String? {
        let path = (AssetStore(home: home).folder(for: "toy") as NSString).appendingPathComponent(relative)
        return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// What the store's folder holds, hidden entries included (lock files, partial folders).
    func homeEntries() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: home)) ?? []).sorted()
    }
}
