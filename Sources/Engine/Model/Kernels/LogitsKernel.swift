import Foundation

/// Log-softmax of logits rows at given targets, fused with the backward of a weighted objective.
///
/// Shapes: logits [R, V] (overwritten with d loss / d logits by `backward`); targets [R] (-1: no
/// target); logprob [R] (log p(target), 0 where there is no target); weights [R] = d loss / d logprob.
enum LogitsKernel {
    typealias P = UnsafeMutablePointer<Float>

    /// logprob[r] = logits[r, target] - logsumexp(logits[r]); also saves lse[r] for `backward`.
    static func logprobs(_ logprob: P, _ lse: P, _ logits: P, _ targets: UnsafePointer<Int32>, rows: Int, vocab n: Int) {
        ParallelRows.run(rows, minimumPerWorker: 8) { range in
            for r in range {
                let z = logits + r * n
                var m = -Float.infinity
                for j in 0..<n where z[j] > m { m = z[j] }
                var sum: Float = 0
                for j in 0..<n { sum += FastMath.exp(z[j] - m) }
                let l = m + logf(sum)
                lse[r] = l
                let t = Int(targets[r])
                logprob[r] = t >= 0 ? z[t] - l : 0
            }
        }
    }

    /// logits[r] becomes w[r] (onehot(target) - softmax(logits[r])): the gradient of sum_r w[r] logprob[r].
    static func backward(_ logits: P, _ lse: P, _ targets: UnsafePointer<Int32>, _ weights: UnsafePointer<Float>,
                         rows: Int, vocab n: Int) {
        ParallelRows.run(rows, minimumPerWorker: 8) { range in
            for r in range {
                let z = logits + r * n, w = weights[r], t = Int(targets[r])
                if w == 0 || t < 0 { z.update(repeating: 0, count: n); continue }
                let l = lse[r]
                for j in 0..<n { z[j] = -w * FastMath.exp(z[j] - l) }
                z[t] += w
            }
        }
    }
}
