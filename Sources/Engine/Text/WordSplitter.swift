/// Splits text into the "words" that BPE merges never cross, without regular expressions.
///
/// The rule is GPT-2-like and works on the UTF-8 bytes of a valid string:
/// - a word is a run of letters (combining marks count as letters, so `é` written as `e` + U+0301
///   stays whole), a run of digits, or a run of other characters (punctuation, symbols, emoji);
/// - a single space U+0020 directly before such a run belongs to it (`" world"`);
/// - other whitespace forms its own words; in a run of whitespace followed by a word, the last
///   space (if it is U+0020) is left for that word, as GPT-2's `\s+(?!\S)` does;
/// - a word is cut after `maximumWordBytes` bytes (at a character boundary where possible), which
///   bounds the work per word on hostile input such as a megabyte without spaces.
///
/// The words partition the input: their concatenation is the input, byte for byte.
///
///     "Hello, world!\n" -> "Hello" "," " world" "!" "\n"
enum WordSplitter {
    /// The longest word in bytes; longer runs are cut into pieces of at most this size.
    static let maximumWordBytes = 64

    enum CharacterClass: UInt8 { case letter, digit, space, other }

    /// Classes of the ASCII bytes, looked up without decoding.
    private static let asciiClasses: [CharacterClass] = (0..<128).map { b in
        switch UInt8(b) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .digit
        case 0x09...0x0D, 0x20: return .space
        default: return .other
        }
    }

    /// The class and byte length of the character starting at `i` (a Unicode scalar; an invalid
    /// byte counts as a one-byte "other" character, so this never fails).
    @inline(__always)
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> (CharacterClass, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (asciiClasses[Int(b0)], 1) }
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: return (.other, 1)
        }
        guard i + length <= bytes.count else { return (.other, 1) }
        for j in 1..<length {
            let b = bytes[i + j]
            guard b & 0xC0 == 0x80 else { return (.other, 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return (.other, length) }
        return (classOf(scalar), length)
    }

    private static func classOf(_ scalar: Unicode.Scalar) -> CharacterClass {
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .digit
        default:
            return .other
        }
    }

    /// Calls `word` with the byte range of each word of `bytes[range]`, in order.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, word: (Range<Int>) -> Void) {
        let end = range.upperBound
        var i = range.lowerBound
        while i < end {
            let start = i
            var (cls, len) = classify(bytes, i)
            if cls == .space {
                // A whitespace run; leave a final U+0020 to the word that follows it.
                var j = i + len
                var lastStart = i
                while j < end {
                    let (c, l) = classify(bytes, j)
                    if c != .space { break }
                    lastStart = j
                    j += l
                }
                if j < end, lastStart > start, bytes[lastStart] == 0x20 { j = lastStart }
                if j == start + 1, bytes[start] == 0x20, j < end {
                    // A lone space before a word: it starts that word.
                    (cls, len) = classify(bytes, j)
                    i = j
                } else {
                    i = emitCapped(start, j, bytes, word)
                    continue
                }
            }
            // A run of one class, starting at i (possibly after a leading space at `start`).
            var j = i + len
            while j < end {
                let (c, l) = classify(bytes, j)
                if c != cls || j + l - start > maximumWordBytes { break }
                j += l
            }
            // A single character longer than the cap cannot happen (at most 4 bytes < 64).
            word(start..<j)
            i = j
        }
    }

    /// Emits `start..<end` as words of at most `maximumWordBytes`, cut at character boundaries;
    /// returns `end`.
    private static func emitCapped(_ start: Int, _ end: Int, _ bytes: UnsafeBufferPointer<UInt8>,
                                   _ word: (Range<Int>) -> Void) -> Int {
        var s = start
        while s < end {
            var j = s
            while j < end {
                let (_, l) = classify(bytes, j)
                if j + l - s > maximumWordBytes { break }
                j += l
            }
            word(s..<j)
            s = j
        }
        return end
    }
}
