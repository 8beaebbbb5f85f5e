import Foundation

// Element-wise functions. Each is a small type holding its forward map and, right beside it, its
// derivative in terms of the input x, the output y and the incoming gradient g. Being types (not
// closures), they specialize the generic loops below, so forward and backward both compile to
// straight vectorizable loops with no call per element.

/// An element-wise function and its derivative, both as loops over `n` elements.
protocol PointwiseOp {
    static var name: String { get }
    /// y[i] = f(x[i]).
    static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int)
    /// d[i] = dL/dx[i] given dL/dy = g at input x with output y.
    static func backward(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                         _ d: UnsafeMutablePointer<Float>, _ n: Int)
}

/// An op whose forward map is a scalar Swift expression, looped (and vectorized) here.
protocol ScalarForward: PointwiseOp {
    static func forward(_ x: Float) -> Float
}

extension ScalarForward {
    @inline(__always)
    static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] = forward(x[i]) }
    }
}

/// An op whose derivative is a scalar Swift expression of g, x and y.
protocol ScalarBackward: PointwiseOp {
    static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float
}

extension ScalarBackward {
    @inline(__always)
    static func backward(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                         _ d: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { d[i] = backward(g[i], x[i], y[i]) }
    }
}

// exp, tanh, sigmoid, silu and gelu run the dispatched C loops of VectorMath (numpy's speed without
// requiring AVX2 of the whole binary); the cheap ops stay Swift expressions.

enum ExpOp: ScalarBackward {
    static let name = "exp"
    @inline(__always) static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.exp(x, y, n)
    }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { g * y }
}

enum LogOp: ScalarForward, ScalarBackward {
    static let name = "log"
    @inline(__always) static func forward(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { g / x }
}

enum SqrtOp: ScalarForward, ScalarBackward {
    static let name = "sqrt"
    @inline(__always) static func forward(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { g * 0.5 / y }
}

enum TanhOp: ScalarBackward {
    static let name = "tanh"
    @inline(__always) static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.tanh(x, y, n)
    }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { g * (1 - y * y) }
}

enum SigmoidOp: ScalarBackward {
    static let name = "sigmoid"
    @inline(__always) static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.sigmoid(x, y, n)
    }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { g * y * (1 - y) }
}

/// max(x, 0); the derivative at 0 is taken as 0.
enum ReluOp: ScalarForward, ScalarBackward {
    static let name = "relu"
    @inline(__always) static func forward(_ x: Float) -> Float { x > 0 ? x : 0 }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { x > 0 ? g : 0 }
}

/// x * sigmoid(x), the activation of SwiGLU feed-forward layers; derivative s (1 + x (1 - s)).
enum SiluOp: PointwiseOp {
    static let name = "silu"
    @inline(__always) static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.silu(x, y, n)
    }
    @inline(__always) static func backward(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                           _ d: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.siluBackward(g, x, d, n)
    }
}

/// GELU in the tanh approximation used by GPT-2 and llm.c:
/// 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
enum GeluOp: PointwiseOp {
    static let name = "gelu"
    @inline(__always) static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.gelu(x, y, n)
    }
    @inline(__always) static func backward(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                           _ d: UnsafeMutablePointer<Float>, _ n: Int) {
        VectorMath.geluBackward(g, x, d, n)
    }
}

/// |x|; the derivative at 0 is taken as 0.
enum AbsOp: ScalarForward, ScalarBackward {
    static let name = "abs"
    @inline(__always) static func forward(_ x: Float) -> Float { Swift.abs(x) }
    @inline(__always) static func backward(_ g: Float, _ x: Float, _ y: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0) }
}

extension Tensor {
    /// Applies `Op` and records its derivative.
    func pointwise<Op: PointwiseOp>(_: Op.Type) -> Tensor {
        let x = self
        let n = x.count
        let y = Tensor(unchecked: x.shape, x.scalars.withUnsafeBufferPointer { px in
            Elementwise.makeBuffer(n) { d in
                guard let x = px.baseAddress else { return }
                Op.forward(x, d, n)
            }
        })
        return y.recorded(Op.name, inputs: [x]) { g in
            let n = g.count
            let out = g.scalars.withUnsafeBufferPointer { pg in
                x.scalars.withUnsafeBufferPointer { px in
                    y.scalars.withUnsafeBufferPointer { py in
                        Elementwise.makeBuffer(n) { d in
                            guard let g = pg.baseAddress, let x = px.baseAddress, let y = py.baseAddress else { return }
                            Op.backward(g, x, y, d, n)
                        }
                    }
                }
            }
            return [Tensor(unchecked: x.shape, out)]
        }
    }

    /// e^x.
    public func exp() -> Tensor { pointwise(ExpOp.self) }
    /// Natural logarithm.
    public func log() -> Tensor { pointwise(LogOp.self) }
    /// Square root.
    public func sqrt() -> Tensor { pointwise(SqrtOp.self) }
    /// Hyperbolic tangent.
    public func tanh() -> Tensor { pointwise(TanhOp.self) }
    /// 1 / (1 + e^-x).
    public func sigmoid() -> Tensor { pointwise(SigmoidOp.self) }
    /// max(x, 0).
    public func relu() -> Tensor { pointwise(ReluOp.self) }
    /// x * sigmoid(x) (also called swish).
    public func silu() -> Tensor { pointwise(SiluOp.self) }
    /// GELU, tanh approximation (as GPT-2).
    public func gelu() -> Tensor { pointwise(GeluOp.self) }
    /// Absolute value.
    public func abs() -> Tensor { pointwise(AbsOp.self) }

    /// Values limited to `[low, high]`; the gradient passes where the input was inside.
    public func clip(min low: Float, max high: Float) throws -> Tensor {
        guard !(low > high) else { throw EngineError("clip: min \(low) is greater than max \(high)") }
        let x = self
        return Elementwise.map(x) { Swift.min(Swift.max($0, low), high) }.recorded("clip", inputs: [x]) { g in
            [Elementwise.zipSameShape(g, x) { gi, xi in xi >= low && xi <= high ? gi : 0 }]
        }
    }
}
