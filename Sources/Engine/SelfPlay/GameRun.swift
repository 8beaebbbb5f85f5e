/// How a run reports and stops: a progress callback after each step, a stop check before each step
/// (Runtime passes the session's interrupt flag), and periodic checkpoints.
public struct RunControl {
    public var progress: ((StepMetrics) throws -> Void)?
    public var shouldStop: (() -> Bool)?
    /// Where to write checkpoints (atomically); nil for none.
    public var checkpointPath: String?
    /// Checkpoint after every this many steps (and at the end of the run).
    public var checkpointEvery: Int = 10

    public init(progress: ((StepMetrics) throws -> Void)? = nil, shouldStop: (() -> Bool)? = nil,
                checkpointPath: String? = nil, checkpointEvery: Int = 10) {
        self.progress = progress
        self.shouldStop = shouldStop
        self.checkpointPath = checkpointPath
        self.checkpointEvery = checkpointEvery
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

    /// Runs `steps` more steps of `schedule`. The cosine spans the first run's length unless
    /// `rl.totalSteps` says otherwise (a run continued past it extends it). Interruptible between
    /// steps; continue by calling `run` again.
    @discardableResult
    public func run(_ schedule: Schedule, steps: Int, control: RunControl = RunControl()) throws -> RunResult {
        guard steps >= 0 else { throw EngineError("run: steps must not be negative, got \(steps)") }
        guard control.checkpointEvery >= 1 else { throw EngineError("run: checkpoint_every must be at least 1") }
        try schedule.validate()
        try config.validate()
        if config.rl.totalSteps == nil, (horizon ?? 0) < step + steps { horizon = step + steps }
        var done = 0
        while done < steps {
            if control.shouldStop?() == true { return RunResult(steps: done, interrupted: true) }
            let m = try trainStep(schedule)
            done += 1
            if let path = control.checkpointPath, done % control.checkpointEvery == 0 || done == steps {
                try saveCheckpoint(to: path)
            }
            try control.progress?(m)
        }
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
