import Engine

/// The empirical meta-game of a language-model game as a Spar value (`meta_game(g, attackers:,
/// defenders:)`): the attack-success matrix of every attacker against every defender, with the
/// episode counts behind each entry.
///
///     let meta = meta_game(g, attackers: {start: m0, br1: a1}, defenders: {start: m0}, games: 32)
///     show(meta)          # rates with successes/judged games per cell
///     meta.solve()        # {attacker:, defender:, value:} exactly, by linear programming
///     meta.matrix         # the matrix_game, for nash, exploitability, dynamics
final class MetaGameValue: NativeValue {
    let meta: EmpiricalMetaGame

    init(_ meta: EmpiricalMetaGame) { self.meta = meta }

    var typeName: String { "meta_game" }

    var summary: String { "<meta_game \(meta.matrix.rows) attackers x \(meta.matrix.cols) defenders, attack success>" }

    /// Rows attackers, columns defenders; each cell "rate (successes/judged)".
    var showText: String {
        let m = meta.matrix
        let table = PayoffTable.render(rowNames: m.rowNames, colNames: m.colNames) { (i: Int, j: Int) -> String in
            "\(PayoffTable.number(m.payoffs[i, j], digits: 3)) (\(meta.successes[i][j])/\(meta.judged[i][j]))"
        }
        return summary + "\n" + table + "\nrows attack, columns defend; cell: attack success (harmful-seed games judged harmful/judged)"
    }

    static let members: [(String, String)] = [
        ("matrix", "meta.matrix: the attack-success matrix as a matrix_game (rows attackers maximise, columns defenders minimise)"),
        ("attackers", "meta.attackers: the attacker names (rows)"),
        ("defenders", "meta.defenders: the defender names (columns)"),
        ("rates", "meta.rates: attack success per cell, harmful-seed games judged harmful over those judged"),
        ("successes", "meta.successes: harmful-seed games judged harmful, per cell"),
        ("judged", "meta.judged: harmful-seed games the judge labelled, per cell (the rates' denominators)"),
        ("played", "meta.played: all games played per cell, benign seeds and unjudged games included"),
        ("solve", "meta.solve(): {attacker:, defender:, value:}: the meta-strategies and value, exact for this matrix (linear programming)"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "matrix": return .native(GameValue(.zeroSum(meta.matrix)))
        case "attackers": return GameArguments.strings(meta.matrix.rowNames)
        case "defenders": return GameArguments.strings(meta.matrix.colNames)
        case "rates": return GameArguments.nested(meta.matrix.payoffs.nested)
        case "successes": return Self.counts(meta.successes)
        case "judged": return Self.counts(meta.judged)
        case "played": return Self.counts(meta.played)
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        guard method == "solve" else { return nil }
        try args.expect(0)
        let s = try meta.matrix.solve()
        return .record([("attacker", GameArguments.list(s.row)), ("defender", GameArguments.list(s.col)), ("value", .number(s.value))])
    }

    static func counts(_ c: [[Int]]) -> Value {
        .list(c.map { row in .list(row.map { .number(Double($0)) }) })
    }
}
