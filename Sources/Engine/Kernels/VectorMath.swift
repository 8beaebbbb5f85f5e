import CKernels

/// exp, tanh, sigmoid, SiLU and GELU over float buffers, run by the C loops in Sources/CKernels.
///
/// Those loops are compiled three times (AVX-512F, AVX2+FMA, baseline x86-64) and the loader picks
/// one for the running CPU, so they run as wide as numpy's while the Swift code, built for baseline
/// x86-64, stays portable. Every function writes `n` results to `out` from `n` inputs; `out` may be
/// the input itself. Callers establish the buffer bounds.
///
/// Accuracy (checked against the C library in VectorMathTests): exp within about 2 ulp (+inf above
/// 88.72, 0 below -86.6 where e^x < 2.5e-38), tanh within 1e-6 relative (exactly +-1 beyond +-9);
/// NaN in gives NaN out.
enum VectorMath {
    @inline(__always)
    static func exp(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_exp_f32(x, out, n)
    }

    /// out[i] = e^(x[i] - shift): a softmax numerator in one pass.
    @inline(__always)
    static func exp(_ x: UnsafePointer<Float>, minus shift: Float, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_exp_shifted_f32(x, shift, out, n)
    }

    @inline(__always)
    static func tanh(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_tanh_f32(x, out, n)
    }

    @inline(__always)
    static func sigmoid(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_sigmoid_f32(x, out, n)
    }

    @inline(__always)
    static func silu(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_silu_f32(x, out, n)
    }

    /// out[i] = g[i] * silu'(x[i]).
    @inline(__always)
    static func siluBackward(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                             _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_silu_backward_f32(g, x, out, n)
    }

    /// GELU in the tanh form of GPT-2: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
    @inline(__always)
    static func gelu(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_gelu_f32(x, out, n)
    }

    /// out[i] = g[i] * gelu'(x[i]).
    @inline(__always)
    static func geluBackward(_ g: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                             _ out: UnsafeMutablePointer<Float>, _ n: Int) {
        spar_gelu_backward_f32(g, x, out, n)
    }

    /// `kernel` applied to a whole array (for tests and small one-off uses).
    static func apply(_ xs: [Float], _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void) -> [Float] {
        xs.withUnsafeBufferPointer { src in
            Elementwise.makeBuffer(xs.count) { dst in
                guard let s = src.baseAddress else { return }
                kernel(s, dst, xs.count)
            }
        }
    }
}
