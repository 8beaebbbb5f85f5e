/// The Unicode classes the pre-tokenizer rules test, as bit flags per scalar, and a decoded view of a
/// piece of UTF-8 text with one flag byte per scalar.
///
/// `\p{L}` is the general categories Lu Ll Lt Lm Lo, `\p{N}` is Nd Nl No, `\p{P}` is Pc Pd Ps Pe Pi Pf
/// Po, and `\s` is the White_Space property — what Oniguruma (Hugging Face `tokenizers`) and
/// llama.cpp use. Scalars below U+20000 are looked up in a table built once from Swift's Unicode data.
enum ScalarClass {
    static let letter: UInt8 = 1
    static let number: UInt8 = 2
    static let space: UInt8 = 4
    /// `\r` or `\n`.
    static let newline: UInt8 = 8
    static let punctuation: UInt8 = 16
    /// U+0020 exactly (the literal space of the patterns).
    static let blank: UInt8 = 32
    /// `'` U+0027.
    static let apostrophe: UInt8 = 64
    /// `0`...`9`.
    static let asciiDigit: UInt8 = 128

    /// Not a letter, a number or whitespace: `[^\s\p{L}\p{N}]`.
    @inline(__always)
    static func isOther(_ f: UInt8) -> Bool { f & (letter | number | space) == 0 }

    private static let tableSize = 0x20000
    /// Flags of every scalar below U+20000 (surrogates get 0).
    private static let table: [UInt8] = {
        var out = [UInt8](repeating: 0, count: tableSize)
        for v in 0..<UInt32(tableSize) {
            if let s = Unicode.Scalar(v) { out[Int(v)] = compute(s) }
        }
        return out
    }()

    @inline(__always)
    static func flags(_ value: UInt32) -> UInt8 {
        if value < UInt32(tableSize) { return table[Int(value)] }
        guard let s = Unicode.Scalar(value) else { return 0 }
        return compute(s)
    }

    static func compute(_ s: Unicode.Scalar) -> UInt8 {
        var f: UInt8 = 0
        let p = s.properties
        switch p.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: f |= letter
        case .decimalNumber, .letterNumber, .otherNumber: f |= number
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: f |= punctuation
        default: break
        }
        if p.isWhitespace { f |= space }
        switch s.value {
        case 0x0A, 0x0D: f |= newline
        case 0x20: f |= blank
        case 0x27: f |= apostrophe
        case 0x30...0x39: f |= asciiDigit
        default: break
        }
        return f
    }
}

/// A piece of UTF-8 text decoded into scalars: `flags[i]` are the classes of scalar `i`, which
/// starts at byte `offsets[i]` of `bytes`; `offsets[count]` is the end. Reused between calls.
struct ScalarRun {
    var flags: [UInt8] = []
    var offsets: [Int] = []
    var count: Int { flags.count }

    /// Decodes `bytes[range]` (valid UTF-8: it comes from a Swift string).
    mutating func load(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        flags.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b0 = bytes[i]
            var value: UInt32
            var length: Int
            if b0 < 0x80 { value = UInt32(b0); length = 1 }
            else if b0 < 0xE0 { value = UInt32(b0 & 0x1F); length = 2 }
            else if b0 < 0xF0 { value = UInt32(b0 & 0x0F); length = 3 }
            else { value = UInt32(b0 & 0x07); length = 4 }
            if i + length > end { length = end - i }
            var j = 1
            while j < length { value = value << 6 | UInt32(bytes[i + j] & 0x3F); j += 1 }
            flags.append(ScalarClass.flags(value))
            offsets.append(i)
            i += length
        }
        offsets.append(end)
    }
}
