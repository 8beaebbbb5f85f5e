/// The special tokens of one tokenizer, with their ids, and the matcher that finds them in text.
///
/// In Spar's own kinds special token `k` has id `256 + k`; a tokenizer read from a checkpoint gives
/// each its own id (`init(texts:ids:context:)`). Encoding with Spar's kinds splits the text at every
/// occurrence of a special token's text (the longest one wins where two start at the same place);
/// the pieces in between go to the tokenizer's byte-level encoder.
public struct SpecialTokenSet: Equatable, Sendable {
    /// The id of the first special token of Spar's own kinds: the ids below it are the 256 bytes.
    public static let firstID = 256
    /// A generous bound that keeps a hostile file from making encoding slow.
    static let maximumCount = 4096
    static let maximumLength = 256
    /// Bounds for vocabularies read from checkpoints, which may carry thousands of added tokens.
    static let maximumCheckpointCount = 1 << 20
    static let maximumCheckpointLength = 4096

    /// The texts, in the order given (for Spar's kinds: id order).
    public let texts: [String]
    /// The id of each text.
    public let ids: [Int]
    /// UTF-8 of each text, in the same order.
    let utf8: [[UInt8]]
    /// For each first byte, the indices of the specials that start with it, longest first.
    private let candidatesByFirstByte: [[Int]]
    private let idByText: [String: Int]

    /// Validates and indexes `texts` with ids 256, 257, ...; `context` starts the error message.
    public init(_ texts: [String], context: String) throws {
        guard texts.count <= Self.maximumCount else {
            throw EngineError("\(context): \(texts.count) special tokens is more than the limit of \(Self.maximumCount)")
        }
        try self.init(texts: texts, ids: texts.indices.map { Self.firstID + $0 }, context: context,
                      maximumLength: Self.maximumLength)
    }

    /// Special tokens at arbitrary ids (a checkpoint's vocabulary). Texts must be distinct and
    /// non-empty; ids must be non-negative.
    public init(texts: [String], ids: [Int], context: String) throws {
        guard texts.count <= Self.maximumCheckpointCount else {
            throw EngineError("\(context): \(texts.count) special tokens is more than the limit of \(Self.maximumCheckpointCount)")
        }
        try self.init(texts: texts, ids: ids, context: context, maximumLength: Self.maximumCheckpointLength)
    }

    private init(texts: [String], ids: [Int], context: String, maximumLength: Int) throws {
        guard texts.count == ids.count else {
            throw EngineError("\(context): \(texts.count) special token texts but \(ids.count) ids")
        }
        var seen = [String: Int](minimumCapacity: texts.count)
        for (k, text) in texts.enumerated() {
            if text.isEmpty { throw EngineError("\(context): special token \(k) is the empty string") }
            if text.utf8.count > maximumLength {
                throw EngineError("\(context): special token \(k) is longer than \(maximumLength) bytes")
            }
            if ids[k] < 0 { throw EngineError("\(context): special token \(text.debugDescription) has the negative id \(ids[k])") }
            if seen.updateValue(ids[k], forKey: text) != nil {
                throw EngineError("\(context): special token \(text.debugDescription) appears twice")
            }
        }
        self.texts = texts
        self.ids = ids
        idByText = seen
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
        self.texts = texts; ids = []; utf8 = []; idByText = [:]
        candidatesByFirstByte = Array(repeating: [], count: 256)
    }

    public var count: Int { texts.count }

    /// The id of the special token with this text, or nil.
    public func id(of text: String) -> Int? { idByText[text] }

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
            special(ids[matched])
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

    public static func == (a: SpecialTokenSet, b: SpecialTokenSet) -> Bool { a.texts == b.texts && a.ids == b.ids }
}
