/// Splitting paths into folder and name by their bytes. Foundation's `NSString` path methods trap on
/// some inputs (`"a/"`, a NUL character) on Linux, so no path a script gives reaches them.
public enum PathText {
    /// The folder part: `a/b/c` → `a/b`, `c` → `` (the current folder), `/c` → `/`, `a/b/` → `a`.
    public static func folder(of path: String) -> String {
        let bytes = trimmed(path)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        var end = slash
        while end > 0, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        if end == 0 { return "/" }
        return String(decoding: bytes[0..<end], as: UTF8.self)
    }

    /// The last component: `a/b/c` → `c`, `a/b/` → `b`, `/` → `/`.
    public static func name(of path: String) -> String {
        let bytes = trimmed(path)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return String(decoding: bytes, as: UTF8.self) }
        if slash == bytes.count - 1 { return "/" }
        return String(decoding: bytes[(slash + 1)...], as: UTF8.self)
    }

    /// Why `path` cannot name a file at all (empty, or a NUL character, which the C calls would
    /// read as the end of a shorter path), or nil.
    public static func problem(_ path: String) -> String? {
        if path.isEmpty { return "the path is empty" }
        if path.utf8.contains(0) { return "the path contains a NUL character" }
        return nil
    }

    /// The bytes without trailing slashes (but `/` stays `/`).
    private static func trimmed(_ path: String) -> [UInt8] {
        var bytes = Array(path.utf8)
        while bytes.count > 1, bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        return bytes
    }
}
