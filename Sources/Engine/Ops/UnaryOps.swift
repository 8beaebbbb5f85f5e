import Foundation

// Element-wise functions. Each is its forward map and, beside it, its derivative written in terms of
// the input `x`, the output `y` and the incoming gradient `g` (one fused pass, no temporaries).

extension Tensor {
    /// Applies `forward` and records `derivative(g, x, y)` = dL/dx for each element.
    @inline(__always)
    private func unary(_ op: String, _ forward: (Float) -> Float,
                       derivative: @escaping (Float, Float, Float) -> Float) -> Tensor {
        recordUnary(op, Elementwise.map(self, forward), derivative: derivative)
    }

    @inline(__always)
    private func recordUnary(_ op: String, _ y: Tensor, derivative: @escaping (Float, Float, Float) -> Float) -> Tensor {
        let x = self
        return y.recorded(op, inputs: [x]) { g in
            let n = g.count
            let out = g.scalars.withUnsafeBufferPointer { pg in
                x.scalars.withUnsafeBufferPointer { px in
                    y.scalars.withUnsafeBufferPointer { py in
                        Elementwise.makeBuffer(n) { d in
                            guard let g = pg.baseAddress, let x = px.baseAddress, let y = py.baseAddress else { return }
                            for i in 0..<n { d[i] = derivative(g[i], x[i], y[i]) }
                        }
                    }
                }
            }
            return [Tensor(unchecked: x.shape, out)]
        }
    }

    /// e^x.
    public func exp() -> Tensor {
        unary("exp", { FastMath.exp($0) }, derivative: { g, _, y in g * y })
    }

    /// Natural logarithm.
    public func log() -> Tensor {
        unary("log", { Foundation.log($0) }, derivative: { g, x, _ in g / x })
    }

    /// Square root.
    public func sqrt() -> Tensor {
        unary("sqrt", { $0.squareRoot() }, derivative: { g, _, y in g * 0.5 / y })
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor {
        unary("tanh", { FastMath.tanh($0) }, derivative: { g, _, y in g * (1 - y * y) })
    }

    /// 1 / (1 + e^-x).
    public func sigmoid() -> Tensor {
        unary("sigmoid", { FastMath.sigmoid($0) }, derivative: { g, _, y in g * y * (1 - y) })
    }

    /// max(x, 0); the derivative at 0 is taken as 0.
    public func relu() -> Tensor {
        unary("relu", { $0 > 0 ? $0 : 0 }, derivative: { g, x, _ in x > 0 ? g : 0 })
    }

    /// x * sigmoid(x) (also called swish), as in SwiGLU feed-forward layers.
    public func silu() -> Tensor {
        unary("silu", { $0 * FastMath.sigmoid($0) }, derivative: { g, x, _ in
            let s = FastMath.sigmoid(x)
            return g * s * (1 + x * (1 - s))
        })
    }

    /// GELU in the tanh approximation used by GPT-2 and llm.c:
    /// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
    public func gelu() -> Tensor {
        let c: Float = 0.797_884_560_8  // sqrt(2 / pi)
        return unary("gelu", { x in
            0.5 * x * (1 + FastMath.tanh(c * (x + 0.044715 * x * x * x)))
        }, derivative: { g, x, _ in
            let u = c * (x + 0.044715 * x * x * x)
            let t = FastMath.tanh(u)
            let du = c * (1 + 3 * 0.044715 * x * x)
            return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du)
        })
    }

    /// Absolute value; the derivative at 0 is taken as 0.
    public func abs() -> Tensor {
        unary("abs", { Swift.abs($0) }, derivative: { g, x, _ in x > 0 ? g : (x < 0 ? -g : 0) })
    }

    /// Values limited to `[low, high]`; the gradient passes where the input was inside.
    public func clip(min low: Float, max high: Float) throws -> Tensor {
        guard !(low > high) else { throw EngineError("clip: min \(low) is greater than max \(high)") }
        return unary("clip", { Swift.min(Swift.max($0, low), high) },
                     derivative: { g, x, _ in x >= low && x <= high ? g : 0 })
    }
}
