/// The SwiGLU gate: g = silu(a) * b with silu(a) = a sigmoid(a), and its backward.
///
/// Shapes: a (gate projection), b (up projection), g, dg, da, db: [R, F], flattened to n = R*F.
enum SwiGLUKernel {
    typealias P = UnsafeMutablePointer<Float>

    static func forward(_ g: P, _ a: P, _ b: P, count n: Int) {
        ParallelRows.run(n, minimumPerWorker: 4096) { range in
            for i in range {
                let s = FastMath.sigmoid(a[i])
                g[i] = a[i] * s * b[i]
            }
        }
    }

    /// da = dg b silu'(a) with silu'(a) = s (1 + a (1 - s)); db = dg silu(a).
    static func backward(_ da: P, _ db: P, _ dg: P, _ a: P, _ b: P, count n: Int) {
        ParallelRows.run(n, minimumPerWorker: 4096) { range in
            for i in range {
                let x = a[i], s = FastMath.sigmoid(x)
                da[i] = dg[i] * b[i] * s * (1 + x * (1 - s))
                db[i] = dg[i] * x * s
            }
        }
    }
}
