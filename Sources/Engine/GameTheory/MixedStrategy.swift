import Foundation

/// Helpers for mixed strategies: probability vectors over a player's actions.
///
/// Strategies are plain `[Double]`; every public entry point that takes one calls `validate` first, so
/// a wrong length, a negative entry or a vector that does not sum to 1 is an `EngineError` naming the
/// player and the offending entry, never a crash or a silently wrong answer.
///
///     try MixedStrategy.validate([0.5, 0.5], actions: 2, player: "row")   // fine
///     try MixedStrategy.validate([0.5, 0.6], actions: 2, player: "row")
///     // error: row strategy sums to 1.1, not 1 (tolerance 1e-06)
public enum MixedStrategy {
    /// How far the sum of a strategy may be from 1.
    public static let sumTolerance = 1e-6

    /// Throws unless `p` is a probability vector with one entry per action.
    /// `player` ("row", "column") names the strategy in the message.
    public static func validate(_ p: [Double], actions: Int, player: String) throws {
        guard p.count == actions else {
            throw EngineError("\(player) strategy has \(p.count) entries but the \(player) player has \(actions) actions")
        }
        var sum = 0.0
        for (i, v) in p.enumerated() {
            guard v.isFinite else { throw EngineError("\(player) strategy entry \(i) is \(v); probabilities must be finite") }
            guard v >= 0 else { throw EngineError("\(player) strategy entry \(i) is negative (\(format(v))); probabilities must be >= 0") }
            sum += v
        }
        guard abs(sum - 1) <= sumTolerance else {
            throw EngineError("\(player) strategy sums to \(format(sum)), not 1 (tolerance \(sumTolerance))")
        }
    }

    /// The uniform strategy over `n` actions.
    public static func uniform(_ n: Int) -> [Double] {
        [Double](repeating: 1 / Double(n), count: n)
    }

    /// The pure strategy that plays action `k` of `n` (`k` must be in range; internal callers only).
    static func pure(_ k: Int, of n: Int) -> [Double] {
        var p = [Double](repeating: 0, count: n)
        p[k] = 1
        return p
    }

    /// Clears round-off from a computed strategy: entries below `tolerance` become 0 and the rest are
    /// rescaled to sum to 1. Solvers call this before returning; never used on user input.
    static func cleaned(_ p: [Double], tolerance: Double = 1e-12) -> [Double] {
        var q = p.map { $0 < tolerance ? 0 : $0 }
        let s = q.reduce(0, +)
        if s > 0 { for i in q.indices { q[i] /= s } } else { q = uniform(p.count) }
        return q
    }

    /// A short rendering of a number for messages: integers without a fraction, others to 6 digits.
    static func format(_ v: Double) -> String {
        PayoffTable.number(v, digits: 6)
    }
}
