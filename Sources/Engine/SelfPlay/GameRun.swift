/// How a run reports and stops: a progress callback after each step, a stop check before each step
/// (Runtime passes the session's interrupt flag), periodic checkpoints and an optional run folder.
public struct RunControl {
    public var progress: ((StepMetrics) throws -> Void)?
    public var shouldStop: (() -> Bool)?
    /// Where to write checkpoints (atomically); nil for none.
    public var checkpointPath: String?
    /// Checkpoint after every this many steps (and at the end of the run).
    public var checkpointEvery: Int = 10
    /// The run folder to record the run in (metrics every step, ledger with the checkpoints).
    public var log: RunLog?

    public init(progress: ((StepMetrics) throws -> Void)? = nil, shouldStop: (() -> Bool)? = nil,
                checkpointPath: String? = nil, checkpointEvery: Int = 10, log: RunLog? = nil) {
        self.progress = progress
        self.shouldStop = shouldStop
        self.checkpointPath = checkpointPath
        self.checkpointEvery = checkpointEvery
        self.log = log
    }
}

/// The outcome of `run`.
public struct RunResult: Sendable, Equatable {
    /// Steps completed in this call.
    public let steps: Int
    /// True when `shouldStop` ended the run early; call `run` again to continue.
    public let interrupted: Bool
}

extension Game {
    /// One training step: plan the matches, play them, update, record.
    @discardableResult
    public func trainStep(_ schedule: Schedule) throws -> StepMetrics {
        var stepRng = nextStepRandom()
        let matches = try schedule.matches(step: step, game: self, rng: &stepRng)
        let rollout = try play(seeds: config.gamesPerStep, matches: matches, step: step, rng: &stepRng)
        let stats = try update(rollout, step: step, rng: &stepRng)
        let metrics = StepMetrics(step: step, rollout: rollout, update: stats)
        ledger.append(contentsOf: rollout.episodes)
        history.append(metrics)
        step += 1
        return metrics
    }

    /// Runs `steps` more steps of `schedule`. The learning rate is a function of the game's step
    /// (`RLArguments.totalSteps`), so a run split in parts, interrupted or resumed trains exactly
    /// like one run; a run that would pass `totalSteps` is refused before it starts. Interruptible
    /// between steps; continue by calling `run` again.
    @discardableResult
    public func run(_ schedule: Schedule, steps: Int, control: RunControl = RunControl()) throws -> RunResult {
        guard steps >= 0 else { throw EngineError("run: steps must not be negative, got \(steps)") }
        guard control.checkpointEvery >= 1 else { throw EngineError("run: checkpoint_every must be at least 1") }
        try schedule.validate()
        try config.validate()
        if let total = config.rl.totalSteps, steps > 0, steps > total - step {
            throw EngineError("run: \(steps) steps from step \(step) would pass total_steps \(total), where the learning-rate schedule ends; make the game with a larger reinforce_pp(total_steps:) (or total_steps: nil for a constant rate)")
        }
        try control.log?.begin(self, schedule: schedule.name, steps: steps)
        var done = 0
        while done < steps {
            if control.shouldStop?() == true {
                try control.log?.save(self)
                return RunResult(steps: done, interrupted: true)
            }
            let m = try trainStep(schedule)
            done += 1
            try control.log?.record(m)
            if done % control.checkpointEvery == 0 || done == steps {
                if let path = control.checkpointPath { try saveCheckpoint(to: path) }
                try control.log?.save(self)
            }
            try control.progress?(m)
        }
        if steps == 0 { try control.log?.save(self) }
        return RunResult(steps: done, interrupted: false)
    }
}

extension Game {
    /// Plays `seeds` seed draws of one match at the current step with the game's own random stream
    /// and records them in the ledger (the manual loop: `play`, then `train(on:)`).
    public func play(_ seeds: Int, match: Match = .selfplay) throws -> Rollout {
        var r = nextStepRandom()
        let rollout = try play(seeds: seeds, matches: [match], step: step, rng: &r)
        ledger.append(contentsOf: rollout.episodes)
        return rollout
    }

    /// Trains on games from `play` (one REINFORCE++ update), records the step's metrics and advances
    /// the step.
    @discardableResult
    public func train(on rollout: Rollout) throws -> StepMetrics {
        var r = nextStepRandom()
        let stats = try update(rollout, step: step, rng: &r)
        let metrics = StepMetrics(step: step, rollout: rollout, update: stats)
        history.append(metrics)
        step += 1
        return metrics
    }
}
