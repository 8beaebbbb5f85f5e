import Foundation
import XCTest
@testable import Engine

/// The safetensors reader and writer: round trips, a file written independently by Python, and a
/// battery of corrupt files that must each produce an error naming the file and the problem.
final class SafeTensorsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("spar-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testRoundTripWithMetadataAndAtomicOverwrite() throws {
        let path = folder.appendingPathComponent("m.safetensors").path
        let tensors: [(name: String, tensor: Tensor)] = [
            ("w \"quoted\"", try Tensor.randn([3, 4], seed: 1)), ("b", Tensor([1, -2])), ("s", Tensor(3)),
            ("empty", try Tensor.zeros([0, 2])),
        ]
        try SafeTensors.save(tensors, metadata: ["step": "10", "é": "ü\n"], to: path)
        let loaded = try SafeTensors.load(path)
        XCTAssertEqual(loaded, SafeTensors.Contents(tensors: tensors, metadata: ["step": "10", "é": "ü\n"]))
        XCTAssertEqual(loaded["b"], Tensor([1, -2]))
        // Overwrite in place; no temporary file is left behind.
        try SafeTensors.save([("x", Tensor([5]))], to: path)
        XCTAssertEqual(try SafeTensors.load(path)["x"], Tensor([5]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["m.safetensors"])
        // The data section starts 8-byte aligned.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertEqual(Int(data[0]) % 8, 0)
        assertEngineError("appears twice") { try SafeTensors.encode([("a", Tensor(1)), ("a", Tensor(2))]) }
        assertEngineError("cannot write") { try SafeTensors.save([("a", Tensor(1))], to: "/nonexistent/dir/x.safetensors") }
    }

    func testReadsFileWrittenByPythonInF32F16AndBF16() throws {
        let c = try SafeTensors.load(Fixtures.path("reference.safetensors"))
        XCTAssertEqual(c["weight"], try Tensor([[0, 0.25, 0.5], [0.75, 1, 1.25]]))
        XCTAssertEqual(c["half"], Tensor([1.5, -2.25, 65504]))
        XCTAssertEqual(c["brain"], Tensor([1, -3.5, 0.15625]))
        XCTAssertEqual(c.metadata, ["format": "pt", "note": "made by make_fixtures.py"])
    }

    func testHalfPrecisionConversion() {
        XCTAssertEqual(SafeTensors.halfToFloat(0x3C00), 1)
        XCTAssertEqual(SafeTensors.halfToFloat(0xC000), -2)
        XCTAssertEqual(SafeTensors.halfToFloat(0x7BFF), 65504)
        XCTAssertEqual(SafeTensors.halfToFloat(0x0001), 0x1p-24)
        XCTAssertEqual(SafeTensors.halfToFloat(0x8000), 0)
        XCTAssertEqual(SafeTensors.halfToFloat(0x7C00), .infinity)
        XCTAssertEqual(SafeTensors.halfToFloat(0xFC00), -.infinity)
        XCTAssert(SafeTensors.halfToFloat(0x7E00).isNaN)
        XCTAssertEqual(SafeTensors.halfToFloat(0x3555), 0.333251953125)
    }

    /// A file from a header string and a data section.
    func file(_ header: String, data: [UInt8] = [], claimedLength: UInt64? = nil) -> Data {
        let h = Array(header.utf8)
        var d = Data()
        withUnsafeBytes(of: (claimedLength ?? UInt64(h.count)).littleEndian) { d.append(contentsOf: $0) }
        d.append(contentsOf: h)
        d.append(contentsOf: data)
        return d
    }

    func testCorruptFilesAreErrorsNamingFileAndProblem() throws {
        let eight = [UInt8](repeating: 0, count: 8)
        let bad: [(Data, String)] = [
            (Data([1, 2, 3]), "truncated (3 bytes"),
            (file("{}", claimedLength: 1 << 40), "header length 1099511627776 is above the limit"),
            (file("{}", claimedLength: 50), "truncated (header says 50 bytes, only 2 follow)"),
            (file("{not json"), "header is not valid JSON"),
            (file("[1, 2]"), "header is not a JSON object"),
            (file(#"{"a": 5}"#), "entry \"a\" is not an object"),
            (file(#"{"a": {"shape": [2], "data_offsets": [0, 8]}}"#, data: eight), "tensor \"a\" has no dtype string"),
            (file(#"{"a": {"dtype": "I64", "shape": [1], "data_offsets": [0, 8]}}"#, data: eight), "dtype I64; supported are F32, F16 and BF16"),
            (file(#"{"a": {"dtype": "F32", "shape": [2.5], "data_offsets": [0, 8]}}"#, data: eight), "shape entry that is not a non-negative integer"),
            (file(#"{"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}"#, data: eight), "shape entry that is not a non-negative integer"),
            (file(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0]}}"#, data: eight), "needs data_offsets [begin, end]"),
            (file(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 800]}}"#, data: eight), "data_offsets [0, 800] outside the 8 data bytes"),
            (file(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}"#, data: eight), "outside the 8 data bytes"),
            (file(#"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: eight), "needs 12 bytes, data_offsets give 8"),
            (file(#"{"a": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 8]}}"#, data: eight), "is too large"),
            (file(#"{"a": {"dtype": "F32", "shape": [1000000000, 2], "data_offsets": [0, 8]}}"#, data: eight), "above the limit"),
            (file(#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#, data: eight), "overlap"),
            (file(#"{"__metadata__": {"k": 1}}"#), "__metadata__ value for \"k\" is not a string"),
            (file(#"{"__metadata__": [1]}"#), "__metadata__ is not an object"),
            (file(#"{"a": {"dtype": "F32", "shape": true, "data_offsets": [0, 8]}}"#, data: eight), "has no shape list"),
            (file(#"{"a": {"dtype": "F32", "shape": [true, 2], "data_offsets": [0, 8]}}"#, data: eight), "not a non-negative integer"),
        ]
        for (i, (data, problem)) in bad.enumerated() {
            let path = folder.appendingPathComponent("bad\(i).safetensors").path
            try data.write(to: URL(fileURLWithPath: path))
            assertEngineError("load: \(path) is not a valid safetensors file: ") { try SafeTensors.load(path) }
            assertEngineError(problem) { try SafeTensors.load(path) }
        }
        assertEngineError("load: cannot read /nonexistent.safetensors") { try SafeTensors.load("/nonexistent.safetensors") }
    }

    func testTruncatedRealFileFailsCleanly() throws {
        let path = folder.appendingPathComponent("t.safetensors").path
        try SafeTensors.save([("w", try Tensor.randn([10, 10], seed: 2))], to: path)
        let full = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [4, 20, full.count - 1] {
            try full.prefix(cut).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try SafeTensors.load(path), "cut at \(cut)")
        }
    }
}
