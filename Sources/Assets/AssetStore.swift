import Foundation

/// Where fetched assets live, and the one way code outside the CLI finds them.
///
/// An asset named NAME lives in `$SPAR_HOME/NAME` (default `~/.cache/spar/NAME`). It counts as
/// present only when that folder holds its `spar-manifest.json`: `spar fetch` writes the manifest
/// last and moves the whole folder into place with a rename, so a present asset is never half
/// written. Runtime and tests call
///
///     if let folder = AssetStore.path(for: "smollm2") { ... folder + "/SmolLM2-135M-Instruct.Q4_1.gguf" }
///     let folder = try AssetStore.require("minilm")      // AssetError: "run `spar fetch minilm`"
///     try XCTSkipIf(AssetStore.path(for: "minilm") == nil, AssetStore.missingMessage("minilm"))
///
/// The lookup reads the environment on every call (cheap: one stat), so a test or script that
/// sets `SPAR_HOME` sees its own store.
public struct AssetStore: Equatable {
    /// The folder holding one sub-folder per asset.
    public let home: String

    public init(home: String) {
        self.home = home
    }

    /// The store named by the environment: `$SPAR_HOME` when set and non-empty, else
    /// `$HOME/.cache/spar`.
    public static var current: AssetStore {
        AssetStore(home: defaultHome(environment: ProcessInfo.processInfo.environment))
    }

    static func defaultHome(environment: [String: String]) -> String {
        if let home = environment["SPAR_HOME"], !home.isEmpty { return home }
        let user = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return (user as NSString).appendingPathComponent(".cache/spar")
    }

    /// Where asset `name` is or would be put.
    public func folder(for name: String) -> String {
        (home as NSString).appendingPathComponent(name)
    }

    /// The folder of asset `name` when it has been fetched, else nil.
    public func path(for name: String) -> String? {
        let folder = folder(for: name)
        let manifest = (folder as NSString).appendingPathComponent(AssetManifest.fileName)
        return FileManager.default.fileExists(atPath: manifest) ? folder : nil
    }

    /// `path(for:)` in the store the environment names.
    public static func path(for name: String) -> String? {
        current.path(for: name)
    }

    /// The folder of asset `name`, or an error that says how to fetch it.
    public static func require(_ name: String) throws -> String {
        guard let folder = path(for: name) else { throw AssetError(missingMessage(name)) }
        return folder
    }

    /// "asset 'minilm' is not fetched (looked in /root/.cache/spar/minilm): run `spar fetch minilm`",
    /// for errors and for the message of a skipped test.
    public static func missingMessage(_ name: String) -> String {
        "asset '\(name)' is not fetched (looked in \(current.folder(for: name))): run `spar fetch \(name)`"
    }

    /// The manifest of asset `name` when it is present.
    public func manifest(for name: String) throws -> AssetManifest? {
        guard let folder = path(for: name) else { return nil }
        return try AssetManifest.read(inFolder: folder)
    }
}
