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
