/// The special tokens of one tokenizer and the matcher that finds them in text.
///
/// Special token `k` has id `256 + k`. Encoding splits the text at every occurrence of a special
/// token's text (the longest one wins where two start at the same place); the pieces in between go
/// to the tokenizer's byte-level encoder.
public struct SpecialTokenSet: Equatable, Sendable {
    /// The id of the first special token: the ids below it are the 256 bytes.
    public static let firstID = 256
    /// A generous bound that keeps a hostile file from making encoding slow.
    static let maximumCount = 4096
    static let maximumLength = 256

    /// The texts in id order.
    public let texts: [String]
    /// UTF-8 of each text, in id order.
    let utf8: [[UInt8]]
    /// For each first byte, the indices of the specials that start with it, longest first.
    private let candidatesByFirstByte: [[Int]]

    /// Validates and indexes `texts`; `context` starts the error message ("bpe", a file name).
    public init(_ texts: [String], context: String) throws {
        guard texts.count <= Self.maximumCount else {
            throw EngineError("\(context): \(texts.count) special tokens is more than the limit of \(Self.maximumCount)")
        }
        var seen = Set<String>()
        for (k, text) in texts.enumerated() {
            if text.isEmpty { throw EngineError("\(context): special token \(k) is the empty string") }
            if text.utf8.count > Self.maximumLength {
                throw EngineError("\(context): special token \(k) is longer than \(Self.maximumLength) bytes")
            }
            if !seen.insert(text).inserted {
                throw EngineError("\(context): special token \(text.debugDescription) appears twice")
            }
        }
        self.texts = texts
        let utf8 = texts.map { Array($0.utf8) }
        self.utf8 = utf8
        var candidates = [[Int]](repeating: [], count: 256)
        for (k, bytes) in utf8.enumerated() { candidates[Int(bytes[0])].append(k) }
        // Longest first, so "<|assistant|>" wins over a shorter special that is its prefix.
        for b in 0..<256 { candidates[b].sort { (utf8[$0].count, $1) > (utf8[$1].count, $0) } }
        candidatesByFirstByte = candidates
    }

    /// The standard set of `SpecialToken`.
    public static let standard: SpecialTokenSet = {
        // The standard texts are fixed, distinct and non-empty, so validation cannot fail; the
        // fallback keeps this free of `try!` all the same.
        (try? SpecialTokenSet(SpecialToken.standardTexts, context: "special tokens")) ?? SpecialTokenSet(unchecked: [])
    }()

    private init(unchecked texts: [String]) {
        self.texts = texts; utf8 = []; candidatesByFirstByte = Array(repeating: [], count: 256)
    }

    public var count: Int { texts.count }

    /// The id of the special token with this text, or nil.
    public func id(of text: String) -> Int? {
        texts.firstIndex(of: text).map { Self.firstID + $0 }
    }

    /// Walks `bytes` in order, calling `plain` for each maximal run without special tokens and
    /// `special` with the id of each special token found. Together the calls cover every byte once.
    func split(_ bytes: UnsafeBufferPointer<UInt8>, plain: (Range<Int>) -> Void, special: (Int) -> Void) {
        let n = bytes.count
        var runStart = 0, i = 0
        while i < n {
            let candidates = candidatesByFirstByte[Int(bytes[i])]
            var matched = -1
            for k in candidates where matches(utf8[k], in: bytes, at: i) { matched = k; break }
            if matched < 0 { i += 1; continue }
            if runStart < i { plain(runStart..<i) }
            special(Self.firstID + matched)
            i += utf8[matched].count
            runStart = i
        }
        if runStart < n { plain(runStart..<n) }
    }

    private func matches(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard bytes.count - start >= pattern.count else { return false }
        for (j, b) in pattern.enumerated() where bytes[start + j] != b { return false }
        return true
    }

    public static func == (a: SpecialTokenSet, b: SpecialTokenSet) -> Bool { a.texts == b.texts }
}
