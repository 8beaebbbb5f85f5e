import CBLAS

/// The forward pass for generation: reads n new positions of every row through the shared decoder
/// block (DecoderBlock.swift), appends their keys and values to a `KVCache`, attends over the cache,
/// and returns the logits of each row's last new position. Nothing is kept for a backward pass.
///
/// Legend: B rows, n new positions, S = cache.filled + n positions visible after this step.
extension LlamaModel {
    /// Working buffers of one generation call, sized for `rows` = B * n new positions at most. The
    /// block's output overwrites its input (`x`), and the two norms share one buffer.
    final class InferenceScratch {
        let x, mid, norm: FloatBuffer      // [rows, C]
        let q, attn: FloatBuffer           // [rows, QW]
        let k, v: FloatBuffer              // [rows, KW]
        let gate, up, act: FloatBuffer     // [rows, F]
        let rstd: FloatBuffer              // [rows]  RMSNorm scale (not needed later, but the kernel writes it)
        let last: FloatBuffer              // [B, C]  final-normed last position of each row
        let logits: FloatBuffer            // [B, V]
        let positions: UnsafeMutablePointer<Int32>  // [rows]
        let tokens: UnsafeMutablePointer<Int32>     // [rows]
        let rows: Int
        init(_ c: LlamaConfig, batch: Int, rows: Int) {
            self.rows = rows
            x = FloatBuffer(count: rows * c.width); mid = FloatBuffer(count: rows * c.width)
            norm = FloatBuffer(count: rows * c.width)
            q = FloatBuffer(count: rows * c.queryWidth); attn = FloatBuffer(count: rows * c.queryWidth)
            k = FloatBuffer(count: rows * c.keyValueWidth); v = FloatBuffer(count: rows * c.keyValueWidth)
            gate = FloatBuffer(count: rows * c.ffnHidden); up = FloatBuffer(count: rows * c.ffnHidden)
            act = FloatBuffer(count: rows * c.ffnHidden)
            rstd = FloatBuffer(count: rows)
            last = FloatBuffer(count: batch * c.width); logits = FloatBuffer(count: batch * c.vocabularySize)
            positions = .allocate(capacity: Swift.max(rows, 1))
            tokens = .allocate(capacity: Swift.max(rows, 1))
        }
        deinit { positions.deallocate(); tokens.deallocate() }

        var block: BlockBuffers {
            BlockBuffers(input: x.pointer, norm1: norm.pointer, rstd1: rstd.pointer, q: q.pointer, k: k.pointer,
                         v: v.pointer, attn: attn.pointer, mid: mid.pointer, norm2: norm.pointer, rstd2: rstd.pointer,
                         gate: gate.pointer, up: up.pointer, act: act.pointer, output: x.pointer)
        }
    }

    /// Runs `tokens` ([B * n], row-major, ids already checked) through the model with the cache and
    /// returns scratch.logits filled for the last new position of each row.
    func decodeStep(_ tokens: [Int32], newPositions n: Int, cache: KVCache, scratch s: InferenceScratch) {
        let c = config, b = cache.batch, rows = b * n, start = cache.filled
        for row in 0..<b {
            for i in 0..<n {
                s.positions[row * n + i] = Int32(Swift.max(0, start + i - cache.pads[row]))
                s.tokens[row * n + i] = tokens[row * n + i]
            }
        }
        embed(s.tokens, rows: rows, into: s.x.pointer)
        let buffers = s.block
        for l in 0..<c.layers {
            runBlock(l, buffers, rows: rows, positions: s.positions) {
                attendCached(layer: l, newPositions: n, cache: cache, scratch: s)
            }
        }
        cache.filled = start + n
        // Final norm and logits of each row's last new position only.
        for row in 0..<b {
            (s.norm.pointer + row * c.width).update(from: s.x.pointer + (row * n + n - 1) * c.width, count: c.width)
        }
        RMSNormKernel.forward(s.last.pointer, s.rstd.pointer, s.norm.pointer, weightSet.finalNorm, rows: b, width: c.width, eps: c.normEps)
        Linear.forward(s.logits.pointer, s.last.pointer, weightSet.output, m: b, n: c.vocabularySize, k: c.width)
    }

    /// The attention step of a cached pass: appends the n new keys and values of every row to layer
    /// `l`'s cache, then attends each new query over the row's S visible positions, per (row, kv
    /// head) group in parallel.
    private func attendCached(layer l: Int, newPositions n: Int, cache: KVCache, scratch s: InferenceScratch) {
        let c = config, b = cache.batch, start = cache.filled, total = start + n
        let kw = c.keyValueWidth, qw = c.queryWidth, d = c.headSize
        let kc = cache.keys[l].pointer, vc = cache.values[l].pointer, cap = cache.capacity
        for row in 0..<b {
            (kc + (row * cap + start) * kw).update(from: s.k.pointer + row * n * kw, count: n * kw)
            (vc + (row * cap + start) * kw).update(from: s.v.pointer + row * n * kw, count: n * kw)
        }
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
    }
}
