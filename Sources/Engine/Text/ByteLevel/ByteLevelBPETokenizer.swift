import Foundation

/// Byte-level BPE over a checkpoint's own vocabulary (GPT-2, SmolLM2, Llama 3, Qwen 2 style), with
/// ids identical to Hugging Face `tokenizers` (tested on a multilingual corpus).
///
/// Encoding: (1) added tokens are cut out of the raw text (those marked `normalized` after the
/// normalizer runs); (2) the rest is normalized (NFC/NFKC if the checkpoint says so) and split into
/// pieces by the pre-tokenizer rules (`PreTokenizerRule`, chosen by GGUF's `tokenizer.ggml.pre` or
/// the tokenizer.json's `pre_tokenizer`); (3) each piece's bytes become their single-byte tokens and
/// merges apply by rank. Decoding concatenates the tokens' bytes (Hugging Face's ByteLevel decoder).
///
///     let tok = try ByteLevelBPETokenizer(gguf: metadata, source: "model.gguf")   // from GGUF values
///     let tok = try HuggingFaceTokenizer.load(path: "folder/tokenizer.json")       // or a tokenizer.json
///     tok.encode("<|im_start|>user\nHi<|im_end|>")   // [1, 4093, 198, 17230, 2]
///     tok.id(of: .end)                                 // 2 (eos)
public final class ByteLevelBPETokenizer: Tokenizer {
    public let kind = "byte-level-bpe"
    public let table: TokenTable
    /// The plain values this tokenizer was built from (what `serialized()` writes).
    public let spec: ByteLevelBPESpec

    private let byteIDs: [Int32]
    private let merges: BPEMergeTable
    /// Whole-token lookup by bytes, when `spec.ignoreMerges`.
    private let wholeTokens: [[UInt8]: Int32]
    private let rawMatcher: AddedTokenMatcher
    private let normalizedMatcher: AddedTokenMatcher
    private let preTokenizer: PreTokenizer
    private let cache = WordCache()

    /// Builds the tokenizer, checking every count, id and merge first; `source` names the file in
    /// errors ("model.gguf", "folder/tokenizer.json").
    public init(spec: ByteLevelBPESpec, source: String) throws {
        func bad(_ problem: String) -> EngineError { EngineError("\(source): \(problem)") }
        let n = spec.tokens.count
        guard n >= 1 else { throw bad("the vocabulary is empty") }
        guard n <= ByteLevelBPESpec.maximumTokens else {
            throw bad("\(n) tokens is more than the limit of \(ByteLevelBPESpec.maximumTokens)")
        }
        guard spec.merges.count <= ByteLevelBPESpec.maximumMerges else {
            throw bad("\(spec.merges.count) merges is more than the limit of \(ByteLevelBPESpec.maximumMerges)")
        }
        guard spec.addedTokens.count <= ByteLevelBPESpec.maximumAddedTokens else {
            throw bad("\(spec.addedTokens.count) added tokens is more than the limit of \(ByteLevelBPESpec.maximumAddedTokens)")
        }
        if let k = spec.tokens.firstIndex(where: { $0.utf8.count > ByteLevelBPESpec.maximumTokenBytes }) {
            throw bad("token \(k) is longer than \(ByteLevelBPESpec.maximumTokenBytes) bytes")
        }
        guard spec.normalizer == nil || spec.normalizer == "nfc" || spec.normalizer == "nfkc" else {
            throw bad("unknown normalizer \(spec.normalizer ?? "")")
        }
        for (name, id) in [("begin", spec.beginID), ("end", spec.endID), ("pad", spec.padID), ("unknown", spec.unknownID)] {
            if let id, id < 0 || id >= n { throw bad("the \(name) token id \(id) is outside the vocabulary (ids 0..<\(n))") }
        }

        // Spellings to ids; a later duplicate wins, as in a Python dict built from the list.
        var idOf = [String: Int32](minimumCapacity: n)
        for (id, t) in spec.tokens.enumerated() where !t.isEmpty { idOf[t] = Int32(id) }
        byteIDs = ByteLevelAlphabet.scalarOfByte.map { idOf[String($0)] ?? -1 }

        var table = [UInt64: UInt64](minimumCapacity: spec.merges.count)
        for (rank, m) in spec.merges.enumerated() {
            guard let l = idOf[m.left], let r = idOf[m.right] else {
                let missing = idOf[m.left] == nil ? m.left : m.right
                throw bad("merge \(rank) (\(m.left.debugDescription) \(m.right.debugDescription)) uses \(missing.debugDescription), which is not in the vocabulary")
            }
            guard let merged = idOf[m.left + m.right] else {
                throw bad("merge \(rank) (\(m.left.debugDescription) \(m.right.debugDescription)) makes \((m.left + m.right).debugDescription), which is not in the vocabulary")
            }
            table[pairKey(Int(l), Int(r))] = UInt64(rank) << 32 | UInt64(UInt32(bitPattern: merged))
        }
        merges = BPEMergeTable(table)

        var whole = [[UInt8]: Int32]()
        if spec.ignoreMerges {
            for (id, t) in spec.tokens.enumerated() where !t.isEmpty {
                if let b = ByteLevelAlphabet.bytes(ofSpelling: t) { whole[b] = Int32(id) }
            }
        }
        wholeTokens = whole

        // Added tokens: the matchers, the specials table and the roles.
        var raw = AddedTokenMatcher(), normalized = AddedTokenMatcher()
        var byContent = [String: ByteLevelBPESpec.AddedToken]()
        for a in spec.addedTokens {
            guard a.id >= 0 && a.id < n else { throw bad("added token \(a.content.debugDescription) has id \(a.id), outside the vocabulary (ids 0..<\(n))") }
            guard !a.content.isEmpty else { continue }
            guard a.content.utf8.count <= ByteLevelBPESpec.maximumTokenBytes else {
                throw bad("added token \(a.id) is longer than \(ByteLevelBPESpec.maximumTokenBytes) bytes")
            }
            let entry = AddedTokenMatcher.Entry(id: a.id, singleWord: a.singleWord, lstrip: a.lstrip, rstrip: a.rstrip)
            if a.normalized {
                normalized.add(Array(Self.normalize(a.content, spec.normalizer).utf8), entry)
            } else {
                raw.add(Array(a.content.utf8), entry)
            }
            byContent[a.content] = a
        }
        rawMatcher = raw
        normalizedMatcher = normalized
        let added = byContent.values.sorted { $0.id < $1.id }
        let specials = try SpecialTokenSet(texts: added.map(\.content), ids: added.map(\.id), context: source)
        var roles = [SpecialToken: Int]()
        for role in SpecialToken.allCases { roles[role] = specials.id(of: role.text) }
        if let b = spec.beginID { roles[.begin] = b }
        if let e = spec.endID { roles[.end] = e }
        if let p = spec.padID { roles[.pad] = p }

        var pieces = spec.tokens.map { ByteLevelAlphabet.decodedBytes(of: $0) }
        for a in added { pieces[a.id] = ByteLevelAlphabet.decodedBytes(of: a.content) }
        self.table = try TokenTable(pieces: pieces, specials: specials, skipped: added.filter(\.special).map(\.id),
                                    roles: roles, unknownID: spec.unknownID, context: source)
        preTokenizer = try PreTokenizer(rules: spec.preTokenizer, context: source)
        self.spec = spec
    }

    /// The bytes no token spells (SmolLM2 has none for 21 bytes: 4, 6, 19, 20, 22, 29 and bytes that
    /// never occur in UTF-8). Text containing them does not round-trip: like Hugging Face, encoding
    /// drops them (or writes the unknown token, if the tokenizer.json names one).
    public var missingBytes: [UInt8] { (0..<256).filter { byteIDs[$0] < 0 }.map { UInt8($0) } }

    /// Whether a prompt for this checkpoint's model should start with the begin token.
    public var addsBeginToken: Bool { spec.addsBegin }

    static func normalize(_ text: String, _ form: String?) -> String {
        switch form {
        case "nfc": return composeHangul(text.precomposedStringWithCanonicalMapping)
        case "nfkc": return composeHangul(text.precomposedStringWithCompatibilityMapping)
        default: return text
        }
    }

    /// Composes conjoining Hangul jamo (L V, LV T) into syllables, which Foundation's composition on
    /// Linux leaves apart (Unicode's algorithmic Hangul composition; Python and Rust do it).
    static func composeHangul(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x1100...0x11FF).contains($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            let v = s.value
            if let last = out.last?.value {
                if (0x1100...0x1112).contains(last) && (0x1161...0x1175).contains(v),
                   let syllable = Unicode.Scalar(0xAC00 + (last - 0x1100) * 588 + (v - 0x1161) * 28) {
                    out.removeLast(); out.append(syllable); continue
                }
                if (0xAC00...0xD7A3).contains(last) && (last - 0xAC00) % 28 == 0 && (0x11A8...0x11C2).contains(v),
                   let syllable = Unicode.Scalar(last + (v - 0x11A7)) {
                    out.removeLast(); out.append(syllable); continue
                }
            }
            out.append(s)
        }
        return String(out)
    }

    public func encode(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var ids = [Int]()
            ids.reserveCapacity(bytes.count / 3 + 4)
            var pre = PreTokenizerScratch()
            var symbols = [Int32]()
            rawMatcher.split(bytes, 0..<bytes.count, plain: { range in
                if spec.normalizer == nil {
                    encodeNormalized(bytes, range, &ids, &pre, &symbols)
                } else {
                    let piece = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    var normal = Self.normalize(piece, spec.normalizer)
                    normal.withUTF8 { encodeNormalized($0, 0..<$0.count, &ids, &pre, &symbols) }
                }
            }, token: { ids.append($0) })
            return ids
        }
    }

    /// Step 2 on normalized text: normalized added tokens, then the pre-tokenizer and BPE.
    private func encodeNormalized(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ ids: inout [Int],
                                  _ pre: inout PreTokenizerScratch, _ symbols: inout [Int32]) {
        normalizedMatcher.split(bytes, range, plain: { r in
            preTokenizer.split(bytes, r, scratch: &pre) { buf, piece in
                encodeWord(UnsafeBufferPointer(rebasing: buf[piece]), into: &ids, symbols: &symbols)
            }
        }, token: { ids.append($0) })
    }

    /// Appends the tokens of one piece, from the cache or by merging its bytes.
    private func encodeWord(_ word: UnsafeBufferPointer<UInt8>, into ids: inout [Int], symbols: inout [Int32]) {
        if word.count == 1, byteIDs[Int(word[0])] >= 0 { ids.append(Int(byteIDs[Int(word[0])])); return }
        let shortKey = WordCache.shortKey(word)
        let cacheable = word.count <= 256
        if let shortKey, let hit = cache.get(short: shortKey) { ids.append(contentsOf: hit); return }
        if shortKey == nil && cacheable, let hit = cache.get(long: Array(word)) { ids.append(contentsOf: hit); return }
        var tokens: [Int]
        if !wholeTokens.isEmpty, let id = wholeTokens[Array(word)] {
            tokens = [Int(id)]
        } else {
            symbols.removeAll(keepingCapacity: true)
            var pendingUnknown = false
            let unknown = spec.bytesBecomeUnknown ? spec.unknownID : nil
            for b in word {
                let id = byteIDs[Int(b)]
                if id >= 0 {
                    if pendingUnknown, let unk = unknown { symbols.append(Int32(unk)) }
                    pendingUnknown = false
                    symbols.append(id)
                } else if let unk = unknown {
                    // Hugging Face emits one unknown per missing byte, or one per run with fuse_unk.
                    if pendingUnknown && !spec.fuseUnknown { symbols.append(Int32(unk)) }
                    pendingUnknown = true
                }
            }
            if pendingUnknown, let unk = unknown { symbols.append(Int32(unk)) }
            merges.apply(&symbols)
            tokens = symbols.map { Int($0) }
        }
        if let shortKey { cache.put(short: shortKey, tokens) } else if cacheable { cache.put(long: Array(word), tokens) }
        ids.append(contentsOf: tokens)
    }

    public func serialized() -> String { ByteLevelBPEFile.serialize(spec) }

    public func chatTemplate() throws -> ChatTemplate {
        guard let source = spec.chatTemplate else {
            throw EngineError("chat: this tokenizer has no chat template (pass the format by name: chatml, llama3, llama2 or spar)")
        }
        return try ChatTemplate(recognizing: source, for: self)
    }
}
