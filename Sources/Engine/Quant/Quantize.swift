import Foundation

/// Quantizers into the GGML block formats, the inverse of `Dequantize` up to rounding: for tests
/// (models and kernels built from known Float32 values) and for writing quantized files.
///
/// Q8_0, Q4_0 and Q4_1 follow ggml's reference rules (the `gguf` package's numpy code); Q4_K and
/// Q6_K use a simple rule (each sub-block's range mapped onto its codes, the sub-block scales
/// themselves quantized against the largest), without llama.cpp's iterative error search, so their
/// error is somewhat larger than llama.cpp's files but within the same bound (half a step).
public enum Quantize {
    static func halfBits(_ x: Float) -> UInt16 { Float16Bits.from(x) }

    static func appendHalf(_ x: Float, _ out: inout [UInt8]) {
        let h = halfBits(x)
        out.append(UInt8(h & 0xFF)); out.append(UInt8(h >> 8))
    }

    /// The bytes of `values` (a multiple of `type`'s block size) in `type`'s layout.
    public static func bytes(_ type: GGMLType, _ values: [Float]) throws -> [UInt8] {
        guard values.count % type.blockSize == 0 else {
            throw EngineError("quantize: \(values.count) values are not a whole number of \(type.name) blocks of \(type.blockSize)")
        }
        var out: [UInt8] = []
        out.reserveCapacity(values.count / type.blockSize * type.blockBytes)
        switch type {
        case .f32:
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        case .f16:
            for v in values { appendHalf(v, &out) }
        case .bf16:
            // Round to nearest even on the 16 bits dropped.
            for v in values {
                let u = v.bitPattern
                let r = v.isNaN ? (u >> 16) | 0x40 : (u &+ 0x7FFF &+ ((u >> 16) & 1)) >> 16
                out.append(UInt8(r & 0xFF)); out.append(UInt8((r >> 8) & 0xFF))
            }
        case .q8_0:
            for b in stride(from: 0, to: values.count, by: 32) {
                let x = values[b..<(b + 32)]
                let d = (x.map(abs).max() ?? 0) / 127, id: Float = d == 0 ? 0 : 1 / d
                appendHalf(d, &out)
                for v in x { out.append(UInt8(bitPattern: Int8(clamping: Int((v * id).rounded())))) }
            }
        case .q4_0:
            for b in stride(from: 0, to: values.count, by: 32) {
                let x = Array(values[b..<(b + 32)])
                // The value of largest magnitude maps to -8, as in ggml.
                let max = x.max { abs($0) < abs($1) } ?? 0
                let d = max / -8, id: Float = d == 0 ? 0 : 1 / d
                appendHalf(d, &out)
                let q = x.map { UInt8(Swift.min(15, Swift.max(0, Int(($0 * id + 8.5).rounded(.towardZero))))) }
                for i in 0..<16 { out.append(q[i] | q[i + 16] << 4) }
            }
        case .q4_1:
            for b in stride(from: 0, to: values.count, by: 32) {
                let x = Array(values[b..<(b + 32)])
                let lo = x.min() ?? 0, hi = x.max() ?? 0
                let d = (hi - lo) / 15, id: Float = d == 0 ? 0 : 1 / d
                appendHalf(d, &out); appendHalf(lo, &out)
                let q = x.map { UInt8(Swift.min(15, Swift.max(0, Int((($0 - lo) * id + 0.5).rounded(.towardZero))))) }
                for i in 0..<16 { out.append(q[i] | q[i + 16] << 4) }
            }
        case .q4_K:
            for b in stride(from: 0, to: values.count, by: 256) { out += q4K(Array(values[b..<(b + 256)])) }
        case .q6_K:
            for b in stride(from: 0, to: values.count, by: 256) { out += q6K(Array(values[b..<(b + 256)])) }
        }
        return out
    }

    /// One Q4_K super-block: x = d sc_j q - dmin m_j with 6-bit sc_j, m_j and 4-bit q.
    static func q4K(_ x: [Float]) -> [UInt8] {
        var scales = [Float](repeating: 0, count: 8), mins = scales
        for j in 0..<8 {
            let sub = x[(32 * j)..<(32 * j + 32)]
            let lo = Swift.min(0, sub.min() ?? 0), hi = sub.max() ?? 0
            scales[j] = (hi - lo) / 15; mins[j] = -lo
        }
        let d = (scales.max() ?? 0) / 63, dmin = (mins.max() ?? 0) / 63
        // The super-block scales are stored as halves: quantize against the rounded values.
        let dh = SafeTensors.halfToFloat(halfBits(d)), dminh = SafeTensors.halfToFloat(halfBits(dmin))
        let sc = scales.map { dh == 0 ? 0 : UInt8(Swift.min(63, Int(($0 / dh).rounded()))) }
        let mn = mins.map { dminh == 0 ? 0 : UInt8(Swift.min(63, Int(($0 / dminh).rounded()))) }
        var out: [UInt8] = []
        appendHalf(d, &out); appendHalf(dmin, &out)
        var packed = [UInt8](repeating: 0, count: 12)
        for j in 0..<4 {
            packed[j] = (sc[j] & 63) | ((sc[j + 4] >> 4) << 6)
            packed[j + 4] = (mn[j] & 63) | ((mn[j + 4] >> 4) << 6)
            packed[j + 8] = (sc[j + 4] & 0x0F) | ((mn[j + 4] & 0x0F) << 4)
        }
        out += packed
        var q = [UInt8](repeating: 0, count: 256)
        for j in 0..<8 {
            let step = dh * Float(sc[j]), offset = dminh * Float(mn[j])
            for i in 0..<32 {
                let v = step == 0 ? 0 : Int(((x[32 * j + i] + offset) / step).rounded())
                q[32 * j + i] = UInt8(Swift.min(15, Swift.max(0, v)))
            }
        }
        for c in 0..<4 { for i in 0..<32 { out.append(q[64 * c + i] | q[64 * c + 32 + i] << 4) } }
        return out
    }

    /// One Q6_K super-block: x = d sc_g (q - 32) with int8 sc_g per 16 values and 6-bit q.
    static func q6K(_ x: [Float]) -> [UInt8] {
        var scales = [Float](repeating: 0, count: 16)
        for g in 0..<16 {
            let sub = x[(16 * g)..<(16 * g + 16)]
            // The value of largest magnitude maps to -32 (the asymmetric range's long end).
            let max = sub.max { abs($0) < abs($1) } ?? 0
            scales[g] = max / -32
        }
        let big = scales.max { abs($0) < abs($1) } ?? 0
        let d = big / -128
        let dh = SafeTensors.halfToFloat(halfBits(d))
        let sc = scales.map { dh == 0 ? Int8(0) : Int8(clamping: Int(($0 / dh).rounded())) }
        var q = [UInt8](repeating: 32, count: 256)
        for i in 0..<256 {
            let step = dh * Float(sc[i / 16])
            let v = step == 0 ? 0 : Int((x[i] / step).rounded())
            q[i] = UInt8(Swift.min(63, Swift.max(0, v + 32)))
        }
        var ql = [UInt8](repeating: 0, count: 128), qh = [UInt8](repeating: 0, count: 64)
        for h in 0..<2 {
            for l in 0..<32 {
                let base = 128 * h
                let q0 = q[base + l], q1 = q[base + 32 + l], q2 = q[base + 64 + l], q3 = q[base + 96 + l]
                ql[64 * h + l] = (q0 & 0x0F) | (q2 & 0x0F) << 4
                ql[64 * h + 32 + l] = (q1 & 0x0F) | (q3 & 0x0F) << 4
                qh[32 * h + l] = (q0 >> 4) | (q1 >> 4) << 2 | (q2 >> 4) << 4 | (q3 >> 4) << 6
            }
        }
        var out = ql + qh
        for s in sc { out.append(UInt8(bitPattern: s)) }
        appendHalf(d, &out)
        return out
    }
}

/// Float to IEEE half bits, rounding to nearest even (Swift's `Float16` is unavailable on some
/// platforms Spar builds on).
enum Float16Bits {
    static func from(_ x: Float) -> UInt16 {
        let u = x.bitPattern
        let sign = UInt16((u >> 16) & 0x8000)
        let exp = Int((u >> 23) & 0xFF), man = u & 0x7F_FFFF
        if exp == 255 { return sign | 0x7C00 | (man != 0 ? 0x200 : 0) }
        let e = exp - 127 + 15
        if e >= 31 { return sign | 0x7C00 }
        if e <= 0 {
            if e < -10 { return sign }
            let m = man | 0x80_0000
            let shift = UInt32(14 - e)
            var h = m >> shift
            let rest = m & ((1 << shift) - 1), halfway = UInt32(1) << (shift - 1)
            if rest > halfway || (rest == halfway && h & 1 == 1) { h += 1 }
            return sign | UInt16(h)
        }
        var h = UInt32(e) << 10 | man >> 13
        let rest = man & 0x1FFF
        if rest > 0x1000 || (rest == 0x1000 && h & 1 == 1) { h += 1 }  // may carry into the exponent: correct
        return sign | UInt16(h)
    }
}
