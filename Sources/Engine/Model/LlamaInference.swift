import CBLAS

/// The forward pass for generation: reads n new positions of every row, appends their keys and
/// values to a `KVCache`, and returns the logits of each row's last new position. Nothing is saved
/// for a backward pass. Same arithmetic as LlamaForward.swift, restricted to the new positions.
///
/// Legend: B rows, n new positions, S = cache.filled + n positions visible after this step.
extension LlamaModel {
    /// Working buffers of one generation call, sized for `rows` = B * n new positions at most.
    final class InferenceScratch {
        let x, norm: FloatBuffer           // [rows, C]
        let q, attn: FloatBuffer           // [rows, QW]
        let k, v: FloatBuffer              // [rows, KW]
        let gate, up: FloatBuffer          // [rows, F]
        let rstd: FloatBuffer              // [rows]  RMSNorm scale (not needed later, but the kernel writes it)
        let last: FloatBuffer              // [B, C]  final-normed last position of each row
        let logits: FloatBuffer            // [B, V]
        let positions: UnsafeMutablePointer<Int32>  // [rows]
        let rows: Int
        init(_ c: LlamaConfig, batch: Int, rows: Int) {
            self.rows = rows
            x = FloatBuffer(count: rows * c.width); norm = FloatBuffer(count: rows * c.width)
            q = FloatBuffer(count: rows * c.queryWidth); attn = FloatBuffer(count: rows * c.queryWidth)
            k = FloatBuffer(count: rows * c.keyValueWidth); v = FloatBuffer(count: rows * c.keyValueWidth)
            gate = FloatBuffer(count: rows * c.ffnHidden); up = FloatBuffer(count: rows * c.ffnHidden)
            rstd = FloatBuffer(count: rows)
            last = FloatBuffer(count: batch * c.width); logits = FloatBuffer(count: batch * c.vocabularySize)
            positions = .allocate(capacity: Swift.max(rows, 1))
        }
        deinit { positions.deallocate() }
    }

    /// Runs `tokens` ([B * n], row-major, ids already checked) through the model with the cache and
    /// returns scratch.logits filled for the last new position of each row.
    func decodeStep(_ tokens: [Int32], newPositions n: Int, cache: KVCache, scratch s: InferenceScratch) {
        let c = config, b = cache.batch, rows = b * n, start = cache.filled
        let total = start + n
        for row in 0..<b {
            for i in 0..<n { s.positions[row * n + i] = Int32(Swift.max(0, start + i - cache.pads[row])) }
        }
        for r in 0..<rows {
            (s.x.pointer + r * c.width).update(from: weights[layout.embedding + Int(tokens[r]) * c.width], count: c.width)
        }
        let kw = c.keyValueWidth, qw = c.queryWidth, d = c.headSize
        for l in 0..<c.layers {
            let w = layout.blocks[l]
            RMSNormKernel.forward(s.norm.pointer, s.rstd.pointer, s.x.pointer, weights[w.attnNorm], rows: rows, width: c.width, eps: c.normEps)
            Linear.forward(s.q.pointer, s.norm.pointer, weights[w.wq], m: rows, n: qw, k: c.width)
            Linear.forward(s.k.pointer, s.norm.pointer, weights[w.wk], m: rows, n: kw, k: c.width)
            Linear.forward(s.v.pointer, s.norm.pointer, weights[w.wv], m: rows, n: kw, k: c.width)
            rotary.apply(s.q.pointer, rows: rows, heads: c.heads, positions: s.positions, inverse: false)
            rotary.apply(s.k.pointer, rows: rows, heads: c.kvHeads, positions: s.positions, inverse: false)
            let kc = cache.keys[l].pointer, vc = cache.values[l].pointer, cap = cache.capacity
            for row in 0..<b {
                (kc + (row * cap + start) * kw).update(from: s.k.pointer + row * n * kw, count: n * kw)
                (vc + (row * cap + start) * kw).update(from: s.v.pointer + row * n * kw, count: n * kw)
            }
            // Attention of the n new queries over the S cached positions, per (row, kv head) group.
            let scale = 1 / Float(d).squareRoot(), group = c.heads / c.kvHeads
            Gemm.useThreads(for: 0)
            ParallelRows.run(b * c.kvHeads, minimumPerWorker: b * c.kvHeads * n * total < 1 << 16 ? Int.max : 1) { units in
                let scores = UnsafeMutablePointer<Float>.allocate(capacity: n * total)
                defer { scores.deallocate() }
                for unit in units {
                    let row = unit / c.kvHeads, g = unit % c.kvHeads, pad = cache.pads[row]
                    let kb = kc + row * cap * kw + g * d, vb = vc + row * cap * kw + g * d
                    for h in g * group..<(g + 1) * group {
                        let qb = s.q.pointer + row * n * qw + h * d, ob = s.attn.pointer + row * n * qw + h * d
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(total), Int32(d),
                                    scale, qb, Int32(qw), kb, Int32(kw), 0, scores, Int32(total))
                        for i in 0..<n {
                            let p = start + i
                            AttentionKernel.maskedSoftmax(scores + i * total, n: total, lo: pad, hi: p < pad ? pad : p + 1)
                        }
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(d), Int32(total),
                                    1, scores, Int32(total), vb, Int32(kw), 0, ob, Int32(qw))
                    }
                }
            }
            Linear.forward(s.x.pointer, s.attn.pointer, weights[w.wo], m: rows, n: c.width, k: qw, accumulate: true)
            RMSNormKernel.forward(s.norm.pointer, s.rstd.pointer, s.x.pointer, weights[w.ffnNorm], rows: rows, width: c.width, eps: c.normEps)
            Linear.forward(s.gate.pointer, s.norm.pointer, weights[w.gate], m: rows, n: c.ffnHidden, k: c.width)
            Linear.forward(s.up.pointer, s.norm.pointer, weights[w.up], m: rows, n: c.ffnHidden, k: c.width)
            SwiGLUKernel.forward(s.gate.pointer, s.gate.pointer, s.up.pointer, count: rows * c.ffnHidden)
            Linear.forward(s.x.pointer, s.gate.pointer, weights[w.down], m: rows, n: c.width, k: c.ffnHidden, accumulate: true)
        }
        cache.filled = total
        // Final norm and logits of each row's last new position only.
        for row in 0..<b {
            (s.norm.pointer + row * c.width).update(from: s.x.pointer + (row * n + n - 1) * c.width, count: c.width)
        }
        RMSNormKernel.forward(s.last.pointer, s.rstd.pointer, s.norm.pointer, weights[layout.finalNorm], rows: b, width: c.width, eps: c.normEps)
        Linear.forward(s.logits.pointer, s.last.pointer, weights[layout.output], m: b, n: c.vocabularySize, k: c.width)
    }
}
