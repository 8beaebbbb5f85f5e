import Foundation

/// A mixed-strategy Nash equilibrium of a two-player game, with both players' expected payoffs.
public struct Equilibrium: Equatable, Sendable {
    /// The row player's mixed strategy.
    public let row: [Double]
    /// The column player's mixed strategy.
    public let col: [Double]
    /// The row player's expected payoff `xᵀAy`.
    public let rowPayoff: Double
    /// The column player's expected payoff `xᵀBy`.
    public let colPayoff: Double

    /// True when both strategies are within `tolerance` of `other`'s, entry by entry.
    public func isClose(to other: Equilibrium, tolerance: Double = 1e-7) -> Bool {
        zip(row, other.row).allSatisfy { abs($0 - $1) <= tolerance }
            && zip(col, other.col).allSatisfy { abs($0 - $1) <= tolerance }
    }
}

/// How the equilibria of a bimatrix game were found.
public enum NashMethod: String, Sendable {
    /// Support enumeration if the game is small enough, otherwise Lemke-Howson.
    case automatic
    /// Every pair of equal-size supports (`BimatrixGame.supportEnumeration`).
    case supportEnumeration = "support enumeration"
    /// Lemke-Howson paths from every starting label (`BimatrixGame.lemkeHowsonFromAllLabels`).
    case lemkeHowson = "Lemke-Howson"
}

/// The equilibria found for a bimatrix game and how they were found.
public struct BimatrixSolution: Equatable, Sendable {
    /// Distinct equilibria, pure ones (smaller supports) first.
    public let equilibria: [Equilibrium]
    /// The method that produced them (never `.automatic`).
    public let method: NashMethod
    /// True when the list is every equilibrium of a nondegenerate game (support enumeration ran to the
    /// end). Lemke-Howson finds at least one equilibrium but not necessarily all.
    public let exhaustive: Bool
}

extension Array where Element == Equilibrium {
    /// Appends `e` unless an equilibrium close to it is already present.
    mutating func appendDistinct(_ e: Equilibrium) {
        if !contains(where: { $0.isClose(to: e) }) { append(e) }
    }
}
