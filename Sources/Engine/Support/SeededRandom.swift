import Foundation

/// A small, portable, seeded pseudo-random generator: xoshiro256** seeded through SplitMix64.
///
/// Every random choice in Spar (initial weights, sampling, shuffles, dropout, world generation) takes
/// a seed and draws from one of these, so the same seed gives the same numbers on every machine.
/// The algorithms are the published reference ones (Blackman and Vigna), written out here so that the
/// stream never depends on the platform's `SystemRandomNumberGenerator`.
///
///     var rng = SeededRandom(seed: 42)
///     let u = rng.nextDouble()        // uniform in [0, 1)
///     let z = rng.nextGaussian()      // standard normal
///     let k = rng.nextInt(below: 10)  // 0..<10
public struct SeededRandom: RandomNumberGenerator, Sendable, Equatable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// A second normal deviate left over from the last Box-Muller pair.
    private var spareGaussian: Double?

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
        spareGaussian = nil
    }

    /// The raw 64-bit output of xoshiro256**.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in [0, 1) as a Float, from the top 24 bits.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// Uniform integer in `0..<bound`; `bound` must be positive. Unbiased (Lemire's method).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Standard normal deviate (Box-Muller; pairs are used in order).
    public mutating func nextGaussian() -> Double {
        if let z = spareGaussian { spareGaussian = nil; return z }
        var u1 = nextDouble()
        while u1 <= 0 { u1 = nextDouble() }
        let u2 = nextDouble()
        let r = (-2 * Foundation.log(u1)).squareRoot()
        let theta = 2 * Double.pi * u2
        spareGaussian = r * Foundation.sin(theta)
        return r * Foundation.cos(theta)
    }

    /// Shuffles `array` in place (Fisher-Yates), drawing from this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// The full state, for checkpoints; `init(state:)` restores it exactly.
    public var state: [UInt64] { [s0, s1, s2, s3, spareGaussian.map { $0.bitPattern } ?? 0, spareGaussian == nil ? 0 : 1] }

    /// Restores a generator saved with `state`; nil if the array has the wrong length.
    public init?(state: [UInt64]) {
        guard state.count == 6 else { return nil }
        s0 = state[0]; s1 = state[1]; s2 = state[2]; s3 = state[3]
        spareGaussian = state[5] == 1 ? Double(bitPattern: state[4]) : nil
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
