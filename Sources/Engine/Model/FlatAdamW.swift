import Foundation

/// AdamW over one flat parameter buffer (the model's `LlamaLayout`), one fused loop per step.
///
/// The same update as the tensor engine's `AdamW` (bias-corrected moments, decoupled weight decay
/// p -= lr wd p), but without a per-tensor allocation per step. Weight decay applies to matrices only
/// (`LlamaLayout.Slot.decays`), as in nanoGPT: decaying norm gains towards 0 only hurts.
final class FlatAdamW {
    let beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    let m: FloatBuffer, v: FloatBuffer
    /// Ranges of the flat buffer that weight decay applies to.
    let decayed: [Range<Int>]
    private(set) var steps = 0

    init(layout: LlamaLayout, betas: (Float, Float) = (0.9, 0.95), eps: Float = 1e-8, weightDecay: Float) {
        (beta1, beta2) = betas
        self.eps = eps
        self.weightDecay = weightDecay
        m = FloatBuffer(count: layout.count)
        v = FloatBuffer(count: layout.count)
        decayed = layout.slots.filter(\.decays).map { $0.offset..<($0.offset + $0.count) }
    }

    /// One update of `weights` from `grads` with learning rate `lr`.
    func step(weights: FloatBuffer, grads: FloatBuffer, lr: Float) {
        steps += 1
        let t = Float(steps)
        let c1 = 1 - Foundation.pow(beta1, t), c2 = 1 - Foundation.pow(beta2, t)
        let b1 = beta1, b2 = beta2, eps = eps
        let mp = m.pointer, vp = v.pointer, w = weights.pointer, g = grads.pointer
        let stepSize = lr / c1, invC2 = 1 / c2
        if weightDecay > 0 {
            let keep = 1 - lr * weightDecay
            for r in decayed { for i in r { w[i] *= keep } }
        }
        ParallelRows.run(weights.count, minimumPerWorker: 1 << 14) { range in
            for i in range {
                let gi = g[i]
                mp[i] = b1 * mp[i] + (1 - b1) * gi
                vp[i] = b2 * vp[i] + (1 - b2) * gi * gi
                w[i] -= stepSize * mp[i] / ((vp[i] * invC2).squareRoot() + eps)
            }
        }
    }
}

/// The global L2 norm of a gradient buffer, accumulated in Double.
func gradientNorm(_ grads: FloatBuffer) -> Double {
    let g = grads.pointer
    var total = 0.0
    var i = 0
    while i < grads.count {
        let end = Swift.min(grads.count, i + 4096)
        var partial: Float = 0
        for j in i..<end { partial += g[j] * g[j] }
        total += Double(partial)
        i = end
    }
    return total.squareRoot()
}
