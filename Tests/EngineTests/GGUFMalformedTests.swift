import Foundation
import XCTest
@testable import Engine

/// Malformed GGUF files: each is an EngineError naming the file and the field, with no allocation
/// beyond the file's size, and a seeded fuzz of the header parser that must never trap.
final class GGUFMalformedTests: XCTestCase {
    func bytes(_ w: GGUFWriter) throws -> [UInt8] { Array(try w.encode()) }

    func expect(_ data: [UInt8], _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        assertEngineError(fragment, file: file, line: line) { try GGUFReaderTests.parse(Data(data), name: "bad.gguf") }
        assertEngineError("bad.gguf", file: file, line: line) { try GGUFReaderTests.parse(Data(data), name: "bad.gguf") }
    }

    func le64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    func str(_ s: String) -> [UInt8] { le64(UInt64(s.utf8.count)) + Array(s.utf8) }

    /// A header with the given counts followed by `rest`.
    func header(version: UInt32 = 3, tensors: UInt64, kvs: UInt64, _ rest: [UInt8]) -> [UInt8] {
        Array("GGUF".utf8) + le32(version) + le64(tensors) + le64(kvs) + rest
    }

    func testTruncatedAndWrongMagicAndVersion() throws {
        let good = try bytes(GGUFReaderTests.sampleWriter())
        expect([], "truncated")
        expect(Array(good.prefix(3)), "truncated")
        expect(Array(good.prefix(30)), "tensor count 3 is impossible in a file of 30 bytes")
        expect(Array(good.prefix(good.count / 2)), "remain")
        expect(Array(good.dropLast(30)), "tensor \"c\" needs bytes")
        var magic = good; magic[0] = UInt8(ascii: "X")
        expect(magic, "wrong magic")
        expect(header(version: 1, tensors: 0, kvs: 0, []), "version 1 is not supported")
        expect(header(version: 4, tensors: 0, kvs: 0, []), "version 4 is not supported")
        expect(header(version: UInt32(3).byteSwapped, tensors: 0, kvs: 0, []), "big-endian")
    }

    func testAbsurdCountsAndLengthsAllocateNothing() {
        expect(header(tensors: 1 << 60, kvs: 0, []), "tensor count 1152921504606846976 is impossible")
        expect(header(tensors: 0, kvs: 1 << 62, []), "metadata count 4611686018427387904 is impossible")
        // A key claiming 2^62 bytes.
        expect(header(tensors: 0, kvs: 1, le64(1 << 62) + Array(repeating: 0, count: 20)), "claims 4611686018427387904 bytes")
        // A string value claiming 2^62 bytes.
        expect(header(tensors: 0, kvs: 1, str("k") + le32(8) + le64(1 << 62) + Array(repeating: 0, count: 20)),
               "metadata \"k\" claims 4611686018427387904 bytes")
        // An array claiming 2^60 uint32 elements.
        expect(header(tensors: 0, kvs: 1, str("k") + le32(9) + le32(4) + le64(1 << 60) + Array(repeating: 0, count: 20)),
               "claims 1152921504606846976 elements of uint32")
        // Nested arrays deeper than the limit.
        var deep = str("k") + le32(9)
        for _ in 0..<6 { deep += le32(9) + le64(1) }
        expect(header(tensors: 0, kvs: 1, deep + Array(repeating: 0, count: 40)), "nests arrays deeper")
        expect(header(tensors: 0, kvs: 1, str("k") + le32(77) + [0, 0, 0, 0]), "unknown value type 77")
        expect(header(tensors: 0, kvs: 1, str("k") + le32(7) + [2]), "boolean stored as 2")
        expect(header(tensors: 0, kvs: 2, str("k") + le32(0) + [1] + str("k") + le32(0) + [1]), "appears twice")
    }

    /// A file with one tensor whose entry is given, and `data` bytes of data section.
    func oneTensor(dims: [UInt64], type: UInt32, offset: UInt64, data: Int, name: String = "t") -> [UInt8] {
        var entry = str(name) + le32(UInt32(dims.count))
        for d in dims { entry += le64(d) }
        entry += le32(type) + le64(offset)
        var file = header(tensors: 1, kvs: 0, entry)
        while file.count % 32 != 0 { file.append(0) }
        return file + [UInt8](repeating: 0, count: data)
    }

    func testTensorEntriesAreChecked() {
        XCTAssertNoThrow(try GGUFReaderTests.parse(Data(oneTensor(dims: [8], type: 0, offset: 0, data: 32))))
        expect(oneTensor(dims: [8], type: 0, offset: 32, data: 32), "needs bytes 32..<64 of the data section, which has 32")
        expect(oneTensor(dims: [8], type: 0, offset: 1 << 62, data: 32), "needs bytes 4611686018427387904")
        expect(oneTensor(dims: [8], type: 0, offset: 4, data: 64), "offset 4 is not a multiple of the alignment 32")
        expect(oneTensor(dims: [8], type: 99, offset: 0, data: 32), "type type 99, which Spar does not read")
        expect(oneTensor(dims: [256], type: 13, offset: 0, data: 256), "type Q5_K, which Spar does not read")
        expect(oneTensor(dims: [48], type: 8, offset: 0, data: 64), "rows of 48 values, not a multiple of its block of 32")
        expect(oneTensor(dims: [0], type: 0, offset: 0, data: 32), "dimension 0 is 0")
        expect(oneTensor(dims: [1 << 30, 1 << 30], type: 0, offset: 0, data: 32), "too many values")
        expect(oneTensor(dims: [1, 1, 1, 1, 1], type: 0, offset: 0, data: 32), "has 5 dimensions")
        expect(oneTensor(dims: [8], type: 0, offset: 0, data: 0), "which has 0")
        // Two tensors sharing bytes.
        var entries = str("a") + le32(1) + le64(16) + le32(0) + le64(0)
        entries += str("b") + le32(1) + le64(8) + le32(0) + le64(32)
        var file = header(tensors: 2, kvs: 0, entries)
        while file.count % 32 != 0 { file.append(0) }
        expect(file + [UInt8](repeating: 0, count: 64), "tensors \"a\" and \"b\" overlap")
        // Bad alignment values.
        var w = GGUFReaderTests.sampleWriter()
        w.metadata[1] = ("general.alignment", .int(24))
        expect((try? bytes(w)) ?? [], "general.alignment must be a power of two")
        w.metadata[1] = ("general.alignment", .string("32"))
        expect((try? bytes(w)) ?? [], "general.alignment must be a power of two")
    }

    /// Seeded mutations of a valid file (byte flips, overwritten words, cuts, splices) and random
    /// headers behind a valid magic: every one parses or throws an EngineError, none traps. 20000
    /// files in well under a second.
    func testFuzzHeaderParser() throws {
        let good = try bytes(GGUFReaderTests.sampleWriter())
        var rng = SeededRandom(seed: 20261204)
        let deadline = Date().addingTimeInterval(20)
        var parsed = 0, rejected = 0
        for round in 0..<20000 where Date() < deadline {
            var data = good
            switch round % 5 {
            case 0:  // flip a few bytes
                for _ in 0..<(1 + rng.nextInt(below: 4)) { data[rng.nextInt(below: data.count)] ^= UInt8(1 << rng.nextInt(below: 8)) }
            case 1:  // overwrite a 64-bit word with a large or random value
                let at = rng.nextInt(below: data.count - 8)
                let v: UInt64 = [UInt64.max, 1 << 62, 1 << 32, UInt64(rng.nextInt(below: 1 << 20))][rng.nextInt(below: 4)]
                data.replaceSubrange(at..<(at + 8), with: le64(v))
            case 2:  // cut the file
                data = Array(data.prefix(rng.nextInt(below: data.count)))
            case 3:  // splice a random run of bytes into the header
                let at = rng.nextInt(below: 200)
                data.insert(contentsOf: (0..<rng.nextInt(below: 16)).map { _ in UInt8(rng.nextInt(below: 256)) }, at: at)
            default:  // random bytes behind a valid magic and version
                data = Array("GGUF".utf8) + le32(3) + (0..<(16 + rng.nextInt(below: 200))).map { _ in
                    UInt8(rng.nextInt(below: 3) == 0 ? rng.nextInt(below: 256) : rng.nextInt(below: 4))
                }
            }
            do {
                let f = try GGUFReaderTests.parse(Data(data))
                for t in f.tensors { XCTAssertLessThanOrEqual(f.dataOffset + t.offset + t.byteCount, data.count) }
                parsed += 1
            } catch let e as EngineError {
                XCTAssert(e.message.contains("mem.gguf"), e.message)
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 1000)
        XCTAssertGreaterThan(parsed + rejected, 1000)
    }
}
