import Foundation

/// How both players update their strategies between iterations of repeated play. Updates are
/// simultaneous and deterministic (ties go to the lowest-numbered action), so runs are reproducible.
public enum LearningRule: Equatable, Sendable {
    /// Fictitious play: each player plays a pure best response to the opponent's average so far.
    case fictitiousPlay
    /// Regret matching: play each action in proportion to its positive cumulative regret
    /// (uniform when no regret is positive). Expected regrets, no sampling.
    case regretMatching
    /// Multiplicative weights (Hedge): play `x_i ∝ x0_i · exp(learningRate · cumulative payoff_i)`.
    case hedge(learningRate: Double)
    /// Naive self-play: each player plays a pure best response to the opponent's last strategy.
    /// In games without a pure equilibrium the last iterate cycles for ever.
    case bestResponse

    /// A short name for tables and messages.
    public var name: String {
        switch self {
        case .fictitiousPlay: return "fictitious play"
        case .regretMatching: return "regret matching"
        case .hedge(let lr): return "hedge (lr \(PayoffTable.number(lr)))"
        case .bestResponse: return "best-response dynamics"
        }
    }
}

/// The record of a learning run: what each player played at the recorded iterations, the running
/// averages, and how far each is from equilibrium. Every iteration is recorded unless the run asked
/// to record only every k-th (`iterations` says which; the last iteration is always recorded).
///
/// For record r, made at iteration t = `iterations[r]`: `exploitability[r]` is the exploitability
/// (NashConv; for a zero-sum game the sum of both players' best-response gains) of the *average*
/// strategies over iterations 0...t, the quantity that no-regret dynamics drive to zero;
/// `lastIterateExploitability[r]` is that of the strategies played at iteration t, which may cycle
/// instead of converging.
public struct DynamicsTrajectory: Equatable, Sendable {
    public let rule: LearningRule
    /// Number of iterations played.
    public let steps: Int
    /// The iteration (0-based) of each record.
    public let iterations: [Int]
    /// Row strategy played at each recorded iteration.
    public let rowStrategies: [[Double]]
    /// Column strategy played at each recorded iteration.
    public let colStrategies: [[Double]]
    /// Average of the row strategies played up to and including each recorded iteration.
    public let rowAverages: [[Double]]
    /// Average of the column strategies played up to and including each recorded iteration.
    public let colAverages: [[Double]]
    /// Exploitability (NashConv) of the average strategies at each record.
    public let exploitability: [Double]
    /// Exploitability (NashConv) of the strategies played at each recorded iteration.
    public let lastIterateExploitability: [Double]

}

/// Runs learning dynamics on two-player games.
///
///     let rps = try MatrixGame([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
///     let run = try LearningDynamics.run(.regretMatching, on: rps.asBimatrix, steps: 1000)
///     run.exploitability.last   // small: the averages approach the uniform equilibrium
public enum LearningDynamics {
    /// At most this many numbers (`records × (rows + cols)`) are recorded per trajectory (memory bound).
    public static let maxRecordedEntries = 4_000_000
    /// At most this many payoff multiply-adds (`steps × rows × cols`) per run (time bound).
    public static let maxWork = 10_000_000_000

    /// Plays `steps` iterations of `rule`, starting from `row`/`col` (uniform when nil), and records
    /// every `recordEvery`-th iteration and the last. Throws on invalid steps, recording interval,
    /// learning rate or starting strategies, and on runs beyond the memory and time bounds.
    public static func run(_ rule: LearningRule, on game: BimatrixGame, steps: Int, recordEvery: Int = 1,
                           row: [Double]? = nil, col: [Double]? = nil) throws -> DynamicsTrajectory {
        let m = game.rows, n = game.cols
        guard steps >= 1 else { throw EngineError("dynamics need at least 1 step, got \(steps)") }
        guard recordEvery >= 1 else { throw EngineError("dynamics record every k-th step with k >= 1, got \(recordEvery)") }
        let records = (steps - 1) / recordEvery + 1 + ((steps - 1) % recordEvery == 0 ? 0 : 1)
        guard records <= maxRecordedEntries / (m + n) else {
            throw EngineError("recording \(records) steps of a \(m)x\(n) game would keep more than \(maxRecordedEntries) numbers; use fewer steps or record every k-th")
        }
        guard steps <= maxWork / (m * n) else {
            throw EngineError("\(steps) steps of a \(m)x\(n) game are more work than one run allows (\(maxWork) payoff products); use fewer steps")
        }
        if case .hedge(let lr) = rule, !(lr.isFinite && lr > 0) {
            throw EngineError("hedge learning rate must be a positive finite number, got \(PayoffTable.number(lr))")
        }
        let x0 = row ?? MixedStrategy.uniform(m), y0 = col ?? MixedStrategy.uniform(n)
        try game.validate(row: x0, col: y0)

        let a = game.rowPayoffs, b = game.colPayoffs
        var x = x0, y = y0
        var learnerX = Learner(rule: rule, initial: x0), learnerY = Learner(rule: rule, initial: y0)
        var sumX = [Double](repeating: 0, count: m), sumY = [Double](repeating: 0, count: n)
        var iterations: [Int] = [], xs: [[Double]] = [], ys: [[Double]] = [], xbars: [[Double]] = [], ybars: [[Double]] = []
        var avgExp: [Double] = [], lastExp: [Double] = []
        iterations.reserveCapacity(records)
        xs.reserveCapacity(records); ys.reserveCapacity(records); xbars.reserveCapacity(records); ybars.reserveCapacity(records)

        for t in 1...steps {
            try Interruption.check()
            for i in 0..<m { sumX[i] += x[i] }
            for j in 0..<n { sumY[j] += y[j] }
            let xbar = sumX.map { $0 / Double(t) }, ybar = sumY.map { $0 / Double(t) }
            if (t - 1) % recordEvery == 0 || t == steps {
                iterations.append(t - 1)
                xs.append(x); ys.append(y); xbars.append(xbar); ybars.append(ybar)
                avgExp.append(BimatrixGame.nashConv(a, b, xbar, ybar))
                lastExp.append(BimatrixGame.nashConv(a, b, x, y))
            }
            if t == steps { break }
            // Payoffs of each pure action against the opponent's current strategy.
            let rowPayoffs = a.rowPayoffs(against: y), colPayoffs = b.colPayoffs(against: x)
            let nextX = learnerX.next(current: x, payoffs: rowPayoffs, opponentAverage: { a.rowPayoffs(against: ybar) })
            let nextY = learnerY.next(current: y, payoffs: colPayoffs, opponentAverage: { b.colPayoffs(against: xbar) })
            x = nextX; y = nextY
        }
        return DynamicsTrajectory(rule: rule, steps: steps, iterations: iterations, rowStrategies: xs, colStrategies: ys, rowAverages: xbars,
                                  colAverages: ybars, exploitability: avgExp, lastIterateExploitability: lastExp)
    }
}

extension MatrixGame {
    /// Runs learning dynamics on this zero-sum game (see `LearningDynamics.run`); the recorded
    /// exploitability is the sum of both players' best-response gains.
    public func learn(_ rule: LearningRule, steps: Int, recordEvery: Int = 1,
                      row: [Double]? = nil, col: [Double]? = nil) throws -> DynamicsTrajectory {
        try LearningDynamics.run(rule, on: asBimatrix, steps: steps, recordEvery: recordEvery, row: row, col: col)
    }
}

extension BimatrixGame {
    /// Runs learning dynamics on this game (see `LearningDynamics.run`); the recorded exploitability is
    /// NashConv.
    public func learn(_ rule: LearningRule, steps: Int, recordEvery: Int = 1,
                      row: [Double]? = nil, col: [Double]? = nil) throws -> DynamicsTrajectory {
        try LearningDynamics.run(rule, on: self, steps: steps, recordEvery: recordEvery, row: row, col: col)
    }
}

/// One player's state under a learning rule.
private struct Learner {
    let rule: LearningRule
    let initial: [Double]
    /// Cumulative regrets (regret matching) or cumulative payoffs (hedge).
    var cumulative: [Double]

    init(rule: LearningRule, initial: [Double]) {
        self.rule = rule
        self.initial = initial
        self.cumulative = [Double](repeating: 0, count: initial.count)
    }

    /// The next strategy, given the current one and each pure action's payoff against the opponent's
    /// current strategy (`opponentAverage` gives them against the opponent's average, for fictitious
    /// play, computed only when needed).
    mutating func next(current: [Double], payoffs: [Double], opponentAverage: () -> [Double]) -> [Double] {
        let k = current.count
        switch rule {
        case .fictitiousPlay:
            return MixedStrategy.pure(BestResponse.firstMaximum(opponentAverage()), of: k)
        case .bestResponse:
            return MixedStrategy.pure(BestResponse.firstMaximum(payoffs), of: k)
        case .regretMatching:
            var expected = 0.0
            for i in 0..<k { expected += current[i] * payoffs[i] }
            for i in 0..<k { cumulative[i] += payoffs[i] - expected }
            let positive = cumulative.map { Swift.max(0, $0) }
            let total = positive.reduce(0, +)
            return total > 0 ? positive.map { $0 / total } : MixedStrategy.uniform(k)
        case .hedge(let lr):
            for i in 0..<k { cumulative[i] += payoffs[i] }
            // Log-sum-exp: subtract the largest exponent so that exp never overflows.
            var logits = [Double](repeating: -Double.infinity, count: k)
            for i in 0..<k where initial[i] > 0 { logits[i] = Foundation.log(initial[i]) + lr * cumulative[i] }
            let top = logits.max() ?? 0
            let w = logits.map { $0 == -Double.infinity ? 0 : Foundation.exp($0 - top) }
            let total = w.reduce(0, +)
            return total > 0 && total.isFinite ? w.map { $0 / total } : current
        }
    }
}
