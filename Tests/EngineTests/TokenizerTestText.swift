@testable import Engine

/// Seeded generators of test text for the tokenizer tests.
enum TokenizerTestText {
    /// Ranges of Unicode scalars to draw from: many scripts, marks, emoji, controls, odd spaces.
    private static let scalarRanges: [ClosedRange<UInt32>] = [
        0x20...0x7E,        // printable ASCII
        0x00...0x1F,        // C0 controls, including \n \t \r and NUL
        0x7F...0x7F,        // DEL
        0xA0...0xFF,        // Latin-1 (NBSP, accented letters)
        0x300...0x36F,      // combining diacritical marks
        0x391...0x3C9,      // Greek
        0x410...0x44F,      // Cyrillic
        0x5D0...0x5EA,      // Hebrew
        0x627...0x64A,      // Arabic
        0x905...0x939,      // Devanagari
        0x200B...0x200D,    // zero-width space, non-joiner, joiner
        0x2028...0x2029,    // line and paragraph separators
        0x3000...0x3000,    // ideographic space
        0x3041...0x3096,    // Hiragana
        0x4E00...0x4FFF,    // CJK ideographs
        0xFE0F...0xFE0F,    // variation selector 16
        0x1F1E6...0x1F1FF,  // regional indicators (flags)
        0x1F300...0x1F64F,  // emoji
        0x10FFFD...0x10FFFD // the last private-use scalar
    ]

    /// Pieces that stress the special-token matcher and the word splitter.
    private static let pieces = ["<think>", "</think>", "<answer>", "</answer>", "<|user|>", "<|end|>",
                                 "<thi", "<|", "|>", "</", "<<think>>", "  ", " ", "\r\n", "\n\n", "'s", "123"]

    /// A random string of about `length` scalars mixing all of the above.
    static func randomUnicode(length: Int, rng: inout SeededRandom) -> String {
        var s = String.UnicodeScalarView()
        while s.count < length {
            if rng.nextInt(below: 10) == 0 {
                s.append(contentsOf: pieces[rng.nextInt(below: pieces.count)].unicodeScalars)
                continue
            }
            let range = scalarRanges[rng.nextInt(below: scalarRanges.count)]
            let value = range.lowerBound + UInt32(rng.nextInt(below: Int(range.upperBound - range.lowerBound) + 1))
            if let scalar = Unicode.Scalar(value) { s.append(scalar) }
        }
        return String(s)
    }

    /// About `bytes` bytes of English-like prose: Zipf-distributed words from a generated lexicon,
    /// sentences with punctuation and numbers, some accented words, paragraphs, chat markup.
    static func prose(bytes: Int, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        let consonants = Array("bcdfghjklmnprstvwz"), vowels = Array("aeiou")
        var lexicon = [String]()
        for k in 0..<3000 {
            var w = ""
            for _ in 0..<(1 + rng.nextInt(below: 3)) {
                w.append(consonants[rng.nextInt(below: consonants.count)])
                w.append(vowels[rng.nextInt(below: vowels.count)])
                if rng.nextInt(below: 3) == 0 { w.append(consonants[rng.nextInt(below: consonants.count)]) }
            }
            if k % 50 == 7 { w += "é" }
            lexicon.append(w)
        }
        // Zipf weights 1/(rank+1), sampled through the cumulative sums.
        var cumulative = [Double](), total = 0.0
        for r in 0..<lexicon.count { total += 1 / Double(r + 1); cumulative.append(total) }
        func word() -> String {
            let u = rng.nextDouble() * total
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < u { lo = mid + 1 } else { hi = mid } }
            return lexicon[lo]
        }
        var out = ""
        out.reserveCapacity(bytes + 200)
        while out.utf8.count < bytes {
            var sentence = word().capitalized
            for _ in 0..<(4 + rng.nextInt(below: 12)) {
                switch rng.nextInt(below: 20) {
                case 0: sentence += ", " + word()
                case 1: sentence += " " + String(rng.nextInt(below: 2000))
                default: sentence += " " + word()
                }
            }
            sentence += [".", ".", ".", "!", "?"][rng.nextInt(below: 5)]
            switch rng.nextInt(below: 12) {
            case 0: out += "\n\n"
            case 1: out += "<|user|>" + sentence + "<|end|><|assistant|><think>" + word() + "</think>"
                continue
            default: out += " "
            }
            out += sentence
        }
        return out
    }
}
