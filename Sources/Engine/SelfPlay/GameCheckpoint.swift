import Foundation

/// The whole state of a game in one file: the live policy (weights and optimizer), the reference,
/// every snapshot (league pool included), the random stream, the step, the game's configuration
/// (`GameConfigRecord`), the metrics history and the ledger.
///
/// Format: the line `SPARGAME 2`, a line with the byte length of a JSON header and the checksum of
/// everything after that line (`Checksum64`, 16 hex digits, which covers the length too), the header
/// (`GameCheckpointHeader`), then the blobs it lists back to back: "policy", "reference",
/// "snapshot:<name>"… (each the policy's own `checkpointData`) and "ledger" (JSONL). Written with
/// `AtomicWrite`, so a crash leaves the previous checkpoint intact; on load the checksum rejects a
/// damaged file and `validate` every field out of range. Format 1 (no checksum) is still read.
struct GameCheckpointHeader: Codable {
    struct Blob: Codable { let name: String; let length: Int }
    var version = 1
    var step: Int
    var rng: [UInt64]
    var leaguePool: [String]
    var history: [StepMetrics]
    var policy: String
    var blobs: [Blob]
    /// What the game was made with; `loadCheckpoint` refuses a game made with anything else.
    /// Absent in checkpoints written before it was stored.
    var config: GameConfigRecord?
}

extension Game {
    static let checkpointMagic = "SPARGAME 2\n"
    /// Checkpoints written before the checksum: read with every check but that one.
    static let checkpointMagicWithoutChecksum = "SPARGAME 1\n"

    /// Writes the whole game to `path` atomically.
    public func saveCheckpoint(to path: String) throws {
        var blobs: [(String, Data)] = [("policy", try policy.checkpointData()), ("reference", try reference.checkpointData())]
        for name in snapshots.keys.sorted() {
            guard let s = snapshots[name] else { continue }
            blobs.append(("snapshot:\(name)", try s.checkpointData()))
        }
        blobs.append(("ledger", Data(try ledger.jsonl().utf8)))
        let header = GameCheckpointHeader(step: step, rng: rng.state, leaguePool: leaguePool, history: history,
                                          policy: policy.summary, blobs: blobs.map { .init(name: $0.0, length: $0.1.count) },
                                          config: configRecord)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)
        var body = json
        for (_, blob) in blobs { body.append(blob) }
        let checksum = Checksum64.hex(of: [Data("\(json.count)".utf8), body])
        var data = Data(Self.checkpointMagic.utf8)
        data.append(Data("\(json.count) \(checksum)\n".utf8))
        data.append(body)
        do { try AtomicWrite.write(data, to: path) } catch {
            throw EngineError("checkpoint: cannot write \(path): \(FileProblem.reason(error, path: path, writing: true))")
        }
    }

    /// Restores a game saved by `saveCheckpoint` into this game, which must have been made with the
    /// same kind of policy and configuration. A malformed file is an error naming it.
    public func loadCheckpoint(from path: String) throws {
        func bad(_ why: String) -> EngineError { EngineError("checkpoint: \(path) is not a game checkpoint (\(why))") }
        let data: Data
        do { data = try FileProblem.readFile(path) } catch {
            throw EngineError("checkpoint: cannot read \(path): \(FileProblem.reason(error, path: path))")
        }
        if let wrong = FileKind.refuse(FileKind.sniff(data), path: path, function: "g.load", expecting: "a game checkpoint",
                                       accepting: [.gameCheckpoint]) { throw wrong }
        let magic = Data(Self.checkpointMagic.utf8), oldMagic = Data(Self.checkpointMagicWithoutChecksum.utf8)
        let hasChecksum = data.starts(with: magic)
        guard data.count > magic.count, hasChecksum || data.starts(with: oldMagic) else { throw bad("wrong magic line") }
        var cursor = data.startIndex + magic.count
        guard let newline = data[cursor...].prefix(64).firstIndex(of: UInt8(ascii: "\n")),
              let lengthLine = String(data: data[cursor..<newline], encoding: .utf8) else { throw bad("bad header length") }
        let fields = lengthLine.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == (hasChecksum ? 2 : 1), let headerLength = Int(fields[0]), headerLength > 0,
              headerLength <= data.endIndex - newline - 1 else {
            throw bad("bad header length")
        }
        cursor = newline + 1
        if hasChecksum {
            let sum = Checksum64.hex(of: [Data(fields[0].utf8), data[cursor...]])
            guard sum == fields[1] else { throw bad("the checksum does not match: the file is damaged") }
        }
        let header: GameCheckpointHeader
        do { header = try JSONDecoder().decode(GameCheckpointHeader.self, from: data[cursor..<(cursor + headerLength)]) } catch {
            throw bad("bad header: \(FileProblem.reason(error))")
        }
        cursor += headerLength
        guard header.version == 1 else { throw bad("version \(header.version)") }
        do { try header.validate(fileBytes: data.endIndex - cursor) } catch let e as EngineError { throw bad(e.message) }
        try checkConfig(header.config, path: path)
        var blobs: [String: Data] = [:]
        for b in header.blobs {
            guard b.length >= 0, b.length <= data.endIndex - cursor else { throw bad("blob \(b.name) runs past the end") }
            blobs[b.name] = data[cursor..<(cursor + b.length)]
            cursor += b.length
        }
        guard cursor == data.endIndex else { throw bad("\(data.endIndex - cursor) bytes after the last blob") }
        guard let rngState = SeededRandom(state: header.rng) else { throw bad("bad random state") }
        guard let policyBlob = blobs["policy"], let referenceBlob = blobs["reference"], let ledgerBlob = blobs["ledger"] else {
            throw bad("missing policy, reference or ledger")
        }
        // Decode everything before changing anything, so a bad file leaves the game as it was.
        let newReference = try policy.snapshot()
        try newReference.restore(from: Data(referenceBlob))
        var newSnapshots: [String: SelfPlayPolicy] = [:]
        for (name, blob) in blobs where name.hasPrefix("snapshot:") {
            let s = try policy.snapshot()
            try s.restore(from: Data(blob))
            newSnapshots[String(name.dropFirst("snapshot:".count))] = s
        }
        for name in header.leaguePool where newSnapshots[name] == nil { throw bad("league pool names a missing snapshot '\(name)'") }
        guard let ledgerText = String(data: ledgerBlob, encoding: .utf8) else { throw bad("ledger is not UTF-8") }
        let decoder = JSONDecoder()
        var episodes: [Episode] = []
        for (i, line) in ledgerText.split(separator: "\n").enumerated() {
            do { episodes.append(try decoder.decode(Episode.self, from: Data(line.utf8))) } catch { throw bad("ledger line \(i + 1): \(FileProblem.reason(error))") }
        }
        try policy.restore(from: Data(policyBlob))
        reference = newReference
        snapshots = newSnapshots
        leaguePool = header.leaguePool
        step = header.step
        rng = rngState
        history = header.history
        ledger = Ledger(episodes)
    }
}

extension Game {
    /// What this game was made with (and is running with: `g.run(algo:, batch:)` change it).
    public var configRecord: GameConfigRecord { GameConfigRecord(config: config, policy: policy) }

    /// Refuses a checkpoint saved by a game made with other arguments, naming every field that
    /// differs (a model of another size shows as `model`, not as a byte count).
    func checkConfig(_ stored: GameConfigRecord?, path: String) throws {
        guard let stored, let text = stored.differenceText(from: configRecord) else { return }
        throw EngineError("checkpoint: \(path) was saved by a game made with other arguments: \(text) (make the game with the checkpoint's arguments)")
    }
}
