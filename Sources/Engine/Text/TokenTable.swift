/// The bytes behind every token id of a tokenizer, which ids are special, the ids of Spar's
/// standard roles, and decoding by them.
///
/// In Spar's own kinds id `i < 256` is the byte `i`; ids `256..<256 + specials.count` are the special
/// tokens (their bytes are their UTF-8 text); every later id is a merged token whose bytes are the
/// concatenation of the two tokens it merges. A checkpoint's vocabulary gives every id its bytes
/// directly (`init(pieces:specials:skipped:roles:unknownID:)`).
public struct TokenTable: Sendable {
    /// The special (and added) tokens with their ids.
    public let specials: SpecialTokenSet
    /// The bytes of each id.
    let pieces: [[UInt8]]
    /// True for the ids that `decode(skippingSpecials: true)` leaves out.
    private let skippedFlags: [Bool]
    /// The ids of Spar's standard roles that this vocabulary has.
    public let roles: [SpecialToken: Int]
    /// The id that stands for text the vocabulary cannot spell, if any.
    public let unknownID: Int?
    /// The text of each special token by id, for display.
    private let specialText: [Int: String]

    /// A table of the bytes, the specials and the merged tokens (`merges[r]` defines id
    /// `256 + specials.count + r`). The merges must already be validated.
    init(specials: SpecialTokenSet, merges: [TokenPair]) {
        self.specials = specials
        var pieces = (0..<256).map { [UInt8($0)] }
        pieces.append(contentsOf: specials.utf8)
        pieces.reserveCapacity(pieces.count + merges.count)
        for pair in merges { pieces.append(pieces[pair.left] + pieces[pair.right]) }
        self.pieces = pieces
        let first = SpecialTokenSet.firstID
        skippedFlags = pieces.indices.map { $0 >= first && $0 < first + specials.count }
        var roles = [SpecialToken: Int]()
        for role in SpecialToken.allCases { roles[role] = specials.id(of: role.text) }
        self.roles = roles
        unknownID = nil
        specialText = Dictionary(zip(specials.ids, specials.texts), uniquingKeysWith: { a, _ in a })
    }

    /// A table for any vocabulary: `pieces[id]` are the bytes of token `id`, `specials` the tokens
    /// matched whole in text (each id must be below `pieces.count`), `skipped` the ids that
    /// decoding with `skippingSpecials` leaves out, `roles` the ids of Spar's standard roles.
    /// `context` starts error messages (a file name).
    public init(pieces: [[UInt8]], specials: SpecialTokenSet, skipped: [Int], roles: [SpecialToken: Int],
                unknownID: Int?, context: String) throws {
        let n = pieces.count
        func check(_ id: Int, _ what: String) throws {
            guard id >= 0 && id < n else { throw EngineError("\(context): \(what) id \(id) is outside the vocabulary (ids 0..<\(n))") }
        }
        for (text, id) in zip(specials.texts, specials.ids) { try check(id, "special token \(text.debugDescription)") }
        var flags = [Bool](repeating: false, count: n)
        for id in skipped { try check(id, "special token"); flags[id] = true }
        for (role, id) in roles { try check(id, "the \(role.text) role's") }
        if let unknownID { try check(unknownID, "unknown token") }
        self.pieces = pieces
        self.specials = specials
        skippedFlags = flags
        self.roles = roles
        self.unknownID = unknownID
        specialText = Dictionary(zip(specials.ids, specials.texts), uniquingKeysWith: { a, _ in a })
    }

    /// The bytes of all tokens together may not exceed this. Real vocabularies hold well under a
    /// megabyte (GPT-2's 50,000 tokens: about 340 kB), but merges may reuse a token on both sides,
    /// so each merge can double the longest token: 31 such merges in a 958-byte file would ask for
    /// 2 GB. Checked before the table is built.
    public static let maxTotalBytes = 64 << 20

    /// Throws when the tokens `merges` define would together hold more than `maxTotalBytes` bytes
    /// (or more than free memory). The merges must already be validated.
    static func checkSize(specials: SpecialTokenSet, merges: [TokenPair], context: String) throws {
        var lengths = [Int](repeating: 1, count: 256) + specials.utf8.map(\.count)
        var total = lengths.reduce(0, +)
        lengths.reserveCapacity(lengths.count + merges.count)
        for (rank, pair) in merges.enumerated() {
            let length = lengths[pair.left] + lengths[pair.right]
            total += length
            guard total <= maxTotalBytes else {
                throw EngineError("\(context): the tokens of the first \(rank + 1) merges already hold more than \(maxTotalBytes) bytes (merge \(rank) makes a token of \(length) bytes); not a real vocabulary")
            }
            lengths.append(length)
        }
        try MemoryLimit.check(bytes: total + 32 * lengths.count, for: "\(context): the token table")
    }

    /// Number of ids.
    public var count: Int { pieces.count }

    /// The id of the first merged token (Spar's own kinds).
    var firstMergeID: Int { SpecialTokenSet.firstID + specials.count }

    /// Whether decoding with `skippingSpecials` leaves `id` out.
    func isSpecial(_ id: Int) -> Bool { id >= 0 && id < skippedFlags.count && skippedFlags[id] }

    /// The raw bytes of a token; throws for an unknown id.
    public func bytes(of id: Int) throws -> [UInt8] {
        guard id >= 0 && id < pieces.count else { throw unknown(id) }
        return pieces[id]
    }

    func decode(_ ids: [Int], skippingSpecials: Bool) throws -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(ids.count * 4)
        for id in ids {
            guard id >= 0 && id < pieces.count else { throw unknown(id) }
            if skippingSpecials && isSpecial(id) { continue }
            bytes.append(contentsOf: pieces[id])
        }
        // Replaces ill-formed sequences with U+FFFD instead of failing.
        return String(decoding: bytes, as: UTF8.self)
    }

    func displayText(of id: Int) throws -> String {
        let bytes = try self.bytes(of: id)
        if let text = specialText[id] { return text }
        var out = ""
        var i = 0
        while i < bytes.count {
            // Decode one scalar if the bytes here are valid UTF-8, else escape one byte.
            var iterator = bytes[i...].makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                let length = String(scalar).utf8.count
                switch scalar {
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case "\\": out += "\\\\"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        out += "<0x" + hex(UInt8(scalar.value)) + ">"
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
                i += length
            } else {
                out += "<0x" + hex(bytes[i]) + ">"
                i += 1
            }
        }
        return out
    }

    private func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }

    private func unknown(_ id: Int) -> EngineError {
        EngineError("token id \(id) is outside the vocabulary (ids 0..<\(pieces.count))")
    }
}

/// Two adjacent tokens that BPE merges into one, by id.
public struct TokenPair: Hashable, Sendable, CustomStringConvertible {
    public let left: Int
    public let right: Int
    public init(_ left: Int, _ right: Int) { self.left = left; self.right = right }
    public var description: String { "(\(left), \(right))" }
}
