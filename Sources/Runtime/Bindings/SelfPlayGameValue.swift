import Engine
import Foundation

/// A self-play game as a Spar value: `game(lm, attacker:, defender:, judge:, seeds:, rewards:)`.
///
/// The game trains the model it was given in place. A judge or reward table written in Spar is
/// rebuilt for every call, because it calls back into the running script.
final class SelfPlayGameValue: SelfPlayPolicyProvider {
    let game: Game
    let model: Value
    let judge: JudgeValue
    let rewards: RewardsValue

    init(game: Game, model: Value, judge: JudgeValue, rewards: RewardsValue) {
        self.game = game
        self.model = model
        self.judge = judge
        self.rewards = rewards
    }

    func selfPlayPolicy() throws -> SelfPlayPolicy { game.policy }

    var typeName: String { "game" }

    var summary: String {
        let c = game.config
        return "<game step \(game.step), \(game.ledger.count) games, judge \(judge.name), rewards \(rewards.name), batch \(c.gamesPerStep), thinking \(c.attacker.cot ? "on" : "off")>"
    }

    var showText: String {
        var lines = [summary, "  model: \(game.policy.summary)", "  algo: \(AlgoValue(game.config.rl).summary)"]
        let names = ["attack_success", "harmful_refusal", "benign_over_refusal", "faithfulness", "format_violations", "tie_share",
                     "reward_attacker", "reward_defender", "kl"]
        let rows = game.history.suffix(10).map { m in [String(m.step)] + names.map { GameConversions.cell(m[$0] ?? nil) } }
        if !rows.isEmpty { lines += EpisodesValue.table(["step"] + names, rows) }
        return lines.joined(separator: "\n")
    }

    static let members: [(String, String)] = [
        ("step", "g.step: training steps taken"),
        ("ledger", "g.ledger: every game played, as episodes (filter, group_by, metrics, save_jsonl, save_csv)"),
        ("metrics", "g.metrics: one record of metrics per step (names in docs/GAME.md)"),
        ("last", "g.last: the last step's metrics record (nil before the first step)"),
        ("model", "g.model: the model the game trains"),
        ("algo", "g.algo: the RL arguments in use (reinforce_pp)"),
        ("league", "g.league: the names of the league pool's snapshots"),
        ("play", "g.play(n): plays n seed draws (self-play) and returns the episodes, recorded in the ledger"),
        ("update", "g.update(eps, algo: reinforce_pp(...)): one REINFORCE++ update on episodes from g.play; returns the step's metrics"),
        ("run", "g.run(schedule, steps: 10, progress: true, checkpoint: nil, every: 10, log: nil, algo: nil, batch: nil): trains; Ctrl-C stops between steps and g.run continues; log: \"runs/NAME\" records the run in that folder (config.json, metrics.csv, a TensorBoard event file, ledger.jsonl, game.ckpt; `spar runs` compares folders)"),
        ("eval", "g.eval(attacks) | g.eval(seeds:, defender: \"reference\") | g.eval(attacker: other), games: 64, seed: 0, judge: the game's: evaluation games and metrics, no training"),
        ("save", "g.save(path): checkpoints the whole game (model, optimizer, reference, snapshots, random state, ledger)"),
        ("load", "g.load(path): restores a checkpoint made by g.save or g.run(checkpoint:) into a game made with the same arguments (a difference is an error naming the fields)"),
    ]

    var memberNames: [String] { Self.members.map(\.0) }

    func help(member: String) -> String? { Self.members.first { $0.0 == member }?.1 }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "step": return .number(Double(game.step))
        case "ledger": return .native(EpisodesValue(game.ledger.episodes))
        case "metrics": return .list(game.history.map(GameConversions.metrics))
        case "last": return game.history.last.map(GameConversions.metrics) ?? .null
        case "model": return model
        case "algo": return .native(AlgoValue(game.config.rl))
        case "league": return .list(game.leaguePool.map { .string($0) })
        default: return nil
        }
    }

    /// Puts this call's judge and reward table (which may call back into Spar) into the game.
    func prepare(_ args: Arguments) {
        game.config.judge = judge.judge(args, inGame: true)
        game.config.rewards = rewards.table(args)
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "play":
            try args.expect(1)
            let n = try args.integer(0)
            guard n >= 1, n <= 100_000 else { throw ScriptError("g.play: n must be 1...100000, got \(n)") }
            prepare(args)
            let rollout = try game.play(n)
            return .native(EpisodesValue(rollout.episodes, rollout: rollout, game: game))
        case "update":
            try args.expect(1, 1, labels: ["algo"])
            guard case .native(let n)? = args[0], let eps = n as? EpisodesValue else {
                throw ScriptError("g.update: argument 1 must be episodes from g.play, not \(args[0]?.typeName ?? "nothing")")
            }
            guard let rollout = eps.rollout, eps.game === game else {
                throw ScriptError("g.update: these episodes were not played by this game's g.play (ledgers and filtered episodes hold no tokens)")
            }
            try setAlgo(args)
            prepare(args)
            return GameConversions.metrics(try game.train(on: rollout))
        case "run":
            return try run(args)
        case "eval":
            return try evaluate(args)
        case "save":
            try args.expect(1)
            prepare(args)  // the game's own judge, not one an evaluation lent it
            try game.saveCheckpoint(to: try args.string(0))
            return .null
        case "load":
            try args.expect(1)
            prepare(args)
            try game.loadCheckpoint(from: try args.string(0))
            return .null
        default:
            return nil
        }
    }

    func setAlgo(_ args: Arguments) throws {
        guard let v = args["algo"] else { return }
        guard case .native(let n) = v, let algo = n as? AlgoValue else {
            throw ScriptError("\(args.callee): algo must be reinforce_pp(...), not \(v.typeName)")
        }
        game.config.rl = algo.arguments
    }

    func run(_ args: Arguments) throws -> Value {
        try args.expect(1, 1, labels: ["steps", "progress", "checkpoint", "every", "log", "algo", "batch"])
        let schedule = try ScheduleValue.schedule(args[0], "g.run")
        let steps = args["steps"] == nil ? 10 : try args.integer(SelfPlayConversions.labelOnly, "steps")
        guard steps >= 0, steps <= 1_000_000 else { throw ScriptError("g.run: steps must be 0...1000000, got \(steps)") }
        try setAlgo(args)
        if args["batch"] != nil {
            let b = try args.integer(SelfPlayConversions.labelOnly, "batch")
            guard b >= 1, b <= 100_000 else { throw ScriptError("g.run: batch must be 1...100000, got \(b)") }
            game.config.gamesPerStep = b
        }
        var control = RunControl(shouldStop: { Interruption.isRequested })
        if args["checkpoint"] != nil, case .string(let path)? = args["checkpoint"] {
            control.checkpointPath = path
        } else if let v = args["checkpoint"], v.typeName != "nil" {
            throw ScriptError("g.run: checkpoint must be a file path, not \(v.typeName)")
        }
        if args["every"] != nil {
            control.checkpointEvery = try args.integer(SelfPlayConversions.labelOnly, "every")
            guard control.checkpointEvery >= 1 else { throw ScriptError("g.run: every must be at least 1") }
        }
        switch args["log"] {
        case nil, .null?: break
        case .string(let folder)?:
            let log = try RunLog(folder: folder)
            control.log = log
            if control.checkpointPath == nil { control.checkpointPath = log.checkpointPath }
        case let v?: throw ScriptError("g.run: log must be a folder path like \"runs/NAME\", not \(v.typeName)")
        }
        let reporter = try GameRunProgress(args, steps: steps, start: game.step)
        control.progress = { m in try reporter.report(m, args) }
        prepare(args)
        let engineSchedule = try schedule.engineSchedule(args, game: game)
        let result: RunResult
        do { result = try game.run(engineSchedule, steps: steps, control: control) } catch {
            reporter.finish(args, interrupted: false, stopped: true, step: game.step)
            throw error
        }
        reporter.finish(args, interrupted: result.interrupted, step: game.step)
        // Ctrl-C: the game keeps every finished step; hand control back to the REPL now.
        if result.interrupted { try args.checkInterrupt() }
        return .record([("steps", .number(Double(result.steps))), ("interrupted", .bool(result.interrupted)),
                        ("step", .number(Double(game.step)))])
    }

    func evaluate(_ args: Arguments) throws -> Value {
        try args.expect(0, 1, labels: ["seeds", "attacker", "defender", "games", "seed", "judge"])
        let games = args["games"] == nil ? 64 : try args.integer(SelfPlayConversions.labelOnly, "games")
        guard games >= 1, games <= 100_000 else { throw ScriptError("g.eval: games must be 1...100000, got \(games)") }
        let seed = try SelfPlayConversions.randomSeed(args, SelfPlayConversions.labelOnly, "seed", default: 0)
        let seeds = args["seeds"] == nil ? nil : try GameConversions.seeds(args["seeds"], "g.eval")
        if let seeds, seeds.isEmpty { throw ScriptError("g.eval: the seed set is empty") }
        func player(_ label: String) throws -> PolicyRef? {
            switch args[label] {
            case nil: return nil
            case .string("reference")?: return .reference
            case .string("live")?: return .live
            case let v?: return .other(try GameConversions.policy(v, "g.eval", label))
            }
        }
        let attacker: AttackerSource
        let defender: PolicyRef
        if args[0] != nil {
            guard args["attacker"] == nil else { throw ScriptError("g.eval: give either a list of attacks or attacker:, not both") }
            let attacks = try GameConversions.attacks(args[0], "g.eval")
            guard !attacks.isEmpty else { throw ScriptError("g.eval: the attack list is empty") }
            attacker = .attacks(attacks)
            defender = try player("defender") ?? .live
        } else if let a = try player("attacker") {
            attacker = .policy(a)
            defender = try player("defender") ?? .live
        } else {
            attacker = .policy(.live)
            defender = try player("defender") ?? .reference
        }
        prepare(args)
        if let v = args["judge"] {
            // Another judge for this evaluation only (e.g. the world's oracle while training with rules).
            guard case .native(let n) = v, let j = n as? JudgeValue else {
                throw ScriptError("g.eval: judge must be a judge (judge.rules(), judge.oracle(world), judge.fn(f)), not \(v.typeName)")
            }
            game.config.judge = j.judge(args, inGame: true)
        }
        let e = try game.evaluate(attacker: attacker, defender: defender, seeds: seeds, games: games, seed: seed)
        guard case .record(let m) = GameConversions.metrics(e.metrics) else { return .null }
        let keep = ["games", "attack_success", "harmful_refusal", "benign_over_refusal", "alarming_over_refusal", "faithfulness",
                    "format_violations", "tie_share", "judge_errors", "reward_attacker", "reward_defender", "self_bleu_div", "embed_div"]
        return .record(keep.map { ($0, m[$0] ?? .null) } + [("episodes", .native(EpisodesValue(e.rollout.episodes)))])
    }
}
