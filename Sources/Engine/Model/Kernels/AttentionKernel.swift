import CBLAS

/// Causal multi-head attention with grouped key/value heads and left padding, forward and backward.
///
/// Shapes (B batch rows, T positions, H query heads, G key/value heads, D head size, QW = H D,
/// KW = G D; query head h reads key/value head h / (H / G)):
///     q, dq      [B*T, QW]      queries after rotary positions
///     k, v, dk, dv [B*T, KW]
///     out, dout  [B*T, QW]      attention output, heads side by side
///     probs      [B, H, T, T]   softmax weights, saved by forward for backward
///     pads       [B]            row b's first pads[b] positions are padding: no query or key there
/// Query i of row b attends to keys j with pads[b] <= j <= i. Queries go in blocks of `block` rows,
/// and a block's products stop at its last key, so the causal upper triangle is (mostly) never
/// computed: for T = 256 that saves 37% of the attention FLOPs. The (b, g) groups run in parallel,
/// so the dk/dv sums of a group's query heads never race.
enum AttentionKernel {
    typealias P = UnsafeMutablePointer<Float>

    struct Shape {
        let batch: Int, length: Int, heads: Int, kvHeads: Int, headSize: Int
        var queryWidth: Int { heads * headSize }
        var keyValueWidth: Int { kvHeads * headSize }
        var groupSize: Int { heads / kvHeads }
    }

    /// Query rows per block of the causal products (a variable so tests can make blocks tiny).
    nonisolated(unsafe) static var block = 64

    /// Softmax of `row[lo..<hi]` in place; everything else in `row[0..<n]` becomes 0.
    @inline(__always)
    static func maskedSoftmax(_ row: P, n: Int, lo: Int, hi: Int) {
        guard lo < hi else { row.update(repeating: 0, count: n); return }
        var m = -Float.infinity
        for j in lo..<hi { m = Swift.max(m, row[j]) }
        var sum: Float = 0
        for j in lo..<hi { let e = FastMath.exp(row[j] - m); row[j] = e; sum += e }
        let inv = 1 / sum
        for j in lo..<hi { row[j] *= inv }
        if lo > 0 { row.update(repeating: 0, count: lo) }
        if hi < n { (row + hi).update(repeating: 0, count: n - hi) }
    }

    static func forward(_ out: P, _ probs: P, _ q: P, _ k: P, _ v: P, pads: [Int], shape s: Shape) {
        let t = s.length, d = s.headSize, qw = s.queryWidth, kw = s.keyValueWidth
        let scale = 1 / Float(d).squareRoot()
        Gemm.useThreads(for: 0)
        ParallelRows.run(s.batch * s.kvHeads, minimumPerWorker: 1) { units in
            for unit in units {
                let b = unit / s.kvHeads, g = unit % s.kvHeads, pad = pads[b]
                let kb = k + b * t * kw + g * d, vb = v + b * t * kw + g * d
                for h in g * s.groupSize..<(g + 1) * s.groupSize {
                    let qb = q + b * t * qw + h * d, ob = out + b * t * qw + h * d
                    let pb = probs + (b * s.heads + h) * t * t
                    for i0 in stride(from: 0, to: t, by: block) {
                        let rows = Swift.min(block, t - i0), keys = i0 + rows
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(keys), Int32(d),
                                    scale, qb + i0 * qw, Int32(qw), kb, Int32(kw), 0, pb + i0 * t, Int32(t))
                        for i in i0..<keys { maskedSoftmax(pb + i * t, n: t, lo: pad, hi: i < pad ? pad : i + 1) }
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(d), Int32(keys),
                                    1, pb + i0 * t, Int32(t), vb, Int32(kw), 0, ob + i0 * qw, Int32(qw))
                    }
                }
            }
        }
    }

    /// Writes dq and dk, dv (overwritten, not accumulated) from dout and the saved probs:
    /// dP = dO V^T; dS = P (dP - rowsum(P dP)); dQ = scale dS K; dK = scale dS^T Q; dV = P^T dO.
    static func backward(_ dq: P, _ dk: P, _ dv: P, _ dout: P, _ probs: P, _ q: P, _ k: P, _ v: P,
                         shape s: Shape) {
        let t = s.length, d = s.headSize, qw = s.queryWidth, kw = s.keyValueWidth
        let scale = 1 / Float(d).squareRoot()
        Gemm.useThreads(for: 0)
        ParallelRows.run(s.batch * s.kvHeads, minimumPerWorker: 1) { units in
            let ds = P.allocate(capacity: t * t)
            defer { ds.deallocate() }
            for unit in units {
                let b = unit / s.kvHeads, g = unit % s.kvHeads
                let kb = k + b * t * kw + g * d, vb = v + b * t * kw + g * d
                let dkb = dk + b * t * kw + g * d, dvb = dv + b * t * kw + g * d
                for i in 0..<t {
                    (dkb + i * kw).update(repeating: 0, count: d)
                    (dvb + i * kw).update(repeating: 0, count: d)
                }
                for h in g * s.groupSize..<(g + 1) * s.groupSize {
                    let qb = q + b * t * qw + h * d, dob = dout + b * t * qw + h * d, dqb = dq + b * t * qw + h * d
                    let pb = probs + (b * s.heads + h) * t * t
                    for i0 in stride(from: 0, to: t, by: block) {
                        let rows = Swift.min(block, t - i0), keys = i0 + rows
                        let dsb = ds + i0 * t, pbb = pb + i0 * t
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(keys), Int32(d),
                                    1, dob + i0 * qw, Int32(qw), vb, Int32(kw), 0, dsb, Int32(t))
                        for i in i0..<keys {
                            let pr = pb + i * t, dr = ds + i * t
                            var dot: Float = 0
                            for j in 0...i { dot += pr[j] * dr[j] }
                            for j in 0...i { dr[j] = pr[j] * (dr[j] - dot) }
                            if i + 1 < keys { (dr + i + 1).update(repeating: 0, count: keys - i - 1) }
                        }
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(d), Int32(keys),
                                    scale, dsb, Int32(t), kb, Int32(kw), 0, dqb + i0 * qw, Int32(qw))
                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(keys), Int32(d), Int32(rows),
                                    scale, dsb, Int32(t), qb + i0 * qw, Int32(qw), 1, dkb, Int32(kw))
                        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(keys), Int32(d), Int32(rows),
                                    1, pbb, Int32(t), dob + i0 * qw, Int32(qw), 1, dvb, Int32(kw))
                    }
                }
            }
        }
    }
}
