import CBLAS
import CKernels

/// The three matrix products of a linear layer y = x W^T, for Float32 or quantized W.
///
/// Shapes (row-major): x [M, K], W [N, K] (PyTorch's [out, in]), y [M, N]. Dense weights go through
/// one `cblas_sgemm` (or `cblas_sgemv` for one row). Quantized weights take one of two paths:
/// - few rows (decoding, `quantizedDotMaxRows` or fewer): the C kernels read the packed rows, one
///   weight row dequantized at a time into a small buffer and dotted with every row of x in Float32
///   (`spar_qmatmul_f32`), so W is never expanded and the result is the Float32 product with the
///   dequantized weights; or, with `eightBitActivations`, x quantized to 8 bits per block of 32 and
///   integer dot products as llama.cpp does (`spar_qmatmul`: faster, but each product then carries
///   the activations' rounding, about 0.5%, which flips near-tied greedy choices);
/// - many rows (prompts, scoring, training): tiles of W are dequantized to Float32 and multiplied
///   with sgemm, each worker thread owning a range of tiles (output columns).
enum Linear {
    typealias P = UnsafeMutablePointer<Float>

    /// Products with fewer rows than this run on one BLAS thread whatever their size: the thin
    /// products of a generation step (one row per sequence) gain little from a second thread and, on a
    /// busy machine, lose milliseconds waiting for it to be scheduled (measured: batch-32 generation
    /// ran slower per token than batch 1 until this was added).
    nonisolated(unsafe) static var singleThreadRows = 64

    private static func threads(_ m: Int, _ work: Int) {
        Gemm.useThreads(for: m < singleThreadRows ? 0 : work)
    }

    /// One output of `project`: y [M, N] = x W^T (added to y when `accumulate`).
    struct Output {
        let y: P
        let w: WeightMatrix
        let n: Int
        var accumulate = false
    }

    /// Rows of x up to which quantized weights use the dot kernels instead of Float32 tiles.
    nonisolated(unsafe) static var quantizedDotMaxRows = 32
    /// Whether the dot kernels quantize the activations to 8 bits (see above). Off by default:
    /// generation then computes exactly what scoring computes.
    nonisolated(unsafe) static var eightBitActivations = false

    /// Several products that read the same input x [M, K] (q, k, v; gate, up): one call, so that the
    /// quantized path quantizes x once and runs all of them in one parallel region.
    static func project(_ x: P, m: Int, k: Int, _ outputs: [Output]) {
        var packed: [(QuantizedMatrix, Output)] = []
        for o in outputs {
            if case .quantized(let q) = o.w, usesDotKernels(q, m: m) { packed.append((q, o)) } else {
                forward(o.y, x, o.w, m: m, n: o.n, k: k, accumulate: o.accumulate)
            }
        }
        if !packed.isEmpty { dotProducts(x, m: m, k: k, packed) }
    }

    /// y [M, N] = x [M, K] W[N, K]^T, added to y when `accumulate`.
    static func forward(_ y: P, _ x: P, _ w: WeightMatrix, m: Int, n: Int, k: Int, accumulate: Bool = false) {
        switch w {
        case .dense(let p): forward(y, x, p, m: m, n: n, k: k, accumulate: accumulate)
        case .quantized(let q):
            if usesDotKernels(q, m: m) {
                dotProducts(x, m: m, k: k, [(q, Output(y: y, w: w, n: n, accumulate: accumulate))])
            } else {
                tiledProduct(y, x, q, m: m, n: n, k: k, accumulate: accumulate)
            }
        }
    }

    static func usesDotKernels(_ q: QuantizedMatrix, m: Int) -> Bool {
        m <= quantizedDotMaxRows && (q.type.isQuantized || !eightBitActivations)
    }

    /// The dot-kernel path: the rows of every output split over the workers.
    private static func dotProducts(_ x: P, m: Int, k: Int, _ outputs: [(QuantizedMatrix, Output)]) {
        guard m > 0, k > 0 else { return }
        if eightBitActivations { return eightBitProducts(x, m: m, k: k, outputs) }
        var starts: [Int] = [], total = 0
        for (q, _) in outputs { starts.append(total); total += q.rows }
        let perWorker = Swift.max(16, 65_536 / Swift.max(1, k * m))
        ParallelRows.run(total, minimumPerWorker: perWorker) { range in
            let scratch = P.allocate(capacity: k)
            defer { scratch.deallocate() }
            for (j, (q, o)) in outputs.enumerated() {
                let lo = Swift.max(range.lowerBound, starts[j]) - starts[j]
                let hi = Swift.min(range.upperBound, starts[j] + q.rows) - starts[j]
                if lo < hi {
                    spar_qmatmul_f32(Int32(q.type.rawValue), q.data, q.rowBytes, lo, hi, k, x, m, o.y, o.n, o.accumulate ? 1 : 0, scratch)
                }
            }
        }
    }

    /// The 8-bit path: x quantized once, then the rows of every output split over the workers.
    private static func eightBitProducts(_ x: P, m: Int, k: Int, _ outputs: [(QuantizedMatrix, Output)]) {
        let blocks = k / 32
        let xq = UnsafeMutablePointer<spar_q8_block>.allocate(capacity: m * blocks)
        defer { xq.deallocate() }
        for i in 0..<m { spar_quantize_q8(x + i * k, xq + i * blocks, k) }
        var starts: [Int] = [], total = 0
        for (q, _) in outputs { starts.append(total); total += q.rows }
        // About 64K multiply-adds per worker at the least, so tiny products stay on one thread.
        let perWorker = Swift.max(16, 65_536 / Swift.max(1, k * m))
        ParallelRows.run(total, minimumPerWorker: perWorker) { range in
            for (j, (q, o)) in outputs.enumerated() {
                let lo = Swift.max(range.lowerBound, starts[j]) - starts[j]
                let hi = Swift.min(range.upperBound, starts[j] + q.rows) - starts[j]
                if lo < hi {
                    spar_qmatmul(Int32(q.type.rawValue), q.data, q.rowBytes, lo, hi, k, xq, m, o.y, o.n, o.accumulate ? 1 : 0)
                }
            }
        }
    }

    /// The Float32 path for quantized W: tiles of rows dequantized and multiplied with sgemm.
    static func tiledProduct(_ y: P, _ x: P, _ q: QuantizedMatrix, m: Int, n: Int, k: Int, accumulate: Bool) {
        guard m > 0, n > 0, k > 0 else { return }
        let tileRows = Swift.min(n, Swift.max(16, 65_536 / k))  // a 256 KB Float32 tile
        let tiles = (n + tileRows - 1) / tileRows
        Gemm.useThreads(for: 0)
        ParallelRows.run(tiles, minimumPerWorker: 1) { range in
            let tile = P.allocate(capacity: tileRows * k)
            defer { tile.deallocate() }
            for t in range {
                let r0 = t * tileRows, rows = Swift.min(tileRows, n - r0)
                for r in 0..<rows { q.dequantizeRow(r0 + r, into: tile + r * k) }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(rows), Int32(k),
                            1, x, Int32(k), tile, Int32(k), accumulate ? 1 : 0, y + r0, Int32(n))
            }
        }
    }

    /// The dense product y [M, N] = x [M, K] W[N, K]^T.
    static func forward(_ y: P, _ x: P, _ w: P, m: Int, n: Int, k: Int, accumulate: Bool = false) {
        guard m > 0, n > 0, k > 0 else { return }
        threads(m, m * n * k)
        if m == 1 {
            // One row (a generation step at batch 1): a matrix-vector product, which reads W once
            // instead of first packing it as sgemm does.
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(k), 1, w, Int32(k), x, 1, accumulate ? 1 : 0, y, 1)
            return
        }
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
                    1, x, Int32(k), w, Int32(k), accumulate ? 1 : 0, y, Int32(n))
    }

    /// dx [M, K] = dy [M, N] W [N, K], added to dx when `accumulate`.
    static func backwardInput(_ dx: P, _ dy: P, _ w: P, m: Int, n: Int, k: Int, accumulate: Bool) {
        guard m > 0, n > 0, k > 0 else { return }
        threads(m, m * n * k)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(k), Int32(n),
                    1, dy, Int32(n), w, Int32(k), accumulate ? 1 : 0, dx, Int32(k))
    }

    /// dW [N, K] += dy [M, N]^T x [M, K].
    static func backwardWeight(_ dw: P, _ dy: P, _ x: P, m: Int, n: Int, k: Int) {
        guard m > 0, n > 0, k > 0 else { return }
        Gemm.useThreads(for: m * n * k)
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(n), Int32(k), Int32(m),
                    1, dy, Int32(n), x, Int32(k), 1, dw, Int32(k))
    }
}
