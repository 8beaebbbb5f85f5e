/// GPT-2's byte-to-character mapping, which byte-level BPE vocabularies are written in.
///
/// Each of the 256 bytes is spelled as one printable character: the bytes `!`...`~`, `¡`...`¬` and
/// `®`...`ÿ` as themselves, the other 68 (controls, space, DEL, NBSP, soft hyphen) as U+0100,
/// U+0101, ... in byte order. So a space is `Ġ` (U+0120) and a newline `Ċ` (U+010A), and the
/// token `Ġworld` has the bytes " world".
enum ByteLevelAlphabet {
    /// The character of each byte.
    static let scalarOfByte: [Unicode.Scalar] = {
        var out = [Unicode.Scalar](repeating: " ", count: 256)
        var next: UInt32 = 256
        for b in 0..<256 {
            let printable = (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
            let value = printable ? UInt32(b) : next
            if !printable { next += 1 }
            out[b] = Unicode.Scalar(value) ?? " "
        }
        return out
    }()

    /// The byte of each alphabet character, indexed by scalar value (all are below U+0144).
    private static let byteOfScalar: [Int16] = {
        var out = [Int16](repeating: -1, count: 0x144)
        for (b, s) in scalarOfByte.enumerated() { out[Int(s.value)] = Int16(b) }
        return out
    }()

    /// The byte a character spells, or nil if it is not in the alphabet.
    @inline(__always)
    static func byte(of scalar: Unicode.Scalar) -> UInt8? {
        let v = Int(scalar.value)
        guard v < byteOfScalar.count, byteOfScalar[v] >= 0 else { return nil }
        return UInt8(truncatingIfNeeded: byteOfScalar[v])
    }

    /// The bytes a token spelling stands for, or nil if a character is outside the alphabet.
    static func bytes(ofSpelling text: String) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            guard let b = byte(of: s) else { return nil }
            out.append(b)
        }
        return out
    }

    /// The bytes of a token as Hugging Face's ByteLevel decoder gives them: the spelled bytes when
    /// every character is in the alphabet, else the UTF-8 of the text itself (added tokens such as
    /// `<|im start|>` with a space, or a CJK special).
    static func decodedBytes(of token: String) -> [UInt8] {
        bytes(ofSpelling: token) ?? Array(token.utf8)
    }

    /// The spelling of some bytes (for files and display).
    static func spelling(of bytes: [UInt8]) -> String {
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(scalarOfByte[Int(b)]) }
        return String(s)
    }
}
