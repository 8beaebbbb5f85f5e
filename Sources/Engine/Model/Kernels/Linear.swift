import CBLAS

/// The three matrix products of a linear layer y = x W^T, for Float32 or quantized W.
///
/// Shapes (row-major): x [M, K], W [N, K] (PyTorch's [out, in]), y [M, N]. Dense weights go through
/// one `cblas_sgemm` (or `cblas_sgemv` for one row).
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

    /// Several products that read the same input x [M, K] (q, k, v; gate, up): one call, so that a
    /// quantized path can prepare x once for all of them.
    static func project(_ x: P, m: Int, k: Int, _ outputs: [Output]) {
        for o in outputs { forward(o.y, x, o.w, m: m, n: o.n, k: k, accumulate: o.accumulate) }
    }

    /// y [M, N] = x [M, K] W[N, K]^T, added to y when `accumulate`.
    static func forward(_ y: P, _ x: P, _ w: WeightMatrix, m: Int, n: Int, k: Int, accumulate: Bool = false) {
        switch w {
        case .dense(let p): forward(y, x, p, m: m, n: n, k: k, accumulate: accumulate)
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
