import XCTest
import Foundation
@testable import Engine

/// Issue 17, crashes from sizes: zero-element tensors with huge sizes, result shapes of reductions,
/// the rank cap, the memory limit every large allocation asks, tokenizer files whose merges double
/// token lengths, and Ctrl-C inside engine loops.
final class SizeLimitTests: XCTestCase {
    override func tearDown() {
        MemoryLimit.configured = MemoryLimit.parse(ProcessInfo.processInfo.environment["SPAR_MAX_MEMORY"])
        Interruption.clear()
    }

    /// `print(zeros([0, 1e12]))` allocated 8 TB to print nothing.
    func testEmptyTensorsWithHugeSizesPrintWithoutAllocating() throws {
        let wide = try Tensor.zeros([0, 1_000_000_000_000]), tall = try Tensor.zeros([1_000_000_000_000, 0])
        XCTAssertEqual(wide.description, "[] shape [0, 1000000000000]")
        XCTAssertEqual(tall.description, "[] shape [1000000000000, 0]")
        XCTAssertEqual(try Tensor.zeros([0]).description, "[] shape [0]")
        // A safetensors file of that shape round-trips and prints.
        let data = try SafeTensors.encode([("t", tall)])
        XCTAssertEqual(try SafeTensors.decode(data)["t"]?.description, "[] shape [1000000000000, 0]")
    }

    /// Reducing an empty tensor can make a result larger than its input.
    func testResultShapesOfReductionsAreChecked() throws {
        let tall = try Tensor.zeros([1_000_000_000_000, 0])
        assertEngineError("sum: shape [1000000000000, 1] needs 1000000000000 elements, above the limit") { try tall.sum(axis: 1) }
        assertEngineError("max: ") { try tall.max(axis: 1) }
        assertEngineError("argmax: ") { try tall.argmax(axis: 1) }
        XCTAssertEqual(try tall.sum(axis: 0).shape, [0])
        XCTAssertEqual(try tall.sum().item(), 0)
        // Sizes whose product overflows even with a zero among them (strides would).
        assertEngineError("is too large") { try Tensor.zeros([0, 10_000_000_000, 10_000_000_000]) }
        assertEngineError("is too large") { try SafeTensors.decode(SafeTensors.encode([("t", try Tensor.zeros([0]))]).replacing(Data("[0]".utf8), with: Data("[0,4294967296,4294967296]".utf8))) }
    }

    /// `ones([1] * 3000000)` overflowed the stack printing it: at most 64 axes, everywhere.
    func testRankIsCappedInConstructorsOpsAndLoaders() throws {
        let ones64 = try Tensor.ones([Int](repeating: 1, count: 64))
        XCTAssertEqual(ones64.rank, 64)
        assertEngineError("ones: 65 axes are above the limit of 64") { try Tensor.ones([Int](repeating: 1, count: 65)) }
        assertEngineError("65 axes are above the limit of 64") { try Tensor.ones([1]).reshaped([Int](repeating: 1, count: 65)) }
        assertEngineError("65 axes are above the limit of 64") { try ones64.unsqueezed(axis: 0) }
        assertEngineError("65 axes") { try Tensor.stack([ones64, ones64]) }
        assertEngineError("tensor: 65 axes") {
            var nested: Any = Float(1)
            for _ in 0..<65 { nested = [nested] }
            return try Tensor(nested: nested)
        }
        let shape = "[" + [String](repeating: "1", count: 65).joined(separator: ",") + "]"
        var file = Data()
        let header = #"{"t": {"dtype": "F32", "shape": \#(shape), "data_offsets": [0, 4]}}"#
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: Array(header.utf8) + [0, 0, 0, 0])
        assertEngineError("65 axes are above the limit of 64") { try SafeTensors.decode(file) }
    }

    /// Allocation failure is a Spar error: large allocations ask `MemoryLimit` first.
    func testLargeAllocationsAskTheMemoryLimit() throws {
        XCTAssertEqual(MemoryLimit.parse("2G"), 2 << 30)
        XCTAssertEqual(MemoryLimit.parse("512m"), 512 << 20)
        XCTAssertEqual(MemoryLimit.parse("1.5GB"), 3 << 29)
        XCTAssertEqual(MemoryLimit.parse("1000"), 1000)
        XCTAssertEqual(MemoryLimit.parse(" 4 KiB"), 4096)
        XCTAssertNil(MemoryLimit.parse("lots"))
        XCTAssertNil(MemoryLimit.parse("-1G"))
        XCTAssertEqual(MemoryLimit.format(4_000_000_000), "4 GB")
        XCTAssertEqual(MemoryLimit.format(1_250_000), "1.2 MB")

        MemoryLimit.configured = 256 << 20
        assertEngineError("zeros: shape [100000000] needs 400 MB, above the memory limit SPAR_MAX_MEMORY=") { try Tensor.zeros([100_000_000]) }
        assertEngineError("randn: shape [10000, 10000] needs 400 MB") { try Tensor.randn([10_000, 10_000], seed: 1) }
        let a = try Tensor.zeros([6_000, 1]), b = try Tensor.zeros([1, 6_000])
        assertEngineError("matmul: shape [6000, 6000] needs 144 MB") {
            MemoryLimit.configured = 100 << 20
            return try a.matmul(b)
        }
        // Small tensors never look.
        MemoryLimit.configured = 1
        XCTAssertEqual(try Tensor.zeros([1000]).count, 1000)
        MemoryLimit.configured = nil
        XCTAssertGreaterThan(MemoryLimit.availableBytes(), 0)
        // Without SPAR_MAX_MEMORY the machine's own limits apply: nobody has an exabyte free.
        assertEngineError("of memory is free") { try MemoryLimit.check(bytes: Int.max / 2, for: "test") }
    }

    /// A 958-byte tokenizer file whose merges double a token's length asked for 2 GB.
    func testTokenizerMergesThatDoubleTokenLengthsAreRefused() throws {
        // Merge r joins the token made by merge r-1 with itself: token r is 2^(r+1) bytes long.
        var merges = [TokenPair(97, 97)]
        for r in 1..<40 { let id = 256 + 10 + r - 1; merges.append(TokenPair(id, id)) }
        let text = TokenizerFile.serialize(kind: "bpe", specials: SpecialToken.standardTexts, merges: merges)
        XCTAssertLessThan(text.utf8.count, 1200)
        let started = Date()
        assertEngineError("not a real vocabulary") { try TokenizerFile.decode(text) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1)
        // Twenty doublings (1 MB tokens, 2 MB in all) are still a valid, if odd, vocabulary.
        XCTAssertNoThrow(try TokenizerFile.decode(TokenizerFile.serialize(kind: "bpe", specials: SpecialToken.standardTexts,
                                                                          merges: Array(merges.prefix(20)))))
    }

    /// Ctrl-C is a flag that long engine loops poll: it stops learning dynamics, solvers and large
    /// matrix products, once, and then is clear again.
    func testEngineLoopsStopOnAnInterruptRequest() throws {
        let game = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        Interruption.request()
        XCTAssertThrowsError(try game.learn(.hedge(learningRate: 0.1), steps: 1_000)) { XCTAssertTrue($0 is Interrupted) }
        XCTAssertFalse(Interruption.isRequested, "delivered once")
        XCTAssertEqual(try game.learn(.hedge(learningRate: 0.1), steps: 10).steps, 10)

        let a = try Tensor.ones([300, 300])
        Interruption.request()
        XCTAssertThrowsError(try a.matmul(a)) { XCTAssertTrue($0 is Interrupted) }
        XCTAssertEqual(try a.matmul(a).shape, [300, 300])

        // From another thread, during a product cut into blocks of rows.
        Gemm.workBetweenInterruptChecks = 1 << 16
        defer { Gemm.workBetweenInterruptChecks = 1 << 32 }
        let big = try Tensor.ones([4096, 512]), side = try Tensor.ones([512, 512])
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.02) { Interruption.request() }
        var stopped = false
        while !stopped && Date().timeIntervalSince(started) < 20 {
            do { _ = try big.matmul(side) } catch is Interrupted { stopped = true }
        }
        XCTAssertTrue(stopped)
    }
}

private extension Data {
    func replacing(_ a: Data, with b: Data) -> Data {
        guard let r = range(of: a) else { return self }
        var out = self
        out.replaceSubrange(r, with: b)
        // Keep the header length right.
        var n = UInt64(0)
        for i in 0..<8 { n |= UInt64(out[i]) << (8 * UInt64(i)) }
        n = n + UInt64(b.count) - UInt64(a.count)
        Swift.withUnsafeBytes(of: n.littleEndian) { out.replaceSubrange(0..<8, with: $0) }
        return out
    }
}
