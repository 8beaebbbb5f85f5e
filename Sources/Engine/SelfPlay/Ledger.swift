import Foundation

/// Every episode of a run, in order: append, filter, group, and export to JSONL and CSV.
///
///     var ledger = Ledger()
///     ledger.append(episode)
///     let fiction = ledger.filter { $0.tactic == "fiction" }
///     for (tactic, eps) in ledger.grouped(by: .tactic) { ... }
///     try ledger.writeJSONL(to: "run.jsonl")          // atomic: temporary file, then rename
public struct Ledger: Sendable, Equatable {
    public private(set) var episodes: [Episode]

    public init(_ episodes: [Episode] = []) { self.episodes = episodes }

    public var count: Int { episodes.count }

    public mutating func append(_ episode: Episode) { episodes.append(episode) }

    public mutating func append(contentsOf more: [Episode]) { episodes.append(contentsOf: more) }

    /// The episodes for which `keep` is true, as a new ledger.
    public func filter(_ keep: (Episode) throws -> Bool) rethrows -> Ledger {
        Ledger(try episodes.filter(keep))
    }

    /// What episodes can be grouped by.
    public enum GroupKey: String, Sendable, CaseIterable {
        case tactic, category, seedType = "seed_type", step
    }

    /// Groups in order of first appearance.
    public func grouped(by key: GroupKey) -> [(key: String, ledger: Ledger)] {
        var order: [String] = []
        var groups: [String: [Episode]] = [:]
        for e in episodes {
            let k: String
            switch key {
            case .tactic: k = e.tactic
            case .category: k = e.category
            case .seedType: k = e.seedType.rawValue
            case .step: k = String(e.step)
            }
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(e)
        }
        return order.map { ($0, Ledger(groups[$0] ?? [])) }
    }

    /// Every game scored again by `table` (`Episode.rescored`): the same games under another reward
    /// table, e.g. the zero-sum comparison of a general-sum run, without playing them again.
    public func rescored(with table: RewardTable) throws -> Ledger {
        Ledger(try episodes.map { try $0.rescored(with: table) })
    }

    // MARK: JSONL

    /// One JSON object per line, keys sorted; every field is present (null when missing), labels are
    /// true, false or null, rewards are {format, faithfulness, refusal, harm, total}. Flattened, a
    /// record holds exactly the CSV columns with the same values (`csvColumns`).
    public func jsonl() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for e in episodes {
            let data = try encoder.encode(e)
            guard let line = String(data: data, encoding: .utf8) else { throw EngineError("ledger: could not encode an episode as UTF-8") }
            out += line + "\n"
        }
        return out
    }

    public func writeJSONL(to path: String) throws {
        try Self.writeAtomically(try jsonl(), to: path)
    }

    /// Reads a ledger written by `writeJSONL`; names the file and line of a malformed record.
    public static func readJSONL(from path: String) throws -> Ledger {
        let text: String
        do {
            guard let decoded = String(data: try FileProblem.readFile(path), encoding: .utf8) else { throw EngineError("not UTF-8 text") }
            text = decoded
        } catch {
            throw EngineError("ledger: cannot read \(path): \(FileProblem.reason(error, path: path))")
        }
        let decoder = JSONDecoder()
        var episodes: [Episode] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            do { episodes.append(try decoder.decode(Episode.self, from: Data(line.utf8))) } catch {
                throw EngineError("ledger: \(path):\(i + 1): not an episode record (\(FileProblem.reason(error)))")
            }
        }
        return Ledger(episodes)
    }

    // MARK: CSV

    /// The CSV columns, in order: the JSONL fields flattened, labels by their names and reward parts
    /// as `<role>_<part>`, with `<role>_reward` the total.
    public static let csvColumns = [
        "step", "seed", "seed_type", "category", "alarming", "tactic", "attacker_played",
        "attacker_thinking", "attacker_answer", "attacker_format_ok",
        "defender_prompt", "defender_thinking", "defender_answer", "defender_format_ok",
        "prompt_harmful", "refusal", "response_harmful",
        "attacker_format", "attacker_faithfulness", "attacker_refusal", "attacker_harm", "attacker_reward",
        "defender_format", "defender_faithfulness", "defender_refusal", "defender_harm", "defender_reward", "tie", "judge_error",
    ]

    /// RFC 4180 CSV with a header row; unknown labels and missing values are empty fields.
    public func csv() -> String {
        var out = Self.csvColumns.joined(separator: ",") + "\r\n"
        for e in episodes {
            func b(_ v: Bool?) -> String { v.map { $0 ? "true" : "false" } ?? "" }
            func n(_ v: Double?) -> String { v.map { numberText($0) } ?? "" }
            let a = e.attackerReward, d = e.defenderReward
            let fields: [String] = [
                String(e.step), e.seed, e.seedType.rawValue, e.category, b(e.alarming), e.tactic, b(e.attackerPlayed),
                e.attackerThinking, e.attackerAnswer, b(e.attackerFormatOK),
                e.defenderPrompt, e.defenderThinking, e.defenderAnswer, b(e.defenderFormatOK),
                b(e.labels.promptHarmful.bool), b(e.labels.refusal.bool), b(e.labels.responseHarmful.bool),
                n(a?.format), n(a?.faithfulness), n(a?.refusal), n(a?.harm), n(a?.total),
                n(d.format), n(d.faithfulness), n(d.refusal), n(d.harm), n(d.total), b(e.tie), e.judgeError ?? "",
            ]
            out += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return out
    }

    public func writeCSV(to path: String) throws {
        try Self.writeAtomically(csv(), to: path)
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }


    /// Writes atomically (a crash never leaves a half-written ledger).
    static func writeAtomically(_ text: String, to path: String) throws {
        do {
            try AtomicWrite.write(Data(text.utf8), to: path)
        } catch let error as EngineError {
            throw EngineError("ledger: cannot write \(path): \(error.message)")
        }
    }
}
