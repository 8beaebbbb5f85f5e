/// Rounding of solver output to the simple fractions it stands for.
///
/// Equilibria of games with small integer payoffs are rational with small denominators (rock-paper-
/// scissors is 1/3 each, value 0), but a simplex solver returns them with round-off:
/// `0.33333333333333326` and a value of `3e-33`. A number within `tolerance` of a fraction whose
/// denominator is at most `maxDenominator` is replaced by that fraction, so `nash(rps)` prints
/// `{row: [0.3333333333333333, ...], value: 0}`; anything else is left as computed.
enum SimpleFraction {
    static let maxDenominator = 120

    /// The fraction with the smallest denominator within `tolerance` of `x`, or `x` itself.
    static func snapped(_ x: Double, tolerance: Double) -> Double {
        guard x.isFinite, abs(x) < 1e12 else { return x }
        for denominator in 1...maxDenominator {
            let d = Double(denominator)
            let numerator = (x * d).rounded()
            let candidate = numerator / d
            // `+ 0` turns -0 into 0, so a zero value never prints as "-0".
            if abs(candidate - x) <= tolerance { return candidate + 0 }
        }
        return x
    }

    /// A mixed strategy with each probability snapped, kept only if it still sums to 1.
    static func snappedStrategy(_ p: [Double]) -> [Double] {
        let q = p.map { snapped($0, tolerance: 1e-9) }
        let sum = q.reduce(0, +)
        return abs(sum - 1) <= 1e-12 && q.allSatisfy({ $0 >= 0 }) ? q : p
    }
}
