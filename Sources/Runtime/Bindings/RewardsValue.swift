import Engine

/// A reward table as a Spar value: `rewards.general_sum`, `rewards.all_one`, `rewards.zero_sum`, or
/// `rewards.custom(f)` where `f(game)` returns `{attacker: {format:, faithfulness:, refusal:, harm:},
/// defender: {...}}`. `r.score(labels, seed_type:, ...)` computes one game's reward parts.
final class RewardsValue: NativeValue {
    enum Kind {
        case table(RewardTable)
        case function(Value)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    var typeName: String { "rewards" }

    var name: String {
        switch kind {
        case .table(let t): return t.name
        case .function: return "custom"
        }
    }

    var summary: String { "<rewards \(name)>" }

    static let members: [(String, String)] = [
        ("name", "rewards.name: the table's name"),
        ("score", "r.score(labels, seed_type: \"harmful\", attacker_played: true, attacker_format: nil, defender_format: nil): {attacker, defender, tie} reward parts"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? { name == "name" ? .string(self.name) : nil }

    /// The engine table for this call (a Spar function table calls back through `args`).
    func table(_ args: Arguments) -> RewardTable {
        switch kind {
        case .table(let t): return t
        case .function(let f):
            return RewardTable.custom(name: "custom") { g in
                let game = Value.record([
                    ("seed_type", .string(g.seedType.rawValue)), ("attacker_played", .bool(g.attackerPlayed)),
                    ("attacker_format", g.attackerFormatOK.map { .bool($0) } ?? .null),
                    ("defender_format", g.defenderFormatOK.map { .bool($0) } ?? .null),
                    ("labels", SelfPlayConversions.labels(g.labels)),
                ])
                let result = try args.callFunction(f, [game])
                guard case .record(let r) = result else {
                    throw ScriptError("rewards.custom: the function must return {attacker: ..., defender: ...}, not \(result.typeName)")
                }
                let attacker = try SelfPlayConversions.parts(from: r["attacker"] ?? .null, "rewards.custom")
                guard let defender = try SelfPlayConversions.parts(from: r["defender"] ?? .null, "rewards.custom") else {
                    throw ScriptError("rewards.custom: the result needs defender reward parts")
                }
                return GameRewards(attacker: attacker, defender: defender, tie: false)
            }
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        guard method == "score" else { return nil }
        try args.expect(1, 1, labels: ["seed_type", "attacker_played", "attacker_format", "defender_format"])
        let labels = try SelfPlayConversions.labels(from: args[0] ?? .null, "rewards.score")
        let seedType = args["seed_type"] == nil ? SeedType.harmful
            : try SelfPlayConversions.seedType(try args.string(SelfPlayConversions.labelOnly, "seed_type"), args.callee)
        let input = GameRewardInput(
            seedType: seedType,
            attackerPlayed: try SelfPlayConversions.bool(args, SelfPlayConversions.labelOnly, "attacker_played", default: true),
            attackerFormatOK: try SelfPlayConversions.optionalBool(args, "attacker_format"),
            defenderFormatOK: try SelfPlayConversions.optionalBool(args, "defender_format"),
            labels: labels)
        return SelfPlayConversions.gameRewards(try table(args).rewards(input))
    }
}
