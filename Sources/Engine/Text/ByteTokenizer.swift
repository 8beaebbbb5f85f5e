/// The simplest tokenizer: one token per UTF-8 byte (ids 0..<256) plus the special tokens.
///
///     let tok = ByteTokenizer()
///     tok.encode("hé")                 // [104, 195, 169]
///     tok.encode("<|user|>hi")         // [259, 104, 105]
///     tok.vocabularySize               // 266 with the standard specials
public final class ByteTokenizer: Tokenizer {
    public let kind = "bytes"
    public let table: TokenTable

    /// A byte tokenizer with these special tokens instead of the standard set.
    public init(specials: [String]) throws {
        table = TokenTable(specials: try SpecialTokenSet(specials, context: "byte tokenizer"), merges: [])
    }

    /// A byte tokenizer with the standard special tokens.
    public init() {
        table = TokenTable(specials: .standard, merges: [])
    }

    init(specialSet: SpecialTokenSet) {
        table = TokenTable(specials: specialSet, merges: [])
    }

    public func encode(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var ids = [Int]()
            ids.reserveCapacity(bytes.count)
            table.specials.split(bytes, plain: { range in
                for i in range { ids.append(Int(bytes[i])) }
            }, special: { ids.append($0) })
            return ids
        }
    }

    public func serialized() -> String {
        TokenizerFile.serialize(kind: kind, specials: table.specials.texts, merges: [])
    }
}
