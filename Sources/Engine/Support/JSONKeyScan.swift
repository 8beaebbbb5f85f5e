/// The keys of a JSON object's top level, in file order and with repeats kept. Foundation's
/// `JSONSerialization` silently keeps one value of a repeated key, so formats where a repeated name
/// is an error (safetensors) scan the keys themselves. The input is assumed to be valid JSON (it is
/// parsed by Foundation too); the scanner only needs to find where each top-level key starts.
enum JSONKeyScan {
    /// The top-level keys of `bytes`, or nil when it does not hold a JSON object.
    static func topLevelKeys<C: Collection>(_ bytes: C) -> [String]? where C.Element == UInt8, C.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func skipSpace() { while i < end, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        skipSpace()
        guard i < end, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var keys: [String] = []
        while true {
            skipSpace()
            guard i < end else { return nil }
            if bytes[i] == UInt8(ascii: "}") { return keys }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            guard bytes[i] == UInt8(ascii: "\""), let key = readString(bytes, &i) else { return nil }
            keys.append(key)
            skipSpace()
            guard i < end, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipValue(bytes, &i)
        }
    }

    /// Reads the string literal starting at `i` (a quote), leaving `i` after its closing quote.
    private static func readString<C: Collection>(_ bytes: C, _ i: inout Int) -> String? where C.Element == UInt8, C.Index == Int {
        i += 1
        var out: [UInt8] = []
        var pendingHigh: UInt32?
        while i < bytes.endIndex {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard i < bytes.endIndex else { return nil }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.endIndex, let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { return nil }
                i += 4
                var scalar: Unicode.Scalar?
                if (0xD800..<0xDC00).contains(code) { pendingHigh = code; continue }
                if (0xDC00..<0xE000).contains(code), let high = pendingHigh {
                    scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                } else {
                    scalar = Unicode.Scalar(code)
                }
                pendingHigh = nil
                out.append(contentsOf: Array(String(scalar ?? "\u{FFFD}").utf8))
            default: out.append(e)   // \" \\ \/
            }
        }
        return nil
    }

    /// Moves `i` past one JSON value (string, number, literal, or a nested object or list).
    private static func skipValue<C: Collection>(_ bytes: C, _ i: inout Int) where C.Element == UInt8, C.Index == Int {
        var depth = 0
        while i < bytes.endIndex {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.endIndex, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                i = j + 1
                if depth == 0 { return }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return }
                depth -= 1
                if depth == 0 { i += 1; return }
            case UInt8(ascii: ","):
                if depth == 0 { return }
            default: break
            }
            i += 1
        }
    }
}
