/// The hand-written matchers of the named pre-tokenizer rules (`PreTokenizerRule`).
///
/// Each takes the scalar flags of a piece and a start position, and returns where the rule's regular
/// expression, matched at that position, ends (`start` when it does not match there). They follow
/// the regex's alternatives in order, with the same greediness and backtracking, so the result is
/// the regex's leftmost-first match; `end` is the end of the piece, where the lookahead `(?!\S)`
/// succeeds because the next rule sees each piece as a whole string.
struct ScalarMatcher {
    let flags: UnsafePointer<UInt8>
    let offsets: UnsafePointer<Int>
    let bytes: UnsafePointer<UInt8>

    @inline(__always) func f(_ i: Int) -> UInt8 { flags[i] }

    /// The single ASCII byte of scalar `i`, or 0 if it is not ASCII.
    @inline(__always) func ascii(_ i: Int) -> UInt8 {
        let o = offsets[i]
        return offsets[i + 1] - o == 1 ? bytes[o] : 0
    }

    @inline(__always) func run(_ i: Int, _ end: Int, _ mask: UInt8) -> Int {
        var j = i
        while j < end && flags[j] & mask != 0 { j += 1 }
        return j
    }

    @inline(__always) func runOther(_ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end && ScalarClass.isOther(flags[j]) { j += 1 }
        return j
    }

    /// `'s|'t|'re|'ve|'m|'ll|'d` at `i` (an apostrophe), case-insensitively if asked, where the
    /// insensitive `s` also matches `ſ` U+017F as Oniguruma's case folding does. Returns the end or i.
    func contraction(_ i: Int, _ end: Int, caseInsensitive: Bool) -> Int {
        guard i + 1 < end else { return i }
        let fold: UInt8 = caseInsensitive ? 0x20 : 0
        let c1 = ascii(i + 1) | fold
        switch c1 {
        case UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "m"), UInt8(ascii: "d"): return i + 2
        case UInt8(ascii: "r"), UInt8(ascii: "v"), UInt8(ascii: "l"):
            guard i + 2 < end else { return i }
            let want: UInt8 = c1 == UInt8(ascii: "l") ? UInt8(ascii: "l") : UInt8(ascii: "e")
            return ascii(i + 2) | fold == want ? i + 3 : i
        default:
            if caseInsensitive {
                let o = offsets[i + 1]
                if offsets[i + 2] - o == 2 && bytes[o] == 0xC5 && bytes[o + 1] == 0xBF { return i + 2 }
            }
            return i
        }
    }

    /// The whitespace alternatives `\s+(?!\S)|\s+` at `i` (a whitespace scalar).
    @inline(__always) func trailingSpace(_ i: Int, _ j: Int, _ end: Int) -> Int {
        if j == end { return j }
        return j - i >= 2 ? j - 1 : j
    }

    func gpt2(_ i: Int, _ end: Int) -> Int {
        let c = flags[i]
        if c & ScalarClass.apostrophe != 0 {
            let j = contraction(i, end, caseInsensitive: false)
            if j > i { return j }
        }
        if c & ScalarClass.blank != 0 && i + 1 < end {
            let d = flags[i + 1]
            if d & ScalarClass.letter != 0 { return run(i + 1, end, ScalarClass.letter) }
            if d & ScalarClass.number != 0 { return run(i + 1, end, ScalarClass.number) }
            if ScalarClass.isOther(d) { return runOther(i + 1, end) }
        }
        if c & ScalarClass.letter != 0 { return run(i, end, ScalarClass.letter) }
        if c & ScalarClass.number != 0 { return run(i, end, ScalarClass.number) }
        if ScalarClass.isOther(c) { return runOther(i, end) }
        return trailingSpace(i, run(i, end, ScalarClass.space), end)
    }

    /// The Llama 3 pattern; `maxDigits` is 3 (Llama 3) or 1 (Qwen 2).
    func llama3(_ i: Int, _ end: Int, maxDigits: Int) -> Int {
        let c = flags[i]
        if c & ScalarClass.apostrophe != 0 {
            let j = contraction(i, end, caseInsensitive: true)
            if j > i { return j }
        }
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if c & ScalarClass.letter != 0 { return run(i, end, ScalarClass.letter) }
        if c & (ScalarClass.newline | ScalarClass.number) == 0 && i + 1 < end && flags[i + 1] & ScalarClass.letter != 0 {
            return run(i + 1, end, ScalarClass.letter)
        }
        // \p{N}{1,maxDigits}
        if c & ScalarClass.number != 0 {
            var j = i + 1
            while j < end && j - i < maxDigits && flags[j] & ScalarClass.number != 0 { j += 1 }
            return j
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
        var k = i
        if c & ScalarClass.blank != 0 && i + 1 < end && ScalarClass.isOther(flags[i + 1]) { k = i + 1 }
        if ScalarClass.isOther(flags[k]) {
            return run(runOther(k, end), end, ScalarClass.newline)
        }
        // c is whitespace: \s*[\r\n]+ | \s+(?!\S) | \s+
        let j = run(i, end, ScalarClass.space)
        var p = j - 1
        while p >= i && flags[p] & ScalarClass.newline == 0 { p -= 1 }
        if p >= i { return p + 1 }
        return trailingSpace(i, j, end)
    }

    /// `[\p{P}\$\+<=>\^~\|]+`
    func punctuationRun(_ i: Int, _ end: Int) -> Int {
        var j = i
        while j < end {
            if flags[j] & ScalarClass.punctuation == 0 {
                switch ascii(j) {
                case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
                     UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "|"): break
                default: return j
                }
            }
            j += 1
        }
        return j
    }

    func match(_ rule: PreTokenizerRule, _ i: Int, _ end: Int) -> Int {
        switch rule {
        case .gpt2: return gpt2(i, end)
        case .llama3: return llama3(i, end, maxDigits: 3)
        case .qwen2: return llama3(i, end, maxDigits: 1)
        case .digits: return flags[i] & ScalarClass.number != 0 ? i + 1 : i
        case .digitRuns: return run(i, end, ScalarClass.number)
        case .threeDigits:
            return i + 2 < end && flags[i] & flags[i + 1] & flags[i + 2] & ScalarClass.asciiDigit != 0 ? i + 3 : i
        case .punctuationRuns: return punctuationRun(i, end)
        case .prefixSpace, .regex: return i
        }
    }
}
