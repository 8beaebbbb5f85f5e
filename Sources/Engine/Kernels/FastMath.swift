/// exp and tanh for Float32 written as plain arithmetic (no library calls, no branches), so that a
/// loop over them is widened by LLVM's vectorizer; the C library's `expf`/`tanhf` are called one
/// element at a time and run 3 to 40 times slower.
///
/// exp follows the Cephes `expf` scheme: x = n ln2 + r with |r| <= ln2/2 (ln2 split in two parts so
/// the reduction is exact), e^r by a degree-6 polynomial, and 2^n put into the exponent bits.
/// Accurate to about 2 ulp. Below -86.6 (e^x < 2.5e-38) it returns 0, above 88.7 +inf; NaN
/// propagates through the arithmetic.
enum FastMath {
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let hi: Float = 88.72283, lo: Float = -86.6
        var v = x > hi ? hi : (x < lo ? lo : x)
        // Round v/ln2 to an integer by adding 1.5 * 2^23: the integer lands in the low mantissa bits
        // (a rounding call or an Int conversion would stop the vectorizer).
        let shifter: Float = 12_582_912
        let t = v * 1.442_695_04 + shifter
        let n = t - shifter
        v = v - n * 0.693_359_375
        v = v + n * 2.121_944_4e-4
        var p: Float = 1.987_569_1e-4
        p = p * v + 1.398_199_9e-3
        p = p * v + 8.333_452e-3
        p = p * v + 4.166_579_6e-2
        p = p * v + 1.666_666_5e-1
        p = p * v + 5.000_000_1e-1
        let r = p * (v * v) + v + 1
        // 2^(n-1) times 2r: n reaches 128 near the top of the range, one past the largest exponent.
        let scale = Float(bitPattern: (t.bitPattern &- 0x4B40_0000 &+ 126) &<< 23)
        return x > hi ? .infinity : (x < lo ? 0 : (r + r) * scale)
    }

    /// tanh(x) = sign(x) (1 - 2 / (e^{2|x|} + 1)); for |x| < 0.25 its Taylor series to x^9 instead,
    /// which avoids the cancellation in 1 - (a number close to 1) (error there below 1e-8).
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let a = Swift.abs(x)
        let a2 = a * a
        let series = a * (1 + a2 * (-1.0 / 3 + a2 * (2.0 / 15 + a2 * (-17.0 / 315 + a2 * (62.0 / 2835)))))
        let t = a < 0.25 ? series : 1 - 2 / (exp(2 * a) + 1)
        return x < 0 ? -t : t
    }

    /// 1 / (1 + e^-x).
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
