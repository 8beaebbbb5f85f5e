import Engine

/// A co-evolution schedule as a Spar value (`schedule.alternate(every: 5)`, or through `use schedules`).
///
/// Frozen opponents are copied once, when the schedule is made (`vs: lm` freezes lm as it is then);
/// an opponent that is already frozen (`lm.snapshot()`) is shared, never copied, so a schedule made
/// inside `schedule.custom(fn(step) { ... })` costs no memory per step when its opponents are
/// snapshots. `vs:` may also be a league schedule: its pool of snapshots supplies the opponent each
/// step (`attacker_only(vs: schedule.league(pool: 4, every: 10))`). A schedule written as a Spar
/// function returns a schedule for each step; it is turned into the engine's schedule afresh for
/// each call, because it calls back into Spar.
final class ScheduleValue: NativeValue {
    enum Opponent {
        case reference
        case frozen(SelfPlayPolicy)
        case league(pool: Int, every: Int)
    }

    enum Kind {
        case selfplay
        case attackerOnly(Opponent)
        case defenderOnly(direct: Bool, attacks: [WorldPrompt], attacker: Opponent?)
        case alternate(Int)
        case league(pool: Int, every: Int)
        case sequence([(ScheduleValue, Int)])
        case function(Value)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    var typeName: String { "schedule" }

    var name: String {
        switch kind {
        case .selfplay: return "selfplay"
        case .attackerOnly(let o): return "attacker_only(vs: \(Self.describe(o)))"
        case .defenderOnly(let direct, let attacks, let attacker):
            if direct { return "defender_only(vs: seeds)" }
            if let attacker { return "defender_only(vs: \(Self.describe(attacker)))" }
            return "defender_only(vs: \(attacks.count) attacks)"
        case .alternate(let k): return "alternate(every: \(k))"
        case .league(let k, let m): return "league(pool: \(k), every: \(m))"
        case .sequence(let parts): return "sequence(" + parts.map { "\($0.0.name) x\($0.1)" }.joined(separator: ", ") + ")"
        case .function: return "fn"
        }
    }

    static func describe(_ o: Opponent) -> String {
        switch o {
        case .reference: return "reference"
        case .frozen(let p): return "frozen \(p.summary)"
        case .league(let k, let m): return "league(pool: \(k), every: \(m))"
        }
    }

    var summary: String { "<schedule \(name)>" }

    static let members: [(String, String)] = [
        ("name", "s.name: a description of the schedule"),
        ("then", "s.then(other, after: n): runs s for n steps, then other (which counts its steps from 0 when it starts)"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? { name == "name" ? .string(self.name) : nil }

    func call(method: String, _ args: Arguments) throws -> Value? {
        guard method == "then" else { return nil }
        try args.expect(1, 1, labels: ["after"])
        let next = try Self.schedule(args[0], args.callee)
        let n = try args.integer(SelfPlayConversions.labelOnly, "after")
        guard n >= 1 else { throw ScriptError("s.then: after must be at least 1, got \(n)") }
        return .native(ScheduleValue(.sequence([(self, n), (next, 1)])))
    }

    static func schedule(_ v: Value?, _ callee: String) throws -> ScheduleValue {
        guard case .native(let n)? = v, let s = n as? ScheduleValue else {
            throw ScriptError("\(callee): expected a schedule (schedule.selfplay(), ...), not \(v?.typeName ?? "nothing")")
        }
        return s
    }

    /// An opponent from `vs:`: nil or "reference" for the frozen initial model, a league schedule
    /// (its pool), or a model, game or policy frozen now (shared as it is when already frozen).
    static func opponent(_ v: Value?, _ callee: String) throws -> Opponent {
        switch v {
        case nil, .null?: return .reference
        case .string("reference")?: return .reference
        case .string(let s)?: throw ScriptError("\(callee): vs must be \"reference\", a model, a game or a league schedule, not \"\(s)\"")
        case .native(let n)? where n is ScheduleValue:
            guard let s = n as? ScheduleValue, case .league(let k, let m) = s.kind else {
                throw ScriptError("\(callee): vs may be a league schedule (its pool of snapshots), not \((n as? ScheduleValue)?.name ?? "a schedule")")
            }
            return .league(pool: k, every: m)
        default:
            let p = try GameConversions.policy(v, callee, "vs")
            return .frozen(p.canTrain ? try p.snapshot() : p)
        }
    }

    /// The engine schedule for one call into `game` (registers frozen opponents as game snapshots so
    /// checkpoints hold them).
    func engineSchedule(_ args: Arguments, game: Game) throws -> Schedule {
        func ref(_ o: Opponent, _ slot: String) -> PolicyRef {
            switch o {
            case .reference: return .reference
            case .frozen(let p):
                game.addSnapshot(p, named: slot)
                return .snapshot(name: slot)
            case .league(let k, let m): return .league(pool: k, every: m)
            }
        }
        switch kind {
        case .selfplay: return .selfplay
        case .attackerOnly(let o): return .attackerOnly(vs: ref(o, "opponent:defender"))
        case .defenderOnly(let direct, let attacks, let attacker):
            if direct { return .defenderOnly(vs: .direct) }
            if let attacker { return .defenderOnly(vs: .policy(ref(attacker, "opponent:attacker"))) }
            return .defenderOnly(vs: .attacks(attacks))
        case .alternate(let k): return .alternate(every: k)
        case .league(let k, let m): return .league(pool: k, every: m)
        case .sequence(let parts):
            return .sequence(try parts.map { (try $0.0.engineSchedule(args, game: game), $0.1) })
        case .function(let f):
            return .custom(name: "fn") { step in
                let result = try args.callFunction(f, [.number(Double(step))])
                return try Self.schedule(result, "schedule.custom").engineSchedule(args, game: game)
            }
        }
    }

    /// The `schedule` namespace's constructors.
    static let constructors: [(name: String, help: String, body: (Arguments) throws -> Value)] = [
        ("selfplay", "schedule.selfplay(): one live model plays both roles; both train (Self-RedTeam)", { args in
            try args.expect(0)
            return .native(ScheduleValue(.selfplay))
        }),
        ("attacker_only", "schedule.attacker_only(vs: \"reference\"): only the attacker trains, against a frozen defender (the initial model, a model/game frozen now, or a league schedule's pool)", { args in
            try args.expect(0, 0, labels: ["vs"])
            return .native(ScheduleValue(.attackerOnly(try opponent(args["vs"], args.callee))))
        }),
        ("defender_only", "schedule.defender_only(vs: nil): only the defender trains, on seeds as they are (nil), a list of attacks (world.attacks), a frozen attacker (a model or game), or a league schedule's pool", { args in
            try args.expect(0, 0, labels: ["vs"])
            switch args["vs"] {
            case nil, .null?: return .native(ScheduleValue(.defenderOnly(direct: true, attacks: [], attacker: nil)))
            case .list?:
                let attacks = try GameConversions.attacks(args["vs"], args.callee)
                guard !attacks.isEmpty else { throw ScriptError("schedule.defender_only: the attack list is empty") }
                return .native(ScheduleValue(.defenderOnly(direct: false, attacks: attacks, attacker: nil)))
            default:
                return .native(ScheduleValue(.defenderOnly(direct: false, attacks: [], attacker: try opponent(args["vs"], args.callee))))
            }
        }),
        ("alternate", "schedule.alternate(every: 5): the live model plays both roles; the attacker trains for `every` steps, then the defender, and so on", { args in
            try args.expect(0, 0, labels: ["every"])
            let k = args["every"] == nil ? 5 : try args.integer(SelfPlayConversions.labelOnly, "every")
            guard k >= 1 else { throw ScriptError("schedule.alternate: every must be at least 1, got \(k)") }
            return .native(ScheduleValue(.alternate(k)))
        }),
        ("league", "schedule.league(pool: 4, every: 10): opponents drawn from the last `pool` snapshots, one taken every `every` steps; also a vs: of attacker_only and defender_only", { args in
            try args.expect(0, 0, labels: ["pool", "every"])
            let k = args["pool"] == nil ? 4 : try args.integer(SelfPlayConversions.labelOnly, "pool")
            let m = args["every"] == nil ? 10 : try args.integer(SelfPlayConversions.labelOnly, "every")
            guard k >= 1 else { throw ScriptError("schedule.league: pool must be at least 1, got \(k)") }
            guard m >= 1 else { throw ScriptError("schedule.league: every must be at least 1, got \(m)") }
            return .native(ScheduleValue(.league(pool: k, every: m)))
        }),
        ("sequence", "schedule.sequence([[s1, steps1], [s2, steps2], ...]): runs schedules one after another; the last continues; each part counts steps from its own start", { args in
            try args.expect(1)
            let parts = try args.list(0).items.enumerated().map { i, item -> (ScheduleValue, Int) in
                guard case .list(let pair) = item, pair.items.count == 2, case .number(let d) = pair.items[1], let n = exactInt(d) else {
                    throw ScriptError("schedule.sequence: part \(i + 1) must be [schedule, steps]")
                }
                guard n >= 1 else { throw ScriptError("schedule.sequence: part \(i + 1) needs at least 1 step, got \(n)") }
                return (try schedule(pair.items[0], args.callee), n)
            }
            guard !parts.isEmpty else { throw ScriptError("schedule.sequence: needs at least one [schedule, steps] part") }
            return .native(ScheduleValue(.sequence(parts)))
        }),
        ("custom", "schedule.custom(f): a schedule chosen per step by f(step), which returns a schedule", { args in
            try args.expect(1)
            guard let f = args[0], f.typeName == "function" else {
                throw ScriptError("schedule.custom: argument 1 must be a function f(step), not \(args[0]?.typeName ?? "nothing")")
            }
            return .native(ScheduleValue(.function(f)))
        }),
    ]
}
