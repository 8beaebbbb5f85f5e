/// A pattern over '/'-separated paths inside a wheel: `*` matches within one segment
/// (`harm/*.csv`), `**` matches any number of whole segments (`templates/**/*.yaml`), and every
/// other character matches itself. Case-sensitive, like zip paths.
public struct PathPattern: Equatable, CustomStringConvertible {
    public let text: String
    private let segments: [Substring]

    public init(_ text: String) {
        self.text = text
        self.segments = text.split(separator: "/", omittingEmptySubsequences: false)
    }

    public var description: String { text }

    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return Self.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            // Zero or more whole segments, but never the last one a following pattern needs.
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let part = path.first, matchSegment(Array(head.utf8)[...], Array(part.utf8)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*` within one segment: classic backtracking over bytes (segments are short).
    private static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        if p == UInt8(ascii: "*") {
            var rest = text
            while true {
                if matchSegment(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let t = text.first, t == p else { return false }
        return matchSegment(pattern.dropFirst(), text.dropFirst())
    }
}
