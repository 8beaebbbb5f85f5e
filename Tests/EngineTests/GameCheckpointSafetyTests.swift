import XCTest
import Foundation
@testable import Engine

/// Issue 17: a game checkpoint with `"step": 9223372036854775807` loaded and `g.run` then died on an
/// overflow; 18 of 30 bit-flipped checkpoints loaded. Every header field is checked on load and a
/// checksum covers the whole file.
final class GameCheckpointSafetyTests: XCTestCase {
    private var dir: URL!
    private var good: Data!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let g = try GameFixture.game()
        try g.run(.selfplay, steps: 1)
        let p = dir.appendingPathComponent("good.ckpt").path
        try g.saveCheckpoint(to: p)
        good = try Data(contentsOf: URL(fileURLWithPath: p))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// Loads `data` into a fresh game; returns the error message (nil if it loaded).
    private func load(_ data: Data, name: String = "x.ckpt") throws -> String? {
        let p = dir.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: p))
        let fresh = try GameFixture.game()
        do { try fresh.loadCheckpoint(from: p) } catch {
            XCTAssertEqual(fresh.step, 0, "a failed load changes nothing")
            return (error as? EngineError)?.message ?? "\(error)"
        }
        return nil
    }

    /// The file with its header edited by `edit` and a correct checksum, so only validation can
    /// refuse it.
    private func withHeader(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        let magic = Game.checkpointMagic.utf8.count
        let rest = good[(good.startIndex + magic)...]
        guard let newline = rest.firstIndex(of: UInt8(ascii: "\n")) else { throw EngineError("no length line") }
        let length = Int(String(decoding: good[(good.startIndex + magic)..<newline], as: UTF8.self).split(separator: " ")[0]) ?? 0
        let headerStart = newline + 1
        var header = try JSONSerialization.jsonObject(with: good[headerStart..<(headerStart + length)]) as? [String: Any] ?? [:]
        edit(&header)
        let json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        var body = json
        body.append(good[(headerStart + length)...])
        var out = Data(Game.checkpointMagic.utf8)
        out.append(Data("\(json.count) \(Checksum64.hex(of: [Data("\(json.count)".utf8), body]))\n".utf8))
        out.append(body)
        return out
    }

    func testTheGoodCheckpointLoads() throws {
        XCTAssertNil(try load(good))
        XCTAssertNil(try load(try withHeader { _ in }), "re-encoding the header keeps a valid file")
    }

    func testHeaderFieldsOutOfRangeAreRefused() throws {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("step 9223372036854775807 is out of range", { $0["step"] = Int.max }),
            ("step -1 is out of range", { $0["step"] = -1 }),
            ("the random state is not a valid generator state", { $0["rng"] = [0, 0, 0, 0, 0, 0] }),
            ("the random state is not a valid generator state", { $0["rng"] = [1, 2, 3, 4, 0, 7] }),
            ("the random state", { $0["rng"] = [1, 2] }),
            ("history entry 0 is for step 99", { h in
                var history = h["history"] as? [[String: Any]] ?? []
                if !history.isEmpty { history[0]["step"] = 99 }
                h["history"] = history
            }),
            ("blob 'policy' appears twice", { h in
                var blobs = h["blobs"] as? [[String: Any]] ?? []
                blobs.append(["name": "policy", "length": 0])
                h["blobs"] = blobs
            }),
            ("unknown blob 'weights'", { h in
                var blobs = h["blobs"] as? [[String: Any]] ?? []
                blobs.append(["name": "weights", "length": 0])
                h["blobs"] = blobs
            }),
            ("runs past the end", { h in
                var blobs = h["blobs"] as? [[String: Any]] ?? []
                blobs[0]["length"] = Int.max
                h["blobs"] = blobs
            }),
        ]
        for (problem, edit) in cases {
            let message = try load(try withHeader(edit)) ?? "loaded"
            XCTAssertTrue(message.contains(problem), "\(problem): \(message)")
            XCTAssertTrue(message.contains("is not a game checkpoint"), message)
        }
    }

    /// Every single-bit flip anywhere in the file is refused (the checksum), and so are flips of
    /// whole bytes in the header, where a changed digit would still be valid JSON.
    func testBitFlippedCheckpointsAreRejected() throws {
        var rng = SeededRandom(seed: 17)
        var positions = (0..<60).map { _ in rng.nextInt(below: good.count) }
        positions += Array(0..<Swift.min(good.count, 40))   // the magic, the length line, the header start
        for position in positions {
            var damaged = good!
            let bit = UInt8(1) << UInt8(rng.nextInt(below: 8))
            damaged[damaged.startIndex + position] ^= bit
            XCTAssertNotNil(try load(damaged), "a flip of bit \(bit) at byte \(position) loaded")
        }
        let message = try load({ var d = good!; d[d.count - 1] ^= 1; return d }()) ?? ""
        XCTAssertTrue(message.contains("the checksum does not match: the file is damaged"), message)
    }

    /// Checkpoints of the first format (no checksum) still load.
    func testFormatOneStillLoads() throws {
        let magic = Game.checkpointMagic.utf8.count
        guard let newline = good[(good.startIndex + magic)...].firstIndex(of: UInt8(ascii: "\n")) else { return XCTFail() }
        let length = String(decoding: good[(good.startIndex + magic)..<newline], as: UTF8.self).split(separator: " ")[0]
        var old = Data(Game.checkpointMagicWithoutChecksum.utf8)
        old.append(Data("\(length)\n".utf8))
        old.append(good[(newline + 1)...])
        XCTAssertNil(try load(old))
    }

    /// The write goes through the atomic writer: no predictable temporary, nothing left behind, and
    /// a readable reason when it cannot be written.
    func testWritingUsesTheAtomicWriter() throws {
        let g = try GameFixture.game()
        let target = dir.appendingPathComponent("c.ckpt").path
        XCTAssertEqual(symlink(dir.appendingPathComponent("victim").path, dir.appendingPathComponent(".c.ckpt.tmp-\(getpid())").path), 0)
        try g.saveCheckpoint(to: target)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("victim").path))
        XCTAssertThrowsError(try g.saveCheckpoint(to: dir.appendingPathComponent("no/c.ckpt").path)) { error in
            XCTAssertEqual((error as? EngineError)?.message, "checkpoint: cannot write \(self.dir.appendingPathComponent("no/c.ckpt").path): no such folder '\(self.dir.appendingPathComponent("no").path)'")
        }
        XCTAssertThrowsError(try g.saveCheckpoint(to: dir.path)) { error in
            XCTAssertEqual((error as? EngineError)?.message, "checkpoint: cannot write \(self.dir.path): is a directory")
        }
    }
}
