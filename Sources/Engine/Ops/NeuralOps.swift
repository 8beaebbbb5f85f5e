import Foundation

// Fused kernels for the layers of a network, each forward with its derivative beside it (the
// llm.c layout). Shape legend: N rows (all leading axes flattened), C the last axis.

extension Tensor {
    /// Runs `body` on the last-axis rows of `self` after moving `axis` to the end, then moves it back.
    private func alongLastAxis(_ axis: Int, op: String, _ body: (Tensor) throws -> Tensor) throws -> Tensor {
        let ax = try Shape.normalizeAxis(axis, rank: rank, op: op)
        if ax == rank - 1 { return try body(self) }
        let moved = try transposed(ax, rank - 1)
        return try body(moved).transposed(ax, rank - 1)
    }

    /// exp(x) / sum(exp(x)) along `axis`, computed stably (the row maximum is subtracted first).
    public func softmax(axis: Int = -1) throws -> Tensor {
        try alongLastAxis(axis, op: "softmax") { x in
            let c = x.shape.last ?? 1
            let y = Rows.map(x) { src, dst in
                let m = Reduce.max(src, c)
                VectorMath.exp(src, minus: m, dst, c)
                let inv = 1 / Reduce.sum(dst, c)
                for j in 0..<c { dst[j] *= inv }
            }
            return y.recorded("softmax", inputs: [x]) { g in
                // dx = y * (g - sum(g * y))
                [Rows.zip(g, y) { pg, py, dx in
                    var dot: Float = 0
                    for j in 0..<c { dot += pg[j] * py[j] }
                    for j in 0..<c { dx[j] = py[j] * (pg[j] - dot) }
                }]
            }
        }
    }

    /// log(softmax(x)) along `axis`, computed stably.
    public func logSoftmax(axis: Int = -1) throws -> Tensor {
        try alongLastAxis(axis, op: "log_softmax") { x in
            let c = x.shape.last ?? 1
            let y = Rows.map(x) { src, dst in
                let m = Reduce.max(src, c)
                VectorMath.exp(src, minus: m, dst, c)
                let lse = m + Foundation.log(Reduce.sum(dst, c))
                for j in 0..<c { dst[j] = src[j] - lse }
            }
            return y.recorded("log_softmax", inputs: [x]) { g in
                // dx = g - softmax * sum(g)
                [Rows.zip(g, y) { pg, py, dx in
                    var total: Float = 0
                    for j in 0..<c { total += pg[j] }
                    VectorMath.exp(py, dx, c)
                    for j in 0..<c { dx[j] = pg[j] - dx[j] * total }
                }]
            }
        }
    }

    /// Layer normalization over the last axis: (x - mean) / sqrt(var + eps) * weight + bias, where
    /// weight and bias (shape [C]) are optional.
    public func layerNorm(weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
        let c = try Norms.checkAffine(self, weight, bias, op: "layer_norm")
        let x = self
        let rows = count / Swift.max(c, 1)
        var rstd = [Float](repeating: 0, count: rows)  // 1 / std of each row, kept for backward
        let w = weight?.scalars, b = bias?.scalars
        let norm = Rows.mapIndexed(x) { row, src, dst in
            var m: Float = 0
            for j in 0..<c { m += src[j] }
            m /= Float(c)
            var v: Float = 0
            for j in 0..<c { let d = src[j] - m; v += d * d }
            let rs = 1 / (v / Float(c) + eps).squareRoot()
            rstd[row] = rs
            for j in 0..<c { dst[j] = (src[j] - m) * rs }
        }
        let out = Norms.affine(norm, w, b, c)
        let savedRstd = rstd
        var inputs = [x]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        return out.recorded("layer_norm", inputs: inputs) { g in
            let dnorm = w.map { Norms.scaleRows(g, $0, c) } ?? g
            let dx = Rows.zipIndexed(dnorm, norm) { row, pd, pn, dx in
                var meanD: Float = 0, meanDN: Float = 0
                for j in 0..<c { meanD += pd[j]; meanDN += pd[j] * pn[j] }
                meanD /= Float(c); meanDN /= Float(c)
                let rs = savedRstd[row]
                for j in 0..<c { dx[j] = rs * (pd[j] - meanD - pn[j] * meanDN) }
            }
            var grads: [Tensor?] = [dx]
            if weight != nil { grads.append(Norms.columnSum(g, times: norm, c)) }
            if bias != nil { grads.append(Norms.columnSum(g, times: nil, c)) }
            return grads
        }
    }

    /// RMS normalization over the last axis (Llama): x / sqrt(mean(x^2) + eps) * weight.
    public func rmsNorm(weight: Tensor? = nil, eps: Float = 1e-5) throws -> Tensor {
        let c = try Norms.checkAffine(self, weight, nil, op: "rms_norm")
        let x = self
        let rows = count / Swift.max(c, 1)
        var rrms = [Float](repeating: 0, count: rows)  // 1 / rms of each row, kept for backward
        let w = weight?.scalars
        let norm = Rows.mapIndexed(x) { row, src, dst in
            var ss: Float = 0
            for j in 0..<c { ss += src[j] * src[j] }
            let r = 1 / (ss / Float(c) + eps).squareRoot()
            rrms[row] = r
            for j in 0..<c { dst[j] = src[j] * r }
        }
        let out = Norms.affine(norm, w, nil, c)
        let savedRrms = rrms
        var inputs = [x]
        if let weight { inputs.append(weight) }
        return out.recorded("rms_norm", inputs: inputs) { g in
            let dnorm = w.map { Norms.scaleRows(g, $0, c) } ?? g
            let dx = Rows.zipIndexed(dnorm, norm) { row, pd, pn, dx in
                var meanDN: Float = 0
                for j in 0..<c { meanDN += pd[j] * pn[j] }
                meanDN /= Float(c)
                let r = savedRrms[row]
                for j in 0..<c { dx[j] = r * (pd[j] - pn[j] * meanDN) }
            }
            var grads: [Tensor?] = [dx]
            if weight != nil { grads.append(Norms.columnSum(g, times: norm, c)) }
            return grads
        }
    }
}
