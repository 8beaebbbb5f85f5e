/// Reduction kernels over contiguous memory (axis reductions in Ops/Reductions.swift build on them).
enum Reduce {
    /// Sum of `n` floats: 16 float lanes per block of 4096, block totals added in Double, so a million
    /// elements lose no more precision than numpy's pairwise sum.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var total = 0.0
        var start = 0
        while start < n {
            let end = Swift.min(n, start + 4096)
            var acc = SIMD16<Float>(repeating: 0)
            var i = start
            while i + 16 <= end {
                acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
                i += 16
            }
            var rest: Float = 0
            while i < end { rest += p[i]; i += 1 }
            total += Double(acc.sum()) + Double(rest)
            start = end
        }
        return Float(total)
    }

    /// Largest of `n >= 1` floats. (`pointwiseMax` is not vectorized by the compiler; a masked
    /// replace is.)
    @inline(__always)
    static func max(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var i = 0
        var best: Float = -.infinity
        if n >= 16 {
            var acc = SIMD16<Float>(repeating: -.infinity)
            while i + 16 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
                acc.replace(with: v, where: v .> acc)
                i += 16
            }
            best = acc.max()
        }
        while i < n { best = Swift.max(best, p[i]); i += 1 }
        return best
    }

    /// Smallest of `n >= 1` floats.
    @inline(__always)
    static func min(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var i = 0
        var best: Float = .infinity
        if n >= 16 {
            var acc = SIMD16<Float>(repeating: .infinity)
            while i + 16 <= n {
                let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
                acc.replace(with: v, where: v .< acc)
                i += 16
            }
            best = acc.min()
        }
        while i < n { best = Swift.min(best, p[i]); i += 1 }
        return best
    }
}
