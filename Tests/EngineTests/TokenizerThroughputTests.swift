import XCTest
@testable import Engine

/// Measures BPE training and encoding speed on about 1 MB of generated prose and prints MB/s.
/// Meaningful in release: `swift test -c release -Xswiftc -enable-testing --skip-build
/// --filter TokenizerThroughputTests`. Debug builds use a tenth of the text to stay quick.
/// Set `SPAR_TOKENIZER_TEXT=/path/to/file` to measure on a real text file instead, and
/// `SPAR_TOKENIZER_VOCAB=N` for another vocabulary size than 1024.
final class TokenizerThroughputTests: XCTestCase {
    func testTrainingAndEncodingThroughput() throws {
        #if DEBUG
        let size = 100_000
        #else
        let size = 1_000_000
        #endif
        // Split into documents, like a training set.
        var corpus = TokenizerTestText.prose(bytes: size, seed: 42)
        if let path = ProcessInfo.processInfo.environment["SPAR_TOKENIZER_TEXT"] {
            corpus = try String(contentsOfFile: path, encoding: .utf8)
        }
        let documents = corpus.split(separator: "\n\n").map(String.init)
        let vocabularySize = ProcessInfo.processInfo.environment["SPAR_TOKENIZER_VOCAB"].flatMap { Int($0) } ?? 1024
        let megabytes = Double(corpus.utf8.count) / 1_000_000

        // Each time is the best of three runs: the machine is shared, so the minimum is the
        // least disturbed measurement.
        func best<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            var result: T?, fastest = Double.infinity
            for _ in 0..<3 {
                let start = Date()
                result = try body()
                fastest = min(fastest, Date().timeIntervalSince(start))
            }
            return (result!, fastest)
        }
        let (tok, trainSeconds) = try best { try BPETokenizer.train(texts: documents, vocabularySize: vocabularySize) }
        // A real file may run out of pairs before a large target; generated prose never does.
        XCTAssertLessThanOrEqual(tok.vocabularySize, vocabularySize)
        if ProcessInfo.processInfo.environment["SPAR_TOKENIZER_TEXT"] == nil { XCTAssertEqual(tok.vocabularySize, vocabularySize) }

        // "Cold": a new tokenizer each time, so every word starts uncached; "warm": the cache is full.
        let (coldIDs, coldSeconds) = try best { try BPETokenizer(merges: tok.merges).encode(corpus) }
        let (ids, warmSeconds) = best { tok.encode(corpus) }
        let (bytesIDs, byteSeconds) = best { ByteTokenizer().encode(corpus) }
        XCTAssertEqual(Array(try ByteTokenizer().decode(bytesIDs).utf8), Array(corpus.utf8))
        let (back, decodeSeconds) = try best { try tok.decode(ids) }
        XCTAssertEqual(Array(back.utf8), Array(corpus.utf8))
        XCTAssertEqual(coldIDs, ids)

        func rate(_ seconds: Double) -> String { String(format: "%.2f MB/s (%.3f s)", megabytes / seconds, seconds) }
        print("""
            tokenizer throughput on \(String(format: "%.2f", megabytes)) MB of \(ProcessInfo.processInfo.environment["SPAR_TOKENIZER_TEXT"] ?? "generated prose"), vocab \(tok.vocabularySize):
              bpe train        \(rate(trainSeconds))
              bpe encode cold  \(rate(coldSeconds))
              bpe encode warm  \(rate(warmSeconds))
              bpe decode       \(rate(decodeSeconds))
              byte encode      \(rate(byteSeconds))
              tokens           \(ids.count) (\(String(format: "%.2f", Double(corpus.utf8.count) / Double(ids.count))) bytes/token)
            """)
    }
}

/// Encoding and decoding speed of a checkpoint's byte-level BPE. By default the tiny fixture
/// tokenizer on 1 MB of generated prose; `bench/tokenizers.sh` sets `SPAR_BYTELEVEL_TOKENIZER` to
/// SmolLM2's full vocabulary (a tokenizer.json it writes from the GGUF) and `SPAR_TOKENIZER_TEXT`
/// to a text file, and prints the speed beside Hugging Face `tokenizers` on the same text.
final class TokenizerByteLevelThroughputTests: XCTestCase {
    func testByteLevelThroughput() throws {
        let env = ProcessInfo.processInfo.environment
        #if DEBUG
        let size = 100_000
        #else
        let size = 1_000_000
        #endif
        let text = try env["SPAR_TOKENIZER_TEXT"].map { try String(contentsOfFile: $0, encoding: .utf8) }
            ?? TokenizerTestText.prose(bytes: size, seed: 42).replacingOccurrences(of: "<|user|>", with: "<|im_start|>user\n")
        let path = env["SPAR_BYTELEVEL_TOKENIZER"] ?? TokenizerFixtures.tinyPath
        let loadStart = Date()
        let fresh = { try XCTUnwrap(TokenizerFile.load(path: path) as? ByteLevelBPETokenizer) }
        let tok = try fresh()
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let megabytes = Double(text.utf8.count) / 1_000_000
        func best<T>(_ body: () throws -> T) rethrows -> (T, Double) {
            var result: T?, fastest = Double.infinity
            for _ in 0..<3 {
                let start = Date()
                result = try body()
                fastest = min(fastest, Date().timeIntervalSince(start))
            }
            return (result!, fastest)
        }
        // Paragraph by paragraph, as prompts and documents come (and as the Hugging Face side runs).
        let paragraphs = text.components(separatedBy: "\n\n")
        var tokenizers = [try fresh(), try fresh(), try fresh()]
        let (_, paragraphSeconds) = best { () -> Int in
            let t = tokenizers.removeLast()
            return paragraphs.reduce(0) { $0 + t.encode($1).count }
        }
        tokenizers = [try fresh(), try fresh(), try fresh()]
        let (cold, coldSeconds) = best { tokenizers.removeLast().encode(text) }
        let (ids, warmSeconds) = best { tok.encode(text) }
        XCTAssertEqual(cold, ids)
        let (back, decodeSeconds) = try best { try tok.decode(ids) }
        let missing = Set(tok.missingBytes)
        if !text.utf8.contains(where: missing.contains) { XCTAssertEqual(Array(back.utf8), Array(text.utf8)) }
        func rate(_ seconds: Double) -> String { String(format: "%.2f MB/s (%.3f s)", megabytes / seconds, seconds) }
        print("""
            byte-level BPE throughput on \(String(format: "%.2f", megabytes)) MB of \(env["SPAR_TOKENIZER_TEXT"] ?? "generated prose"), \(path), vocab \(tok.vocabularySize):
              load             \(String(format: "%.3f s", loadSeconds))
              encode cold      \(rate(coldSeconds)) (the whole text as one string)
              by paragraph     \(rate(paragraphSeconds)) (cold, one encode per paragraph)
              encode warm      \(rate(warmSeconds))
              decode           \(rate(decodeSeconds))
              tokens           \(ids.count)
            spar-bytelevel-encode-cold-mbps \(String(format: "%.3f", megabytes / paragraphSeconds))
            """)
    }
}
