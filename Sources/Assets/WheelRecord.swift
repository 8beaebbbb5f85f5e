/// A wheel's `RECORD` file (PEP 376/427): one CSV line per file, `path,sha256=DIGEST,size`, the
/// digest in URL-safe base64 without padding. Every file the fetcher keeps is checked against it,
/// on top of the SHA-256 of the whole wheel.
struct WheelRecord {
    struct Line: Equatable {
        var digest: String
        var size: UInt64?
    }

    private(set) var lines: [String: Line] = [:]

    init(text: String, file: String) throws {
        // `isNewline`, not "\n": in Swift "\r\n" is one Character, and some wheels use it.
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.isEmpty { continue }
            let fields = try Self.fields(of: line, file: file, line: number + 1)
            guard fields.count == 3 else {
                throw AssetError("\(file):\(number + 1): expected 3 fields (path,hash,size), found \(fields.count)")
            }
            // RECORD lists itself (and signatures) without a hash.
            guard !fields[1].isEmpty else { continue }
            guard fields[1].hasPrefix("sha256=") else {
                throw AssetError("\(file):\(number + 1): unsupported hash '\(fields[1])' (only sha256 is checked)")
            }
            lines[fields[0]] = Line(digest: String(fields[1].dropFirst("sha256=".count)), size: UInt64(fields[2]))
        }
    }

    subscript(path: String) -> Line? { lines[path] }

    /// Comma-separated fields; a field may be double-quoted, with `""` for a quote inside.
    private static func fields(of line: Substring, file: String, line number: Int) throws -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if quoted {
                if c == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" && current.isEmpty {
                quoted = true
            } else if c == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
            index = line.index(after: index)
        }
        guard !quoted else { throw AssetError("\(file):\(number): unterminated quoted field") }
        fields.append(current)
        return fields
    }
}
