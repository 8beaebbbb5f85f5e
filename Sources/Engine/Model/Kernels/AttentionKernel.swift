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
/// Query i of row b attends to keys j with pads[b] <= j <= i. Each (b, h) pair is three sgemm calls;
/// the (b, g) groups run in parallel, so the dk/dv sums of a group's query heads never race.
enum AttentionKernel {
    typealias P = UnsafeMutablePointer<Float>

    struct Shape {
        let batch: Int, length: Int, heads: Int, kvHeads: Int, headSize: Int
        var queryWidth: Int { heads * headSize }
        var keyValueWidth: Int { kvHeads * headSize }
        var groupSize: Int { heads / kvHeads }
    }

    /// Softmax of `row[lo..<hi]` in place; everything else in `row[0..<n]` becomes 0.
    @inline(__always)
    static func maskedSoftmax(_ row: P, n: Int, lo: Int, hi: Int) {
        guard lo < hi else { row.update(repeating: 0, count: n); return }
        var m = -Float.infinity
        for j in lo..<hi where row[j] > m { m = row[j] }
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
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(t), Int32(t), Int32(d),
                                scale, qb, Int32(qw), kb, Int32(kw), 0, pb, Int32(t))
                    for i in 0..<t { maskedSoftmax(pb + i * t, n: t, lo: pad, hi: i < pad ? pad : i + 1) }
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(t), Int32(d), Int32(t),
                                1, pb, Int32(t), vb, Int32(kw), 0, ob, Int32(qw))
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
                for h in g * s.groupSize..<(g + 1) * s.groupSize {
                    let first = h == g * s.groupSize
                    let qb = q + b * t * qw + h * d, dob = dout + b * t * qw + h * d, dqb = dq + b * t * qw + h * d
                    let pb = probs + (b * s.heads + h) * t * t
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(t), Int32(t), Int32(d),
                                1, dob, Int32(qw), vb, Int32(kw), 0, ds, Int32(t))
                    for i in 0..<t {
                        let pr = pb + i * t, dr = ds + i * t
                        var dot: Float = 0
                        for j in 0...i { dot += pr[j] * dr[j] }
                        for j in 0...i { dr[j] = pr[j] * (dr[j] - dot) }
                        if i + 1 < t { (dr + i + 1).update(repeating: 0, count: t - i - 1) }
                    }
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(t), Int32(d), Int32(t),
                                scale, ds, Int32(t), kb, Int32(kw), 0, dqb, Int32(qw))
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(t), Int32(d), Int32(t),
                                scale, ds, Int32(t), qb, Int32(qw), first ? 0 : 1, dkb, Int32(kw))
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(t), Int32(d), Int32(t),
                                1, pb, Int32(t), dob, Int32(qw), first ? 0 : 1, dvb, Int32(kw))
                }
            }
        }
    }
}
