import XCTest
@testable import Engine

/// Run folders: the TensorBoard event format against TensorBoard's own writer, and what
/// `g.run(..., log:)` writes, continues and refuses.
final class RunLogTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-runlog-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    func testCRC32CAndTheRecordsMatchTensorBoardsWriter() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283, "the check value of CRC-32C")
        XCTAssertEqual(CRC32C.checksum([]), 0)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA, "RFC 3720 B.4: 32 bytes of zeros")
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43, "RFC 3720 B.4: 32 bytes of ones")
        // Made by Tests/EngineTests/Fixtures/tensorboard_reference.py vectors (tensorboard 2.21).
        XCTAssertEqual(hex(TensorBoardEvents.fileVersionRecord(wallTime: 1_700_000_000.5)),
                       "1800000000000000a37f4b220900002040fc54d9411a0d627261696e2e4576656e743a322b353110")
        XCTAssertEqual(hex(TensorBoardEvents.scalarsRecord(wallTime: 1_700_000_001.25, step: 300,
                                                           scalars: [("attack_success", 0.25), ("kl", -0.0012)])),
                       "300000000000000095f5d05f0900005040fc54d94110ac022a220a150a0e61747461636b5f73756363657373150000803e0a090a026b6c1552499dbafb2024e8")
    }

    func testARunFolderHoldsConfigMetricsEventsLedgerAndCheckpoint() throws {
        let folder = dir.appendingPathComponent("runs/first").path
        let g = try GameFixture.game()
        let log = try RunLog(folder: folder)
        try g.run(.selfplay, steps: 3, control: RunControl(checkpointPath: log.checkpointPath, log: log))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        XCTAssertEqual(files, ["config.json", "metrics.csv", "events.out.tfevents.spar", "ledger.jsonl", "game.ckpt"])
        let run = try RunFolder.read(folder)
        XCTAssertEqual(run.step, 3)
        XCTAssertEqual(run.config, g.configRecord)
        XCTAssertEqual(run.runs.map(\.schedule), ["selfplay"])
        XCTAssertEqual(run.columns, StepMetrics.names)
        XCTAssertEqual(run.rows.map(\.step), [0, 1, 2])
        for (row, m) in zip(run.rows, g.history) {
            for (a, b) in zip(row.values, m.values) {
                if let b { XCTAssertEqual(try XCTUnwrap(a), b, accuracy: abs(b) * 1e-12) } else { XCTAssertNil(a) }
            }
        }
        XCTAssertEqual(try Ledger.readJSONL(from: folder + "/ledger.jsonl"), g.ledger)
        let back = try GameFixture.game()
        try back.loadCheckpoint(from: folder + "/game.ckpt")
        XCTAssertEqual(back.step, 3)
        // One file-version record and one record per step, each framed with valid CRCs.
        let events = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/events.out.tfevents.spar"))
        XCTAssertEqual(try records(Array(events)).count, 4)
    }

    func testAResumedGameContinuesTheFolderWithoutRepeatingSteps() throws {
        let folder = dir.appendingPathComponent("resume").path
        let killed = try GameFixture.game(seed: 4)
        var calls = 0
        let log = try RunLog(folder: folder)
        // "Killed" during its 6th step: checkpoints every 2 steps, so game.ckpt holds step 4.
        try killed.run(.selfplay, steps: 8, control: RunControl(shouldStop: { calls += 1; return calls > 5 },
                                                                 checkpointPath: log.checkpointPath, checkpointEvery: 2, log: log))
        XCTAssertEqual(try RunFolder.read(folder).rows.map(\.step), [0, 1, 2, 3, 4])
        let resumed = try GameFixture.game(seed: 4)
        try resumed.loadCheckpoint(from: folder + "/game.ckpt")
        XCTAssertEqual(resumed.step, 4)
        try resumed.run(.selfplay, steps: 4, control: RunControl(checkpointPath: log.checkpointPath, checkpointEvery: 2, log: try RunLog(folder: folder)))
        let run = try RunFolder.read(folder)
        XCTAssertEqual(run.rows.map(\.step), Array(0..<8), "step 4 was run again and written once")
        XCTAssertEqual(run.runs.map(\.fromStep), [0, 4])
        XCTAssertEqual(try records(Array(try XCTUnwrap(FileManager.default.contents(atPath: folder + "/events.out.tfevents.spar")))).count, 9)
        let whole = try GameFixture.game(seed: 4)
        try whole.run(.selfplay, steps: 8)
        XCTAssertEqual(try Ledger.readJSONL(from: folder + "/ledger.jsonl"), whole.ledger)
    }

    func testAFolderOfAnotherGameIsRefused() throws {
        let folder = dir.appendingPathComponent("taken").path
        try GameFixture.game().run(.selfplay, steps: 1, control: RunControl(log: try RunLog(folder: folder)))
        XCTAssertThrowsError(try GameFixture.game { $0.gamesPerStep = 4 }.run(.selfplay, steps: 1, control: RunControl(log: try RunLog(folder: folder)))) {
            XCTAssertTrue("\($0)".contains("holds the run of a game made with other arguments: batch 16 there, 4 here"), "\($0)")
        }
        XCTAssertThrowsError(try GameFixture.game().run(.selfplay, steps: 1, control: RunControl(log: try RunLog(folder: folder)))) {
            XCTAssertTrue("\($0)".contains("already holds a run of 1 steps"), "\($0)")
        }
        let file = dir.appendingPathComponent("plain").path
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        XCTAssertThrowsError(try GameFixture.game().run(.selfplay, steps: 1, control: RunControl(log: try RunLog(folder: file)))) {
            XCTAssertTrue("\($0)".contains("is a file, not a folder"), "\($0)")
        }
        let other = dir.appendingPathComponent("notes").path
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: other + "/todo.txt", contents: Data("x".utf8))
        XCTAssertThrowsError(try GameFixture.game().run(.selfplay, steps: 1, control: RunControl(log: try RunLog(folder: other)))) {
            XCTAssertTrue("\($0)".contains("holds other files and no config.json"), "\($0)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: other), ["todo.txt"], "nothing written there")
        try "{\"format\": \"spar-run 1\"}".write(toFile: folder + "/config.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RunFolder.read(folder)) { XCTAssertTrue("\($0)".contains("field 'step' is missing"), "\($0)") }
    }

    /// The payloads of a TFRecord file, checking both CRCs of every record.
    func records(_ bytes: [UInt8]) throws -> [[UInt8]] {
        var out: [[UInt8]] = [], i = 0
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } }
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) } }
        while i < bytes.count {
            let n = Int(u64(i))
            XCTAssertEqual(u32(i + 8), CRC32C.masked(CRC32C.checksum(Array(bytes[i..<(i + 8)]))))
            let payload = Array(bytes[(i + 12)..<(i + 12 + n)])
            XCTAssertEqual(u32(i + 12 + n), CRC32C.masked(CRC32C.checksum(payload)))
            out.append(payload)
            i += 16 + n
        }
        return out
    }
}
