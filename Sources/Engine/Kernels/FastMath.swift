/// exp, tanh and sigmoid of one Float32 as plain arithmetic (no library calls, no branches), for
/// fused Swift loops that combine them with other work (a running sum, a product), such as the
/// model kernels. A loop that only maps a whole buffer should call VectorMath instead: its C loops
/// are dispatched to AVX-512 or AVX2 at load time, while this code is vectorized for baseline
/// x86-64 only (4 lanes), about 3 to 5 times slower on 1M elements.
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

    /// tanh as a rational function of x (odd degree-13 numerator, even degree-6 denominator: the
    /// approximation Eigen uses), on x clamped to +-7.905 where tanh is 1 in Float32. One division
    /// and no exp; relative error below 4e-7 (checked against libm in FastMathTests).
    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let limit: Float = 7.905_311_107_635_498
        let v = x > limit ? limit : (x < -limit ? -limit : x)
        let v2 = v * v
        var p: Float = -2.760_768_477_423_55e-16
        p = p * v2 + 2.000_187_904_824_77e-13
        p = p * v2 - 8.604_671_522_137_35e-11
        p = p * v2 + 5.122_297_090_371_14e-08
        p = p * v2 + 1.485_722_357_179_79e-05
        p = p * v2 + 6.372_619_288_754_36e-04
        p = p * v2 + 4.893_524_558_917_86e-03
        var q: Float = 1.198_258_394_667_02e-06
        q = q * v2 + 1.185_347_056_866_54e-04
        q = q * v2 + 2.268_434_632_439_00e-03
        q = q * v2 + 4.893_525_185_543_85e-03
        return v * p / q
    }

    /// 1 / (1 + e^-x).
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}
