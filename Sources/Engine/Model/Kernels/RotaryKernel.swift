import Foundation

/// Rotary position embedding (RoPE) in the Hugging Face "rotate half" layout: within each head of size
/// D, element i (i < D/2) pairs with element i + D/2, and the pair is rotated by the angle
/// position x theta^(-2i/D).
///
/// Shapes: x [R, heads*D] rotated in place; positions [R] (one per row); cos, sin [context, D/2].
struct RotaryTable {
    let half: Int
    let context: Int
    let cos: [Float]
    let sin: [Float]

    init(headSize: Int, context: Int, theta: Double) {
        half = headSize / 2
        self.context = context
        var c = [Float](repeating: 0, count: context * half), s = c
        for p in 0..<context {
            for i in 0..<half {
                let angle = Double(p) * Foundation.pow(theta, -2 * Double(i) / Double(headSize))
                c[p * half + i] = Float(Foundation.cos(angle))
                s[p * half + i] = Float(Foundation.sin(angle))
            }
        }
        cos = c; sin = s
    }

    /// Rotates each head of each row by its position; `inverse` rotates back (the backward pass, since
    /// a rotation's transpose is its inverse). Positions must be in 0..<context (checked by callers).
    func apply(_ x: UnsafeMutablePointer<Float>, rows: Int, heads: Int, positions: UnsafePointer<Int32>, inverse: Bool) {
        let half = half, d = 2 * half, sign: Float = inverse ? -1 : 1
        cos.withUnsafeBufferPointer { cb in
            sin.withUnsafeBufferPointer { sb in
                guard let cp = cb.baseAddress, let sp = sb.baseAddress else { return }
                for r in 0..<rows {
                    let p = Int(positions[r])
                    let cr = cp + p * half, sr = sp + p * half
                    for h in 0..<heads {
                        let v = x + (r * heads + h) * d
                        for i in 0..<half {
                            let a = v[i], b = v[i + half], c = cr[i], s = sign * sr[i]
                            v[i] = a * c - b * s
                            v[i + half] = b * c + a * s
                        }
                    }
                }
            }
        }
    }
}
