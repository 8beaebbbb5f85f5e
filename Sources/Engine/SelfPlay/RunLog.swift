import Foundation

/// A run folder: what `g.run(..., log: "runs/NAME")` keeps of an experiment, in files other tools
/// read (pandas, TensorBoard, `spar runs`):
///
///     runs/NAME/config.json                the game's arguments (GameConfigRecord), its step, every run call
///     runs/NAME/metrics.csv                one row per step: `step`, then every StepMetrics name
///     runs/NAME/events.out.tfevents.spar   the same scalars for TensorBoard (`tensorboard --logdir runs`)
///     runs/NAME/ledger.jsonl               every game (the Ledger's JSONL)
///     runs/NAME/game.ckpt                  the game's checkpoint: `g.load` it to continue the run
///
/// metrics.csv and the event file gain a row per step as the run goes. ledger.jsonl and game.ckpt
/// are rewritten with the run's checkpoints (every `every` steps and at its end); ledger.jsonl and
/// config.json also when the run is stopped. At the start of each run call the metrics files are
/// rewritten from the game's history, so a game resumed from the folder's checkpoint continues
/// them without repeating steps. A folder holding another game's run, or files that are not a
/// run's, is refused.
public final class RunLog {
    public static let configFile = "config.json"
    public static let metricsFile = "metrics.csv"
    public static let eventsFile = "events.out.tfevents.spar"
    public static let ledgerFile = "ledger.jsonl"
    public static let checkpointFile = "game.ckpt"
    /// The first line of config.json's "format" field.
    static let format = "spar-run 1"

    public let folder: String
    /// Seconds since 1970 for TensorBoard's wall times and the run list (tests pass a fixed clock).
    public var clock: () -> Double = { Date().timeIntervalSince1970 }
    var runs: [RunCall] = []

    public init(folder: String) throws {
        guard !folder.isEmpty else { throw EngineError("log: the folder name is empty") }
        self.folder = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
    }

    public func path(_ file: String) -> String { folder + "/" + file }

    /// Where the run's checkpoints go unless `g.run(checkpoint:)` names another file.
    public var checkpointPath: String { path(Self.checkpointFile) }

    // MARK: writing

    /// Prepares the folder for a run call of `steps` steps: checks it holds nothing or this game's
    /// run, records the call, rewrites the metrics files from the game's history.
    func begin(_ game: Game, schedule: String, steps: Int) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw EngineError("log: \(folder) is a file, not a folder") }
        } else {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw EngineError("log: cannot make the folder \(folder): \(FileProblem.reason(error, path: folder, writing: true))")
            }
        }
        runs = []
        let hasConfig = FileManager.default.fileExists(atPath: path(Self.configFile))
        if !hasConfig, let entries = try? FileManager.default.contentsOfDirectory(atPath: folder), !entries.isEmpty {
            // Never spread run files over a folder that holds something else.
            throw EngineError("log: \(folder) holds other files and no \(Self.configFile); log into a new or empty folder")
        }
        if hasConfig {
            let old = try RunFolder.read(folder)
            if let text = old.config.differenceText(from: game.configRecord) {
                throw EngineError("log: \(folder) holds the run of a game made with other arguments: \(text) (log into another folder)")
            }
            if old.step > 0 && game.step == 0 {
                throw EngineError("log: \(folder) already holds a run of \(old.step) steps; log into another folder, remove it, or g.load(\"\(checkpointPath)\") to continue it")
            }
            runs = old.runs
        }
        let started = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: clock()))
        runs.append(RunCall(schedule: schedule, fromStep: game.step, steps: steps, started: started))
        try writeConfig(game)
        let now = clock()
        var csv = Self.csvHeader
        var events = TensorBoardEvents.fileVersionRecord(wallTime: now)
        for m in game.history {
            csv += Self.csvRow(m)
            events += Self.event(m, wallTime: now)
        }
        try write(Data(csv.utf8), Self.metricsFile)
        try write(Data(events), Self.eventsFile)
    }

    /// Appends one step's metrics to metrics.csv and the event file.
    func record(_ m: StepMetrics) throws {
        try append(Data(Self.csvRow(m).utf8), Self.metricsFile)
        try append(Data(Self.event(m, wallTime: clock())), Self.eventsFile)
    }

    /// Rewrites ledger.jsonl and config.json (with the game's step).
    func save(_ game: Game) throws {
        try write(Data(try game.ledger.jsonl().utf8), Self.ledgerFile)
        try writeConfig(game)
    }

    func writeConfig(_ game: Game) throws {
        let text = """
            {
              "format": \(JSONText.string(Self.format)),
              "step": \(game.step),
              "game": \(game.configRecord.jsonObject(indent: 2)),
              "runs": [
            \(runs.map { "    " + $0.json }.joined(separator: ",\n"))
              ]
            }

            """
        try write(Data(text.utf8), Self.configFile)
    }

    static var csvHeader: String { (["step"] + StepMetrics.names).joined(separator: ",") + "\n" }

    static func csvRow(_ m: StepMetrics) -> String {
        ([String(m.step)] + m.values.map { $0.map(numberText) ?? "" }).joined(separator: ",") + "\n"
    }

    static func event(_ m: StepMetrics, wallTime: Double) -> [UInt8] {
        let scalars = zip(StepMetrics.names, m.values).compactMap { name, v in v.map { (tag: name, value: Float($0)) } }
        return TensorBoardEvents.scalarsRecord(wallTime: wallTime, step: m.step, scalars: scalars)
    }

    func write(_ data: Data, _ file: String) throws {
        do { try AtomicWrite.write(data, to: path(file)) } catch let e as EngineError {
            throw EngineError("log: cannot write \(path(file)): \(e.message)")
        }
    }

    func append(_ data: Data, _ file: String) throws {
        // Only the regular file `begin` wrote: never append into a FIFO or device put in its place.
        if let problem = FileProblem.notRegular(path(file)) { throw EngineError("log: cannot append to \(path(file)): it \(problem)") }
        guard let handle = FileHandle(forWritingAtPath: path(file)) else {
            throw EngineError("log: cannot append to \(path(file)) (was the folder removed during the run?)")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } catch {
            throw EngineError("log: cannot append to \(path(file)): \(FileProblem.reason(error, path: path(file), writing: true))")
        }
    }
}

/// One `g.run` call recorded in config.json.
public struct RunCall: Codable, Sendable, Equatable {
    public let schedule: String
    public let fromStep: Int
    public let steps: Int
    /// ISO 8601 time the call started.
    public let started: String

    enum CodingKeys: String, CodingKey { case schedule, fromStep = "from_step", steps, started }

    var json: String {
        "{\"schedule\": \(JSONText.string(schedule)), \"from_step\": \(fromStep), \"steps\": \(steps), \"started\": \(JSONText.string(started))}"
    }
}

/// A run folder read back: the game's arguments, its step, the run calls and the metrics rows.
public struct RunFolder {
    public let path: String
    public let config: GameConfigRecord
    public let step: Int
    public let runs: [RunCall]
    /// metrics.csv: its columns (after `step`) and one row per step (nil for an empty cell).
    public let columns: [String]
    public let rows: [(step: Int, values: [Double?])]

    struct ConfigFile: Decodable {
        let format: String
        let step: Int
        let game: [String: ConfigValue]
        let runs: [RunCall]
    }

    /// Reads `path`/config.json and, when present, `path`/metrics.csv. A malformed file is an error
    /// naming it.
    public static func read(_ path: String) throws -> RunFolder {
        let configPath = path + "/" + RunLog.configFile
        guard FileManager.default.fileExists(atPath: configPath) else {
            throw EngineError("runs: \(path) is not a run folder (no \(RunLog.configFile))")
        }
        let data: Data
        do { data = try FileProblem.readFile(configPath, maxBytes: 1 << 24) } catch {
            throw EngineError("runs: cannot read \(configPath): \(FileProblem.reason(error, path: configPath))")
        }
        let file: ConfigFile
        do { file = try JSONDecoder().decode(ConfigFile.self, from: data) } catch {
            throw EngineError("runs: \(configPath) is not a run record (\(FileProblem.reason(error)))")
        }
        guard file.format == RunLog.format else { throw EngineError("runs: \(configPath) has format \"\(file.format)\", not \"\(RunLog.format)\"") }
        guard file.step >= 0 else { throw EngineError("runs: \(configPath) has a negative step") }
        let known = GameConfigRecord.fieldOrder.filter { file.game[$0] != nil }
        let names = known + file.game.keys.filter { !GameConfigRecord.fieldOrder.contains($0) }.sorted()
        let fields = names.compactMap { name in file.game[name].map { GameConfigRecord.Field(name, $0) } }
        var columns: [String] = [], rows: [(Int, [Double?])] = []
        let metricsPath = path + "/" + RunLog.metricsFile
        if FileManager.default.fileExists(atPath: metricsPath) {
            let bytes: Data
            do { bytes = try FileProblem.readFile(metricsPath, maxBytes: 1 << 30) } catch {
                throw EngineError("runs: cannot read \(metricsPath): \(FileProblem.reason(error, path: metricsPath))")
            }
            guard let text = String(data: bytes, encoding: .utf8) else { throw EngineError("runs: \(metricsPath) is not UTF-8 text") }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            guard !lines.isEmpty else { throw EngineError("runs: \(metricsPath) has no header") }
            let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard header.first == "step" else { throw EngineError("runs: \(metricsPath) does not start with a step column") }
            columns = Array(header.dropFirst())
            for (i, line) in lines.enumerated() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard cells.count == header.count, let s = Double(cells[0]).flatMap(exactNonNegativeInt) else {
                    // A row cut short by a kill mid-write can only be the last one; anything else is damage.
                    if i == lines.count - 1 { break }
                    throw EngineError("runs: \(metricsPath):\(i + 2): not a metrics row")
                }
                rows.append((s, cells.dropFirst().map { $0.isEmpty ? nil : Double($0) }))
            }
        }
        return RunFolder(path: path, config: GameConfigRecord(fields: fields), step: file.step, runs: file.runs,
                         columns: columns, rows: rows)
    }

    /// The mean of the last `last` non-empty values of `column`, or nil.
    public func final(_ column: String, last: Int = 1) -> Double? {
        guard let i = columns.firstIndex(of: column) else { return nil }
        let values = rows.compactMap { $0.values[i] }.suffix(max(last, 1))
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

/// `d` as an Int when it is a whole number in 0...2^53.
func exactNonNegativeInt(_ d: Double) -> Int? {
    d >= 0 && d <= 9_007_199_254_740_992 && d == d.rounded() ? Int(d) : nil
}
