/// A player's best responses to a fixed opponent strategy: the pure actions that achieve the best
/// expected payoff, and that payoff.
///
/// `actions` lists every action within `tieTolerance` of the best (ascending), so ties are visible;
/// `action` is the first of them, a deterministic choice for dynamics.
public struct BestResponse: Equatable, Sendable {
    /// Actions whose payoff is within `tieTolerance` of the best, in increasing order (never empty).
    public let actions: [Int]
    /// The best expected payoff, from the responding player's point of view unless stated otherwise.
    public let value: Double

    /// Payoffs closer than this (relative to their scale) count as ties.
    public static let tieTolerance = 1e-9

    /// The lowest-numbered best action.
    public var action: Int { actions.first ?? 0 }

    public init(actions: [Int], value: Double) {
        self.actions = actions
        self.value = value
    }

    /// The best responses given each pure action's payoff (non-empty).
    static func maximising(_ payoffs: [Double]) -> BestResponse {
        let best = payoffs.max() ?? 0
        let scale = Swift.max(1, abs(best))
        let ties = payoffs.indices.filter { payoffs[$0] >= best - tieTolerance * scale }
        return BestResponse(actions: ties, value: best)
    }

    /// Index of the largest payoff, lowest index on ties (exact comparison, for dynamics).
    static func firstMaximum(_ payoffs: [Double]) -> Int {
        var k = 0
        for i in payoffs.indices where payoffs[i] > payoffs[k] { k = i }
        return k
    }
}
