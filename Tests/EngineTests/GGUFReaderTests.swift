import Foundation
import XCTest
@testable import Engine

/// The GGUF reader: round trips through GGUFWriter, the real SmolLM2 file's header, and a battery of
/// malformed files, each an EngineError naming the file and the field.
final class GGUFReaderTests: XCTestCase {
    /// A small valid file: every metadata type, nested arrays, three tensors of different types.
    static func sampleWriter() -> GGUFWriter {
        var w = GGUFWriter()
        w.metadata = [
            ("general.architecture", .string("llama")),
            ("general.alignment", .int(32)),
            ("test.uint8s", .array(.uint8, [.int(1), .int(255)])),
            ("test.int8s", .array(.int8, [.int(-128), .int(5)])),
            ("test.int16s", .array(.int16, [.int(-300)])),
            ("test.uint16s", .array(.uint16, [.int(65535)])),
            ("test.uint32s", .array(.uint32, [.int(4_000_000_000)])),
            ("test.int64s", .array(.int64, [.int(-5_000_000_000)])),
            ("test.uint64s", .array(.uint64, [.uint(UInt64.max)])),
            ("test.floats", .array(.float32, [.float(0.5), .float(-2)])),
            ("test.doubles", .array(.float64, [.float(1e-300)])),
            ("test.bools", .array(.bool, [.bool(true), .bool(false)])),
            ("test.strings", .array(.string, [.string("a"), .string("héllo"), .string("")])),
            ("test.nested", .array(.array, [.array(.int32, [.int(1), .int(2)]), .array(.string, [.string("x")])])),
            ("test.flag", .bool(true)),
            ("test.eps", .float(1e-5)),
            ("test.count", .int(30)),
        ]
        w.tensors = [
            .init(name: "a", dims: [4], type: .f32, bytes: (0..<16).map { UInt8($0) }),
            .init(name: "b", dims: [32, 3], type: .q8_0, bytes: [UInt8](repeating: 7, count: 3 * 34)),
            .init(name: "c", dims: [2, 2], type: .f16, bytes: [0, 60, 0, 188, 0, 0, 0, 64]),
        ]
        return w
    }

    static func parse(_ data: Data, name: String = "mem.gguf") throws -> GGUFFile {
        try GGUFFile(file: MappedFile(data: data, name: name))
    }

    func testRoundTripOfEveryMetadataTypeAndTensorLayout() throws {
        let w = Self.sampleWriter()
        let f = try Self.parse(try w.encode())
        XCTAssertEqual(f.version, 3)
        XCTAssertEqual(f.alignment, 32)
        XCTAssertEqual(f.metadata.count, w.metadata.count)
        for (a, b) in zip(f.metadata, w.metadata) {
            XCTAssertEqual(a.key, b.key)
            if case .float(let x) = b.value, case .float(let y) = a.value {
                XCTAssertEqual(Float(x), Float(y))  // written as float32
            } else if case .array(.float32, _) = b.value {
                XCTAssertEqual(a.value, b.value)     // 0.5 and -2 are exact in float32
            } else {
                XCTAssertEqual(a.value, b.value, a.key)
            }
        }
        XCTAssertEqual(try f.string("general.architecture"), "llama")
        XCTAssertEqual(try f.int("test.count"), 30)
        XCTAssertEqual(try f.bool("test.flag"), true)
        XCTAssertEqual(try f.strings("test.strings"), ["a", "héllo", ""])
        XCTAssertEqual(try f.ints("test.int8s"), [-128, 5])
        XCTAssertEqual(f["test.uint64s"], .array(.uint64, [.uint(UInt64.max)]))
        assertEngineError("metadata \"test.count\" is an integer, expected a string") { try f.string("test.count") }
        XCTAssertNil(try f.int("absent"))
        XCTAssertEqual(f.tensors.map(\.name), ["a", "b", "c"])
        let b = try XCTUnwrap(f.tensor(named: "b"))
        XCTAssertEqual(b.type, .q8_0)
        XCTAssertEqual(b.dims, [32, 3])
        XCTAssertEqual(b.shape, [3, 32])
        XCTAssertEqual(b.byteCount, 102)
        XCTAssertEqual(f.dataOffset % 32, 0)
        for t in f.tensors { XCTAssertEqual(t.offset % 32, 0) }
        let c = try XCTUnwrap(f.tensor(named: "c"))
        XCTAssertEqual(f.data(of: c).load(fromByteOffset: 1, as: UInt8.self), 60)
    }

    func testCustomAlignmentIsHonoured() throws {
        var w = Self.sampleWriter()
        w.alignment = 64
        w.metadata[1] = ("general.alignment", .int(64))
        let f = try Self.parse(try w.encode())
        XCTAssertEqual(f.alignment, 64)
        XCTAssertEqual(f.dataOffset % 64, 0)
        XCTAssertEqual(f.tensors[1].offset, 64)
    }

    func testSmolLM2HeaderFacts() throws {
        let path = Assets.smolLM2Path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("SmolLM2 is not fetched (run `spar fetch smollm2`); looked for \(path)") }
        let start = Date()
        let f = try GGUFFile(path: path)
        let seconds = Date().timeIntervalSince(start)
        XCTAssertLessThan(seconds, 5, "parsing the header took \(seconds) s")  // about 0.05 s; generous for busy machines
        XCTAssertEqual(f.version, 3)
        XCTAssertEqual(f.tensors.count, 272)
        XCTAssertEqual(f.metadata.count, 33)
        XCTAssertEqual(f.dataOffset, 1_785_664)
        XCTAssertEqual(f.alignment, 32)
        XCTAssertEqual(try f.string("general.architecture"), "llama")
        XCTAssertEqual(try f.int("llama.block_count"), 30)
        XCTAssertEqual(try f.strings("tokenizer.ggml.tokens")?.count, 49152)
        XCTAssertEqual(try f.strings("tokenizer.ggml.merges")?.count, 48900)
        XCTAssertEqual(f.tensor(named: "token_embd.weight")?.type, .q8_0)
        XCTAssertEqual(f.tensor(named: "token_embd.weight")?.dims, [576, 49152])
        XCTAssertEqual(f.tensors.filter { $0.type == .q4_1 }.count, 210)
        XCTAssertEqual(f.tensors.filter { $0.type == .f32 }.count, 61)
        XCTAssertNil(f.tensor(named: "output.weight"))
    }
}

/// Where the tests find fetched assets: $SPAR_HOME/NAME (default ~/.cache/spar/NAME).
enum Assets {
    static var home: String {
        if let h = ProcessInfo.processInfo.environment["SPAR_HOME"], !h.isEmpty { return h }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/spar").path
    }
    static var smolLM2Path: String { home + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" }
}
