import XCTest
@testable import Engine

/// Byte-level BPE on hostile input: split rules equal their regular expressions, round trips are
/// exact, long words stay fast, and malformed files are errors that name the file and the field.
final class TokenizerByteLevelRobustnessTests: XCTestCase {
    /// Random strings with the pieces that stress the rules (contractions in every case, runs of
    /// whitespace before digits, CR/LF mixtures, punctuation runs).
    func hostileTexts(count: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(seed: seed)
        let pieces = ["'s", "'S", "'ll", "'LL", "'Re", "'d", "'", "  ", " ", "\r\n", "\n\r", "\n\n", "\t", "\u{A0}", "\u{3000}",
                      "123", "4567", " 89", "٣٤", "½", "$+", "<=>", "^~|", "--", "...", "a", "Zz", "é", "e\u{301}"]
        return (0..<count).map { _ in
            var s = TokenizerTestText.randomUnicode(length: 5 + rng.nextInt(below: 60), rng: &rng)
            for _ in 0..<rng.nextInt(below: 8) { s += pieces[rng.nextInt(below: pieces.count)] }
            for _ in 0..<rng.nextInt(below: 4) { s += TokenizerTestText.randomUnicode(length: rng.nextInt(below: 10), rng: &rng) }
            return s
        }
    }

    /// The hand-written rules give exactly the pieces of Swift's regex engine running the pattern.
    /// (Case-insensitive `'s` also matches `ſ` in Oniguruma; Swift's engine does not fold it, so the
    /// comparison leaves that one character out — the Hugging Face fixture covers it.)
    func testHandWrittenRulesEqualTheirRegexes() throws {
        let texts = hostileTexts(count: 1500, seed: 11).map { $0.replacingOccurrences(of: "ſ", with: "s") }
        for rule in [PreTokenizerRule.gpt2, .llama3, .qwen2, .digits, .digitRuns, .threeDigits, .punctuationRuns] {
            let fast = try PreTokenizer(rules: [rule], context: "hand")
            let slow = try PreTokenizer(rules: [.regex(try XCTUnwrap(rule.pattern))], context: "regex")
            var failures = 0
            for text in texts where fast.pieces(of: text) != slow.pieces(of: text) {
                failures += 1
                if failures <= 3 { XCTFail("\(rule): \(text.debugDescription)\n  \(fast.pieces(of: text))\n  \(slow.pieces(of: text))") }
            }
            XCTAssertEqual(failures, 0, "\(rule)")
        }
    }

    func testRandomTextRoundTripsExactly() throws {
        let (meta, _) = try TokenizerFixtures.smollm2Metadata()
        let tokenizers: [any Tokenizer] = [try ByteLevelBPETokenizer(gguf: meta, source: "smollm2"), try TokenizerFixtures.tiny([:]),
                                           try TokenizerFixtures.tiny(["pre_tokenizer": ["type": "ByteLevel", "add_prefix_space": false,
                                                                                          "use_regex": false]])]
        for tok in tokenizers {
            let missing = Set((tok as? ByteLevelBPETokenizer)?.missingBytes ?? [])
            for text in hostileTexts(count: 300, seed: 3) where !text.utf8.contains(where: missing.contains) {
                XCTAssertEqual(Array(try tok.decode(tok.encode(text)).utf8), Array(text.utf8), text.debugDescription)
            }
        }
    }

    /// A megabyte without a split point is one piece: the heap path keeps it near-linear, and it
    /// agrees with the scan path on words both can take.
    func testLongPiecesStayFastAndExact() throws {
        let tok = try TokenizerFixtures.tiny([:])
        let start = Date()
        for text in [String(repeating: "a", count: 1_000_000), String(repeating: "ab", count: 300_000),
                     String(repeating: "中", count: 200_000), String(repeating: "9", count: 300_000),
                     String(repeating: " ", count: 300_000), String(repeating: "!?", count: 200_000)] {
            let ids = tok.encode(text)
            XCTAssertEqual(try tok.decode(ids), text)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    /// Both merge paths (scan for short words, heap for long ones) equal the textbook algorithm:
    /// merge every occurrence of the lowest-ranked pair, left to right, until none is left.
    func testMergePathsEqualTheTextbookAlgorithm() {
        var rng = SeededRandom(seed: 9)
        // Random merges over the symbols 0..<4 and the tokens they make (ids from 100 on).
        var table = [UInt64: UInt64](), rankOf = [UInt64: (Int32, Int32)]()
        var symbols: [Int32] = [0, 1, 2, 3]
        var next: Int32 = 100
        for rank in 0..<60 {
            let a = symbols[rng.nextInt(below: symbols.count)], b = symbols[rng.nextInt(below: symbols.count)]
            let key = pairKey(Int(a), Int(b))
            if table[key] != nil { continue }
            table[key] = UInt64(rank) << 32 | UInt64(UInt32(next)); rankOf[key] = (Int32(rank), next)
            symbols.append(next); next += 1
        }
        let merges = BPEMergeTable(table)
        func textbook(_ word: [Int32]) -> [Int32] {
            var w = word
            while w.count > 1 {
                var best: (rank: Int32, merged: Int32, left: Int32, right: Int32)?
                for i in 0..<(w.count - 1) {
                    if let (r, m) = rankOf[pairKey(Int(w[i]), Int(w[i + 1]))], r < (best?.rank ?? .max) { best = (r, m, w[i], w[i + 1]) }
                }
                guard let b = best else { break }
                var out = [Int32](), i = 0
                while i < w.count {
                    if i + 1 < w.count && w[i] == b.left && w[i + 1] == b.right { out.append(b.merged); i += 2 } else { out.append(w[i]); i += 1 }
                }
                w = out
            }
            return w
        }
        for _ in 0..<2000 {
            let word = (0..<(2 + rng.nextInt(below: 150))).map { _ in Int32(rng.nextInt(below: 4)) }
            var got = word
            merges.apply(&got)
            XCTAssertEqual(got, textbook(word), "\(word)")
        }
    }

    func testMalformedTokenizerJSONNamesTheFileAndTheField() throws {
        let good = try TokenizerFixtures.tinyRoot()
        func variant(_ change: (inout [String: Any]) -> Void) -> [String: Any] { var r = good; change(&r); return r }
        func model(_ change: @escaping (inout [String: Any]) -> Void) -> [String: Any] {
            variant { r in var m = r["model"] as? [String: Any] ?? [:]; change(&m); r["model"] = m }
        }
        let cases: [([String: Any], String)] = [
            (variant { $0["model"] = nil }, "\"model\" is missing"),
            (model { $0["type"] = "WordPiece" }, "model.type is \"WordPiece\""),
            (model { $0["byte_fallback"] = true }, "byte_fallback is true"),
            (model { $0["vocab"] = ["a": 0, "b": 9_000_000] }, "far beyond"),
            (model { $0["vocab"] = ["a": -1] }, "not a non-negative integer id"),
            (model { $0["merges"] = ["a"] }, "model.merges[0]"),
            (model { $0["merges"] = [["Ġ", "zzz"]] }, "merge 0 (\"Ġ\" \"zzz\") uses \"zzz\", which is not in the vocabulary"),
            (model { $0["merges"] = [["q", "q"]] }, "makes \"qq\", which is not in the vocabulary"),
            (variant { $0["pre_tokenizer"] = ["type": "Metaspace"] }, "the Metaspace pre-tokenizer is not supported"),
            (variant { $0["pre_tokenizer"] = ["type": "Split", "pattern": ["Regex": "x"], "behavior": "Removed"] }, "Split with behavior \"Removed\""),
            (variant { $0["pre_tokenizer"] = ["type": "Sequence", "pretokenizers": [["type": "Split", "pattern": ["Regex": "(unclosed"], "behavior": "Isolated"],
                                                                          ["type": "ByteLevel", "use_regex": false]]] }, "not a regular expression Spar can run"),
            (variant { $0["pre_tokenizer"] = NSNull() }, "no ByteLevel step"),
            (variant { $0["normalizer"] = ["type": "Lowercase"] }, "the Lowercase normalizer is not supported"),
            (variant { $0["decoder"] = ["type": "WordPiece"] }, "decoder WordPiece is not supported"),
            (variant { $0["added_tokens"] = [["id": 99_999_999, "content": "x"]] }, "far beyond"),
            (variant { $0["added_tokens"] = [["content": "x"]] }, "added_tokens[0] needs an integer \"id\""),
            (variant { $0["added_tokens"] = [["id": 1, "content": "x", "special": "yes"]] }, "added_tokens[0].special is not true or false"),
        ]
        for (k, (root, problem)) in cases.enumerated() {
            XCTAssertThrowsError(try HuggingFaceTokenizer.tokenizer(root, config: nil, source: "tokenizer file t.json"), "case \(k)") { e in
                let message = (e as? EngineError)?.message ?? "\(e)"
                XCTAssertTrue(message.hasPrefix("tokenizer file t.json: "), message)
                XCTAssertTrue(message.contains(problem), "case \(k): \(message)")
            }
        }
        XCTAssertThrowsError(try HuggingFaceTokenizer.tokenizer(good, config: ["eos_token": "<nope>"], source: "t", configSource: "cfg")) { e in
            XCTAssertTrue("\(e)".contains("cfg: eos_token \"<nope>\" is not in the vocabulary"), "\(e)")
        }
    }

    func testMalformedGGUFMetadataNamesTheField() throws {
        let (meta, _) = try TokenizerFixtures.smollm2Metadata()
        func variant(_ change: (inout GGUFTokenizerMetadata) -> Void) -> GGUFTokenizerMetadata { var m = meta; change(&m); return m }
        let cases: [(GGUFTokenizerMetadata, String)] = [
            (variant { $0.model = "llama" }, "tokenizer.ggml.model is \"llama\""),
            (variant { $0.pre = "chatglm-bpe" }, "tokenizer.ggml.pre \"chatglm-bpe\" is not a pre-tokenizer Spar knows"),
            (variant { $0.tokenTypes = [1, 2] }, "tokenizer.ggml.token_type has 2 entries"),
            (variant { $0.merges = ["Ġt"] }, "tokenizer.ggml.merges entry 0"),
            (variant { $0.merges = ["Ġ  t"] }, "tokenizer.ggml.merges entry 0"),
            (variant { $0.endID = 49_152 }, "tokenizer.ggml.eos_token_id 49152 is outside the vocabulary"),
            (variant { $0.tokens = []; $0.tokenTypes = [] }, "the vocabulary is empty"),
            (variant { $0.tokens[5] = String(repeating: "x", count: 20_000) }, "token 5 is longer than"),
        ]
        for (k, (m, problem)) in cases.enumerated() {
            XCTAssertThrowsError(try ByteLevelBPETokenizer(gguf: m, source: "m.gguf"), "case \(k)") { e in
                let message = (e as? EngineError)?.message ?? "\(e)"
                XCTAssertTrue(message.hasPrefix("m.gguf: "), message)
                XCTAssertTrue(message.contains(problem), "case \(k): \(message)")
            }
        }
        // "none" ids written as -1 are no role.
        let none = try ByteLevelBPETokenizer(gguf: variant { $0.padID = -1 }, source: "m.gguf")
        XCTAssertNil(none.id(of: .pad))
    }

    /// A small file cannot make Spar allocate much: sizes are checked before anything is built.
    func testSmallHostileFilesStaySmall() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Merges whose results would double in length: each result must be listed in the vocabulary,
        // so the file's own size bounds the work; a missing one is an error at once.
        var merges = [[String]](), vocab: [String: Int] = ["a": 0]
        var piece = "a"
        for k in 1...6 { merges.append([piece, piece]); piece += piece; if k < 4 { vocab[piece] = k } }
        let root: [String: Any] = ["model": ["type": "BPE", "vocab": vocab, "merges": merges],
                                   "pre_tokenizer": ["type": "ByteLevel"], "decoder": ["type": "ByteLevel"]]
        let path = dir.appendingPathComponent("tokenizer.json").path
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        XCTAssertLessThan(try Data(contentsOf: URL(fileURLWithPath: path)).count, 2000)
        XCTAssertThrowsError(try TokenizerFile.load(path: path)) { e in
            XCTAssertTrue("\(e)".contains("tokenizer file \(path): merge 3"), "\(e)")
        }
        // Spar's own byte-level file with a huge declared vocabulary but few tokens.
        let spar = "{\"format\": \"spar-tokenizer\", \"version\": 1, \"kind\": \"byte-level-bpe\", \"vocab_size\": 4611686018427387904, \"tokens\": [\"a\"], \"merges\": []}"
        let sparPath = dir.appendingPathComponent("tok.json").path
        try spar.write(toFile: sparPath, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try TokenizerFile.load(path: sparPath)) { e in
            XCTAssertTrue("\(e)".contains("\"vocab_size\" does not match"), "\(e)")
        }
    }
}
