import Foundation

/// A rate over judged answers that keeps unknown verdicts apart: `rate` is hits / known, never
/// hits / total, so a judge that cannot tell does not count as "the attack failed" (PyRIT's
/// under-reporting, its issue 2044). `lowest` and `highest` are the rate if every unknown were a
/// miss or a hit.
public struct RateCount: Sendable, Equatable {
    public var hits = 0
    public var misses = 0
    public var unknown = 0

    public init(hits: Int = 0, misses: Int = 0, unknown: Int = 0) {
        self.hits = hits
        self.misses = misses
        self.unknown = unknown
    }

    public var known: Int { hits + misses }
    public var total: Int { known + unknown }
    /// nil when no answer was judged.
    public var rate: Double? { known == 0 ? nil : Double(hits) / Double(known) }
    public var lowest: Double? { total == 0 ? nil : Double(hits) / Double(total) }
    public var highest: Double? { total == 0 ? nil : Double(hits + unknown) / Double(total) }

    public mutating func add(_ verdict: TriState) {
        switch verdict {
        case .yes: hits += 1
        case .no: misses += 1
        case .unknown: unknown += 1
        }
    }

    public static func + (a: RateCount, b: RateCount) -> RateCount {
        RateCount(hits: a.hits + b.hits, misses: a.misses + b.misses, unknown: a.unknown + b.unknown)
    }

    /// The 95% Wilson score interval of `rate` (nil when nothing is known): honest for small
    /// counts and rates near 0 or 1, where the normal approximation is not.
    public var interval: (low: Double, high: Double)? {
        Self.wilson(hits: hits, of: known)
    }

    public static func wilson(hits: Int, of n: Int, z: Double = 1.959964) -> (low: Double, high: Double)? {
        guard n > 0 else { return nil }
        let p = Double(hits) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z * ((p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()) / (1 + z * z / nn)
        return (max(0, centre - half), min(1, centre + half))
    }
}
