import Engine
import Foundation

/// A list of games as a Spar value: what `g.play(n)` returns and what `g.ledger` holds. Index it for
/// episode records, filter and group it, score it, export it. Episodes fresh from `play` keep their
/// token-level turns so `g.update(eps)` can train on them.
final class EpisodesValue: NativeValue {
    let episodes: [Episode]
    /// The token-level turns, when these episodes came from `play` (nil for ledgers and filters).
    let rollout: Rollout?
    /// The game that played them (update refuses episodes of another game).
    weak var game: Game?

    init(_ episodes: [Episode], rollout: Rollout? = nil, game: Game? = nil) {
        self.episodes = episodes
        self.rollout = rollout
        self.game = game
    }

    var typeName: String { "episodes" }

    /// `<episodes 16 games, 3 ties>`: counts (the metrics give `tie_share`, a share), and the
    /// games with a judge error when there are any.
    var summary: String {
        let ties = episodes.filter(\.tie).count
        let errors = episodes.filter { $0.judgeError != nil }.count
        let errorText = errors == 0 ? "" : ", \(errors) judge error\(errors == 1 ? "" : "s")"
        return "<episodes \(episodes.count) games, \(ties) tie\(ties == 1 ? "" : "s")\(errorText)>"
    }

    var showText: String {
        var lines = [summary]
        let header = ["step", "type", "tactic", "prompt", "answer", "refusal", "harmful", "r_atk", "r_def"]
        var rows: [[String]] = []
        for e in episodes.prefix(20) {
            func clip(_ s: String) -> String { s.count > 28 ? String(s.prefix(27)) + "…" : s }
            func tri(_ t: TriState) -> String { t.bool.map { $0 ? "yes" : "no" } ?? "?" }
            rows.append([String(e.step), e.seedType.rawValue, e.tactic, clip(e.defenderPrompt), clip(e.defenderAnswer),
                         tri(e.labels.refusal), tri(e.labels.responseHarmful), GameConversions.cell(e.attackerReward?.total),
                         GameConversions.cell(e.defenderReward.total)])
        }
        lines += Self.table(header, rows)
        if episodes.count > 20 { lines.append("  … \(episodes.count - 20) more") }
        return lines.joined(separator: "\n")
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { i, c in c + String(repeating: " ", count: max(widths[i] - c.count, 0)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        return [line(header)] + rows.map(line)
    }

    static let members: [(String, String)] = [
        ("len", "eps.len: the number of games (also len(eps))"),
        ("list", "eps.list(): the games as records {seed, seed_type, tactic, attacker_answer, defender_answer, labels, ...}"),
        ("filter", "eps.filter(f): the games for which f(record) is true"),
        ("group_by", "eps.group_by(key): a record of episodes per \"tactic\", \"category\", \"seed_type\" or \"step\""),
        ("metrics", "eps.metrics(): attack success, refusal, over-refusal, faithfulness, format, ties, rewards, diversity"),
        ("attacks", "eps.attacks(): the attacker's answers (the prompts the defender saw) of the games with an attacker turn"),
        ("rescore", "eps.rescore(rewards.zero_sum): the same games scored by another reward table (labels and formats kept, reward parts and ties recomputed; no replay)"),
        ("save_jsonl", "eps.save_jsonl(path): one JSON record per game (written atomically)"),
        ("save_csv", "eps.save_csv(path): a CSV table, one row per game (written atomically)"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        name == "len" ? .number(Double(episodes.count)) : nil
    }

    func index(_ index: Value) throws -> Value? {
        guard case .number(let d) = index, let i = exactInt(d) else { throw ScriptError("episodes index must be an integer, not \(index.typeName)") }
        let j = i < 0 ? episodes.count + i : i
        guard j >= 0, j < episodes.count else { throw ScriptError("episodes index \(i) out of range for \(episodes.count) games") }
        return GameConversions.episode(episodes[j])
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "list":
            try args.expect(0)
            return .list(episodes.map(GameConversions.episode))
        case "filter":
            try args.expect(1)
            guard let f = args[0], f.typeName == "function" else { throw ScriptError("eps.filter: argument 1 must be a function") }
            let kept = try episodes.filter { try args.callFunction(f, [GameConversions.episode($0)]).isTruthy }
            return .native(EpisodesValue(kept))
        case "group_by":
            try args.expect(1)
            let name = try args.string(0)
            guard let key = Ledger.GroupKey(rawValue: name) else {
                throw ScriptError("eps.group_by: key must be one of \(Ledger.GroupKey.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \"\(name)\"")
            }
            return .record(Ledger(episodes).grouped(by: key).map { ($0.key, .native(EpisodesValue($0.ledger.episodes))) })
        case "metrics":
            try args.expect(0)
            let m = StepMetrics(step: episodes.last?.step ?? 0, episodes: episodes,
                                attacks: episodes.filter(\.attackerPlayed).map(\.attackerAnswer), update: nil)
            // Only what episodes alone can tell (no update, no timings).
            let keep = ["games", "attack_success", "harmful_refusal", "benign_over_refusal", "alarming_over_refusal", "faithfulness",
                        "format_violations", "attacker_format_violations", "defender_format_violations", "tie_share", "judge_errors", "reward_attacker",
                        "reward_defender", "self_bleu_div", "embed_div"]
            return .record(keep.map { ($0, GameConversions.optionalNumber(m[$0] ?? nil)) })
        case "rescore":
            try args.expect(1)
            guard case .native(let n)? = args[0], let table = n as? RewardsValue else {
                throw ScriptError("eps.rescore: argument 1 must be a reward table (rewards.zero_sum, ...), not \(args[0]?.typeName ?? "nothing")")
            }
            return .native(EpisodesValue(try Ledger(episodes).rescored(with: table.table(args)).episodes))
        case "attacks":
            try args.expect(0)
            return .list(episodes.filter(\.attackerPlayed).map { .string($0.attackerAnswer) })
        case "save_jsonl":
            try args.expect(1)
            try Ledger(episodes).writeJSONL(to: try args.string(0))
            return .null
        case "save_csv":
            try args.expect(1)
            try Ledger(episodes).writeCSV(to: try args.string(0))
            return .null
        default:
            return nil
        }
    }
}
