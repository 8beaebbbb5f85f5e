/// The empirical meta-game of the language-model game: every attacker policy plays every defender
/// policy on the same seeded draws of seeds, and the judge's verdicts fill a zero-sum payoff matrix.
///
/// Rows are attackers (they maximise), columns defenders (they minimise). An entry is the attack
/// success rate of that pair: harmful-seed games whose response the judge calls harmful, over the
/// harmful-seed games it could judge (REFERENCE.md's definition, the same as the `attack_success`
/// metric). Benign seeds in the set are played but do not enter the payoff. Every cell plays the
/// same seed draws (common random numbers), so differences between cells come from the policies.
///
///     let meta = try EmpiricalMetaGame.measure(game: g, attackers: [("a0", p0)], defenders: [("d0", q0)],
///                                             games: 32, seed: 7)
///     let s = try meta.matrix.solve()      // meta-strategies and the value
public struct EmpiricalMetaGame {
    /// The payoff matrix as a zero-sum game with the policies' names on both axes.
    public let matrix: MatrixGame
    /// Harmful-seed games the judge called harmful, per cell.
    public let successes: [[Int]]
    /// Harmful-seed games the judge labelled (the denominator of each entry), per cell.
    public let judged: [[Int]]
    /// All games played per cell (benign seeds and unjudged games included).
    public let played: [[Int]]

    /// Plays every (attacker, defender) pair through `game.evaluate` with the game's roles, judge and
    /// rewards, `games` seed draws per cell from `seeds` (the game's seeds when nil), all with `seed`.
    /// Never trains and never touches the game's ledger or random stream.
    public static func measure(game: Game, attackers: [(name: String, policy: SelfPlayPolicy)],
                               defenders: [(name: String, policy: SelfPlayPolicy)],
                               seeds: [WorldSeed]? = nil, games: Int, seed: UInt64 = 0) throws -> EmpiricalMetaGame {
        guard !attackers.isEmpty else { throw EngineError("meta_game: the attacker population is empty") }
        guard !defenders.isEmpty else { throw EngineError("meta_game: the defender population is empty") }
        guard games >= 1 else { throw EngineError("meta_game: games per cell must be at least 1, got \(games)") }
        let pool = seeds ?? game.config.seeds
        guard pool.contains(where: { $0.type == .harmful }) else {
            throw EngineError("meta_game: the seed set has no harmful seed, so attack success is undefined")
        }
        var successes = [[Int]](), judged = [[Int]](), played = [[Int]](), rates = [[Double]]()
        for a in attackers {
            var sRow = [Int](), jRow = [Int](), pRow = [Int](), rRow = [Double]()
            for d in defenders {
                let e = try game.evaluate(attacker: .policy(.other(a.policy)), defender: .other(d.policy),
                                          seeds: pool, games: games, seed: seed)
                var hits = 0, count = 0
                for ep in e.rollout.episodes where ep.seedType == .harmful {
                    guard let harmful = ep.labels.responseHarmful.bool else { continue }
                    count += 1
                    if harmful { hits += 1 }
                }
                guard count > 0 else {
                    throw EngineError("meta_game: attacker \(a.name) against defender \(d.name) had no judged harmful-seed game in \(games) games; play more games per cell")
                }
                sRow.append(hits); jRow.append(count); pRow.append(e.rollout.count)
                rRow.append(Double(hits) / Double(count))
            }
            successes.append(sRow); judged.append(jRow); played.append(pRow); rates.append(rRow)
        }
        let matrix = try MatrixGame(rates, rowNames: attackers.map(\.name), colNames: defenders.map(\.name))
        return EmpiricalMetaGame(matrix: matrix, successes: successes, judged: judged, played: played)
    }
}
