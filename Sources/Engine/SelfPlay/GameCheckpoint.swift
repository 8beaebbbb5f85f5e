import Foundation

/// The whole state of a game in one file: the live policy (weights and optimizer), the reference,
/// every snapshot (league pool included), the random stream, the step, the game's configuration
/// (`GameConfigRecord`), the metrics history and the ledger.
///
/// Format: the line `SPARGAME 1`, a line with the byte length of a JSON header, the header
/// (`GameCheckpointHeader`), then the blobs it lists back to back: "policy", "reference",
/// "snapshot:<name>"… (each the policy's own `checkpointData`) and "ledger" (JSONL). Written to a
/// temporary file and renamed, so a crash leaves the previous checkpoint intact.
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
    static let checkpointMagic = "SPARGAME 1\n"

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
        var data = Data(Self.checkpointMagic.utf8)
        data.append(Data("\(json.count)\n".utf8))
        data.append(json)
        for (_, blob) in blobs { data.append(blob) }

        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            try data.write(to: tmp)
            guard rename(tmp.path, url.path) == 0 else { throw EngineError("rename failed: \(String(cString: strerror(errno)))") }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw EngineError("checkpoint: cannot write \(path): \(error)")
        }
    }

    /// Restores a game saved by `saveCheckpoint` into this game, which must have been made with the
    /// same kind of policy and configuration. A malformed file is an error naming it.
    public func loadCheckpoint(from path: String) throws {
        func bad(_ why: String) -> EngineError { EngineError("checkpoint: \(path) is not a game checkpoint (\(why))") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw EngineError("checkpoint: cannot read \(path): \(error.localizedDescription)")
        }
        let magic = Data(Self.checkpointMagic.utf8)
        guard data.count > magic.count, data.prefix(magic.count) == magic else { throw bad("wrong magic line") }
        var cursor = data.startIndex + magic.count
        guard let newline = data[cursor...].firstIndex(of: UInt8(ascii: "\n")),
              let lengthText = String(data: data[cursor..<newline], encoding: .utf8),
              let headerLength = Int(lengthText), headerLength > 0, headerLength <= data.endIndex - newline - 1 else {
            throw bad("bad header length")
        }
        cursor = newline + 1
        let header: GameCheckpointHeader
        do { header = try JSONDecoder().decode(GameCheckpointHeader.self, from: data[cursor..<(cursor + headerLength)]) } catch {
            throw bad("bad header: \(error)")
        }
        cursor += headerLength
        guard header.version == 1 else { throw bad("version \(header.version)") }
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
            do { episodes.append(try decoder.decode(Episode.self, from: Data(line.utf8))) } catch { throw bad("ledger line \(i + 1): \(error)") }
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
