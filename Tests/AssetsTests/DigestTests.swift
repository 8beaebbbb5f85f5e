import XCTest
@testable import Assets

final class DigestTests: XCTestCase {
    /// FIPS 180-2's test vector, and a digest copied from pyrit 1.1.0's RECORD beside the
    /// `sha256sum` of the same file (refusal.csv), so both spellings are checked against outside
    /// values rather than against themselves.
    func testKnownAnswers() throws {
        var abc = StreamingSHA256()
        abc.update(Data("abc".utf8))
        XCTAssertEqual(abc.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

        var empty = StreamingSHA256()
        empty.update(Data())
        XCTAssertEqual(empty.recordDigest(), "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")

        // sha256sum prints 1ebc42ef...d7 for pyrit's refusal.csv; its RECORD says HrxC73...dc.
        XCTAssertEqual(WheelRecordTests.hexToRecord("1ebc42ef7dadd97962cc00d04edd6a52a321f7936c063ff3453d2bbcef30a5d7"),
                       "HrxC732t2XlizADQTt1qUqMh95NsBj_zRT0rvO8wpdc")
    }

    func testFileDigestStreamsInChunks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spar-digest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        // 3 MiB of a repeating byte pattern: crosses the 1 MiB read size twice.
        let data = Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try data.write(to: url)
        var whole = StreamingSHA256()
        whole.update(data)
        let file = try FileDigest.sha256(ofFile: url.path)
        XCTAssertEqual(file.hex, whole.hex())
        XCTAssertEqual(file.size, UInt64(data.count))
        XCTAssertThrowsError(try FileDigest.sha256(ofFile: "/nonexistent/x")) { error in
            XCTAssertTrue("\(error)".contains("cannot read '/nonexistent/x'"))
        }
    }
}

final class WheelRecordTests: XCTestCase {
    static func hexToRecord(_ hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func testParsesQuotedPathsAndSkipsUnhashedLines() throws {
        let record = try WheelRecord(text: """
            a/b.py,sha256=AAAA,12
            "dir/with,comma ""q"".txt",sha256=BBBB,3\r
            x.dist-info/RECORD,,

            """, file: "w.whl:RECORD")
        XCTAssertEqual(record["a/b.py"], .init(digest: "AAAA", size: 12))
        XCTAssertEqual(record["dir/with,comma \"q\".txt"], .init(digest: "BBBB", size: 3))
        XCTAssertNil(record["x.dist-info/RECORD"])
    }

    func testMalformedLinesNameTheLine() {
        XCTAssertThrowsError(try WheelRecord(text: "ok,sha256=A,1\nbroken line\n", file: "w.whl:RECORD")) {
            XCTAssertEqual("\($0)", "w.whl:RECORD:2: expected 3 fields (path,hash,size), found 1")
        }
        XCTAssertThrowsError(try WheelRecord(text: "a,md5=xyz,1\n", file: "R")) {
            XCTAssertTrue("\($0)".contains("R:1: unsupported hash"))
        }
        XCTAssertThrowsError(try WheelRecord(text: "\"a,sha256=x,1\n", file: "R")) {
            XCTAssertEqual("\($0)", "R:1: unterminated quoted field")
        }
    }
}
