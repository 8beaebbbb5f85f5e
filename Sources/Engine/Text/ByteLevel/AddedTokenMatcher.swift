/// Finds a vocabulary's added tokens (specials such as `<|im_start|>`, user-defined ones such as
/// `<think>`) in text before it is split into words, as Hugging Face's `AddedVocabulary` does:
/// leftmost-longest, non-overlapping matches; `single_word` tokens only where no word character
/// touches them; `lstrip`/`rstrip` tokens take the whitespace beside them into their match.
struct AddedTokenMatcher: Sendable {
    struct Entry: Sendable {
        let id: Int
        let singleWord: Bool
        let lstrip: Bool
        let rstrip: Bool
    }

    private var entries: [Entry] = []
    /// Trie over the tokens' bytes: edges keyed by `node << 8 | byte`; node 0 is the root.
    private var edges: [Int: Int32] = [:]
    /// The entry a node completes, or -1.
    private var terminal: [Int32] = [-1]
    /// Bytes that start some token: the fast path skips every other byte.
    private var startsToken = [Bool](repeating: false, count: 256)

    var isEmpty: Bool { entries.isEmpty }

    /// Adds a token; a later token with the same bytes replaces the earlier one.
    mutating func add(_ bytes: [UInt8], _ entry: Entry) {
        guard let first = bytes.first else { return }
        startsToken[Int(first)] = true
        var node = 0
        for b in bytes {
            let key = node << 8 | Int(b)
            if let child = edges[key] { node = Int(child) } else {
                terminal.append(-1)
                let child = terminal.count - 1
                edges[key] = Int32(truncatingIfNeeded: child)
                node = child
            }
        }
        terminal[node] = Int32(truncatingIfNeeded: entries.count)
        entries.append(entry)
    }

    /// Walks `bytes[range]`, calling `plain` for the text between matches and `token` with each
    /// matched id. Together the calls cover the range in order.
    func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
               plain: (Range<Int>) -> Void, token: (Int) -> Void) {
        if entries.isEmpty { if !range.isEmpty { plain(range) }; return }
        let end = range.upperBound
        var consumed = range.lowerBound   // start of the text not yet given out
        var i = range.lowerBound
        while i < end {
            guard startsToken[Int(bytes[i])] else { i += 1; continue }
            // The longest token starting at i.
            var node = 0, j = i, best = -1, bestEnd = i
            while j < end, let child = edges[node << 8 | Int(bytes[j])] {
                node = Int(child); j += 1
                if terminal[node] >= 0 { best = Int(terminal[node]); bestEnd = j }
            }
            guard best >= 0 else { i += 1; continue }
            let e = entries[best]
            var start = i, stop = bestEnd
            if e.singleWord && ((start > range.lowerBound && Self.endsWithWord(bytes, range.lowerBound, start))
                                || (stop < end && Self.startsWithWord(bytes, stop, end))) {
                i = bestEnd   // discarded, but its text is passed over as a match would be
                continue
            }
            if e.lstrip { start = max(Self.whitespaceStart(bytes, consumed, start), consumed) }
            if e.rstrip { stop = Self.whitespaceEnd(bytes, stop, end) }
            if consumed < start { plain(consumed..<start) }
            token(e.id)
            consumed = stop
            i = stop
        }
        if consumed < end { plain(consumed..<end) }
    }

    // MARK: word and whitespace tests (Rust regex `\w` and `\s`, as the reference uses)

    /// The scalar that ends at `end` (the last one of `bytes[lower..<end]`).
    private static func scalar(before end: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int) -> (Unicode.Scalar, Int)? {
        var s = end - 1
        while s > lower && bytes[s] & 0xC0 == 0x80 { s -= 1 }
        guard s >= lower else { return nil }
        return decode(bytes, s, end).map { ($0, s) }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Unicode.Scalar? {
        var it = UnsafeBufferPointer(rebasing: bytes[i..<min(end, i + 4)]).makeIterator()
        var d = UTF8()
        if case .scalarValue(let s) = d.decode(&it) { return s }
        return nil
    }

    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        if p.isAlphabetic || p.isJoinControl { return true }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .connectorPunctuation: return true
        default: return false
        }
    }

    private static func endsWithWord(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ end: Int) -> Bool {
        scalar(before: end, bytes, lower).map { isWord($0.0) } ?? false
    }

    private static func startsWithWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        decode(bytes, start, end).map(isWord) ?? false
    }

    /// Where the whitespace that ends at `end` starts (not before `lower`).
    private static func whitespaceStart(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ end: Int) -> Int {
        var e = end
        while e > lower, let (s, at) = scalar(before: e, bytes, lower), s.properties.isWhitespace { e = at }
        return e
    }

    /// Where the whitespace that starts at `start` ends.
    private static func whitespaceEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end, let s = decode(bytes, i, end), s.properties.isWhitespace { i += String(s).utf8.count }
        return i
    }
}
