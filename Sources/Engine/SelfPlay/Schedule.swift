/// A co-evolution schedule as a value: what each training step plays and trains.
///
/// A schedule sees the game's step counter (not the run's), so a run continued with the same
/// schedule picks up where it stopped. Inside `sequence` (and `then`) each part sees the steps counted
/// from its own start instead: its first step is 0, so `alternate` starts with the attacker and
/// `league` takes its first snapshot when the part begins, however late that is. Frozen opponents
/// may be a league pool (`.league(pool:every:)` as a `PolicyRef`): the game keeps one pool, shared
/// by every schedule that names it.
///
///     .selfplay                              // both roles, one live model
///     .attackerOnly(vs: .reference)          // live attacker vs the frozen initial defender
///     .defenderOnly(vs: .direct)             // the defender on plain seeds (a static attacker)
///     .alternate(every: 5)                   // 5 steps training the attacker, 5 the defender, ...
///     .league(pool: 4, every: 10)            // opponents drawn from the last 4 snapshots, one per 10 steps
///     .attackerOnly(vs: .league(pool: 4, every: 10))  // only the attacker trains, against pool defenders
///     .sequence([(.selfplay, 50), (.defenderOnly(vs: .direct), 20)])
///     .custom(name: "mine") { step in step < 10 ? .selfplay : .alternate(every: 2) }
public indirect enum Schedule {
    case selfplay
    /// Only attacker samples train; the defender is a frozen policy (the paper: the initial model) or
    /// a league pool member drawn each step.
    case attackerOnly(vs: PolicyRef)
    /// Only defender samples train, against seeds as they are, a fixed attack list, a frozen attacker
    /// or a league pool member drawn each step.
    case defenderOnly(vs: AttackerSource)
    /// The live model plays both roles, but only one role trains at a time: `every` steps each,
    /// attacker first.
    case alternate(every: Int)
    /// Every `every` steps a snapshot joins a pool of the last `pool`; each step the live attacker
    /// faces a pool defender and a pool attacker faces the live defender (half the games each).
    case league(pool: Int, every: Int)
    /// Parts run one after another for their step counts; the last part continues after its count.
    case sequence([(Schedule, Int)])
    /// A schedule chosen per step by a function (Runtime wraps Spar functions this way).
    case custom(name: String, (Int) throws -> Schedule)

    /// A short description for summaries and progress lines.
    public var name: String {
        switch self {
        case .selfplay: return "selfplay"
        case .attackerOnly: return "attacker_only"
        case .defenderOnly: return "defender_only"
        case .alternate(let k): return "alternate(every: \(k))"
        case .league(let k, let m): return "league(pool: \(k), every: \(m))"
        case .sequence(let parts): return "sequence(" + parts.map { "\($0.0.name) x\($0.1)" }.joined(separator: ", ") + ")"
        case .custom(let name, _): return name
        }
    }

    /// Throws for arguments no step can use.
    public func validate() throws {
        switch self {
        case .selfplay, .custom: return
        case .attackerOnly(let opponent):
            try opponent.validate()
        case .defenderOnly(let source):
            if case .attacks(let list) = source, list.isEmpty { throw EngineError("defender_only: the attack list is empty") }
            if case .policy(let opponent) = source { try opponent.validate() }
        case .alternate(let k):
            guard k >= 1 else { throw EngineError("alternate: every must be at least 1, got \(k)") }
        case .league(let k, let m):
            try PolicyRef.league(pool: k, every: m).validate()
        case .sequence(let parts):
            guard !parts.isEmpty else { throw EngineError("sequence: needs at least one schedule") }
            for (s, n) in parts {
                guard n >= 1 else { throw EngineError("sequence: each part needs at least 1 step, got \(n)") }
                try s.validate()
            }
        }
    }

    /// The matches of step `step` (counted from this schedule's start). League steps may add a
    /// snapshot to the game's pool and draw an opponent with `rng`; the matches name no league refs.
    func matches(step: Int, game: Game, rng: inout SeededRandom, depth: Int = 0) throws -> [Match] {
        guard depth < 16 else { throw EngineError("schedule: custom schedules nest more than 16 deep") }
        switch self {
        case .selfplay:
            return [.selfplay]
        case .attackerOnly(let opponent):
            let defender = try game.drawIfLeague(opponent, step: step, rng: &rng)
            return [Match(attacker: .policy(.live), defender: defender, train: [.attacker])]
        case .defenderOnly(var source):
            if case .policy(let opponent) = source { source = .policy(try game.drawIfLeague(opponent, step: step, rng: &rng)) }
            return [Match(attacker: source, defender: .live, train: [.defender])]
        case .alternate(let k):
            let attackerTurn = (step / k) % 2 == 0
            return [Match(attacker: .policy(.live), defender: .live, train: attackerTurn ? [.attacker] : [.defender])]
        case .league(let k, let m):
            let opponent = try game.drawIfLeague(.league(pool: k, every: m), step: step, rng: &rng)
            return [Match(attacker: .policy(.live), defender: opponent, train: [.attacker], share: 0.5),
                    Match(attacker: .policy(opponent), defender: .live, train: [.defender], share: 0.5)]
        case .sequence(let parts):
            var start = 0
            for (i, (s, n)) in parts.enumerated() {
                if step < start + n || i == parts.count - 1 {
                    return try s.matches(step: step - start, game: game, rng: &rng, depth: depth + 1)
                }
                start += n
            }
            throw EngineError("sequence: needs at least one schedule")
        case .custom(_, let choose):
            let s = try choose(step)
            try s.validate()
            return try s.matches(step: step, game: game, rng: &rng, depth: depth + 1)
        }
    }
}

extension PolicyRef {
    func validate() throws {
        guard case .league(let k, let m) = self else { return }
        guard k >= 1 else { throw EngineError("league: pool must be at least 1, got \(k)") }
        guard m >= 1 else { throw EngineError("league: every must be at least 1, got \(m)") }
    }
}

extension Game {
    /// `ref` itself, or for a league ref a member of the game's pool drawn with `rng`, after adding
    /// a snapshot of the live policy when `step` (counted from the schedule's start) is a multiple
    /// of `every` or the pool is empty, and dropping the oldest beyond `pool`.
    func drawIfLeague(_ ref: PolicyRef, step: Int, rng: inout SeededRandom) throws -> PolicyRef {
        guard case .league(let k, let m) = ref else { return ref }
        if step % m == 0 || leaguePool.isEmpty {
            let name = "league@\(self.step)"
            if !leaguePool.contains(name) {
                try addSnapshot(named: name)
                leaguePool.append(name)
            }
        }
        while leaguePool.count > k { snapshots[leaguePool.removeFirst()] = nil }
        return .snapshot(name: leaguePool[rng.nextInt(below: leaguePool.count)])
    }
}
