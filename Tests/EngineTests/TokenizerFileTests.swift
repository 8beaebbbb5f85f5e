import XCTest
@testable import Engine

/// Saving, loading and checkpoint metadata; malformed files name the file and the problem.
final class TokenizerFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("spar-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testSaveLoadGivesTheSameTokenizer() throws {
        let text = TokenizerTestText.prose(bytes: 20_000, seed: 4)
        let bpe = try BPETokenizer.train(texts: [text], vocabularySize: 600, specials: SpecialToken.standardTexts + ["<|tool|>"])
        try bpe.save(to: path("t.json"))
        let loaded = try TokenizerFile.load(path: path("t.json"))
        let back = try XCTUnwrap(loaded as? BPETokenizer)
        XCTAssertEqual(back.merges, bpe.merges)
        XCTAssertEqual(back.specialTokens, bpe.specialTokens)
        XCTAssertEqual(back.vocabularySize, 600)
        XCTAssertEqual(back.serialized(), bpe.serialized())
        let sample = TokenizerTestText.prose(bytes: 3_000, seed: 5) + "<|tool|>"
        XCTAssertEqual(back.encode(sample), bpe.encode(sample))
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["t.json"])

        let bytes = ByteTokenizer()
        try bytes.save(to: path("b.json"))
        let loadedBytes = try TokenizerFile.load(path: path("b.json"))
        XCTAssertTrue(loadedBytes is ByteTokenizer)
        XCTAssertEqual(loadedBytes.serialized(), bytes.serialized())
        // Saving over an existing file replaces it.
        try bytes.save(to: path("t.json"))
        XCTAssertTrue(try TokenizerFile.load(path: path("t.json")) is ByteTokenizer)
    }

    func testMetadataStringRoundTrip() throws {
        let bpe = try BPETokenizer.train(texts: ["a \"quoted\" \\ text\twith\u{1} control"], vocabularySize: 280,
                                         specials: ["<|\"q\"|>", "<tab\t>"])
        let metadata = bpe.serialized()
        let back = try XCTUnwrap(TokenizerFile.decode(metadata) as? BPETokenizer)
        XCTAssertEqual(back.merges, bpe.merges)
        XCTAssertEqual(back.specialTokens.texts, ["<|\"q\"|>", "<tab\t>"])
        XCTAssertEqual(TokenizerFile.metadataKey, "spar.tokenizer")
    }

    func testMalformedFilesNameTheFileAndTheProblem() throws {
        let good = try BPETokenizer(merges: [TokenPair(97, 98)]).serialized()
        let cases: [(String, String)] = [
            ("", "not valid JSON"),
            ("{\"format\": \"spar-tokenizer\"", "not valid JSON"),
            ("[1, 2]", "expected a JSON object at the top level"),
            ("{}", "not a Spar tokenizer"),
            (good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 9"), "version 9 is not supported"),
            (good.replacingOccurrences(of: "\"version\": 1", with: "\"version\": true"), "\"version\" is missing or not an integer"),
            (good.replacingOccurrences(of: "\"bpe\"", with: "\"wordpiece\""), "unknown kind \"wordpiece\""),
            (good.replacingOccurrences(of: "[97, 98]", with: "[97, 300]"), "merge 0 (97, 300) uses token 300, which is not defined before it"),
            (good.replacingOccurrences(of: "[97, 98]", with: "[97, 1.5]"), "merge 0 is not a pair of integer ids"),
            (good.replacingOccurrences(of: "[97, 98]", with: "[97]"), "merge 0 is not a pair of integer ids"),
            (good.replacingOccurrences(of: "[97, 98]", with: "[97, 1e300]"), "merge 0 is not a pair of integer ids"),
            (good.replacingOccurrences(of: "\"vocab_size\": 267", with: "\"vocab_size\": 1024"),
             "\"vocab_size\" is 1024 but 256 bytes + 10 specials + 1 merges make 267"),
            (good.replacingOccurrences(of: "\"<|pad|>\"", with: "7"), "special token 0 is not a string"),
            (good.replacingOccurrences(of: "\"<|pad|>\"", with: "\"<|end|>\""), "special token \"<|end|>\" appears twice"),
            (good.replacingOccurrences(of: "\"kind\": \"bpe\"", with: "\"kind\": \"bytes\""), "a \"bytes\" tokenizer has no merges"),
        ]
        for (k, (content, problem)) in cases.enumerated() {
            let file = path("bad\(k).json")
            try content.write(toFile: file, atomically: false, encoding: .utf8)
            XCTAssertThrowsError(try TokenizerFile.load(path: file), "case \(k)") { error in
                let message = (error as? EngineError)?.message ?? "\(error)"
                XCTAssertTrue(message.hasPrefix("tokenizer file \(file): "), message)
                XCTAssertTrue(message.contains(problem), "case \(k): \(message)")
            }
        }
        XCTAssertThrowsError(try TokenizerFile.load(path: path("missing.json"))) { error in
            let message = (error as? EngineError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("cannot read tokenizer file \(self.path("missing.json")): "), message)
        }
        XCTAssertThrowsError(try TokenizerFile.load(path: directory.path)) { error in
            XCTAssertEqual((error as? EngineError)?.message, "cannot read tokenizer file \(self.directory.path): is a directory")
        }
        XCTAssertThrowsError(try TokenizerFile.load(path: "/dev/zero")) { error in
            XCTAssertEqual((error as? EngineError)?.message, "cannot read tokenizer file /dev/zero: is a device, not a regular file")
        }
        XCTAssertThrowsError(try ByteTokenizer().save(to: path("no/such/dir/t.json"))) { error in
            XCTAssertTrue(((error as? EngineError)?.message ?? "").hasPrefix("cannot write tokenizer file"))
        }
        XCTAssertThrowsError(try ByteTokenizer().save(to: "")) { error in
            XCTAssertEqual((error as? EngineError)?.message, "cannot write a tokenizer file: the path is empty")
        }
        XCTAssertThrowsError(try TokenizerFile.load(path: "")) { error in
            XCTAssertEqual((error as? EngineError)?.message, "cannot read a tokenizer file: the path is empty")
        }
        XCTAssertThrowsError(try TokenizerFile.decode("{")) { error in
            XCTAssertTrue(((error as? EngineError)?.message ?? "").hasPrefix("tokenizer metadata: not valid JSON"))
        }
    }
}
