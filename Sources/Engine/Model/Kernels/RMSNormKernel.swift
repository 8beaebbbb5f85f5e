/// RMSNorm over rows: y = x / sqrt(mean(x^2) + eps) * w, with its backward.
///
/// Shapes: x, y, dx, dy [R, C]; w, dw [C]; rstd [R] (1 / sqrt(mean(x^2) + eps), saved by forward).
enum RMSNormKernel {
    typealias P = UnsafeMutablePointer<Float>

    static func forward(_ y: P, _ rstd: P, _ x: P, _ w: P, rows: Int, width c: Int, eps: Float) {
        ParallelRows.run(rows, minimumPerWorker: 64) { range in
            for r in range {
                let xr = x + r * c, yr = y + r * c
                var ss: Float = 0
                for i in 0..<c { ss += xr[i] * xr[i] }
                let s = 1 / (ss / Float(c) + eps).squareRoot()
                rstd[r] = s
                for i in 0..<c { yr[i] = xr[i] * s * w[i] }
            }
        }
    }

    /// dx += d(y)/d(x) dy and dw += d(y)/d(w) dy, with xhat = x rstd:
    /// dx = rstd (dy w - xhat mean(dy w xhat)), dw = sum over rows of dy xhat.
    static func backward(_ dx: P, _ dw: P, _ dy: P, _ x: P, _ w: P, _ rstd: P, rows: Int, width c: Int) {
        // dw sums over all rows: each worker sums its rows into its own row of partial sums.
        let workers = ParallelRows.workers
        let partial = P.allocate(capacity: workers * c)
        partial.initialize(repeating: 0, count: workers * c)
        defer { partial.deallocate() }
        ParallelRows.runIndexed(rows, minimumPerWorker: 64) { range, slot in
            let pw = partial + slot * c
            for r in range {
                let xr = x + r * c, dyr = dy + r * c, dxr = dx + r * c
                let s = rstd[r]
                var dot: Float = 0
                for i in 0..<c { dot += dyr[i] * w[i] * xr[i] }
                let mean = dot * s * s / Float(c)
                for i in 0..<c {
                    dxr[i] += s * (dyr[i] * w[i] - xr[i] * mean)
                    pw[i] += dyr[i] * xr[i] * s
                }
            }
        }
        for k in 0..<workers { for i in 0..<c { dw[i] += partial[k * c + i] } }
    }
}
