import Foundation

/// Exponentiation, binding tighter than `*` and grouping to the right like Python's `**`.
precedencegroup PowerPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}
infix operator **: PowerPrecedence

// Arithmetic with numpy broadcasting. Each op's derivative is the closure passed to `recorded`;
// gradients of broadcast inputs are summed back to the input's shape by the backward pass.

extension Tensor {
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        try Elementwise.binary(a, b, op: "add") { $0 + $1 }
            .recorded("add", inputs: [a, b]) { g in [g, g] }
    }

    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        try Elementwise.binary(a, b, op: "subtract") { $0 - $1 }
            .recorded("subtract", inputs: [a, b]) { g in [g, g.negated()] }
    }

    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        try Elementwise.binary(a, b, op: "multiply") { $0 * $1 }
            .recorded("multiply", inputs: [a, b]) { g in [try g * b, try g * a] }
    }

    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        try Elementwise.binary(a, b, op: "divide") { $0 / $1 }
            .recorded("divide", inputs: [a, b]) { g in
                let ga = try g / b
                let gb = b.isTracked ? try Elementwise.binary(ga, try a / b, op: "divide") { -$0 * $1 } : nil
                return [ga, gb]
            }
    }

    /// `a ** b` element-wise with broadcasting.
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let a = self, b = exponent
        let out = try Elementwise.binary(a, b, op: "pow") { Foundation.pow($0, $1) }
        return out.recorded("pow", inputs: [a, b]) { g in
            // d/da a^b = b a^(b-1);  d/db a^b = a^b ln a
            let ga = try g * Elementwise.binary(a, b, op: "pow") { $1 * Foundation.pow($0, $1 - 1) }
            let gb = b.isTracked
                ? try g * Elementwise.zipSameShape(out, Elementwise.expand(a, to: out.shape)) { $0 * Foundation.log($1) }
                : nil
            return [ga, gb]
        }
    }

    public static func ** (a: Tensor, b: Tensor) throws -> Tensor { try a.pow(b) }

    // MARK: tensor and number

    public static func + (a: Tensor, s: Float) -> Tensor {
        Elementwise.map(a) { $0 + s }.recorded("add", inputs: [a]) { g in [g] }
    }
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }

    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }
    public static func - (s: Float, a: Tensor) -> Tensor {
        Elementwise.map(a) { s - $0 }.recorded("subtract", inputs: [a]) { g in [g.negated()] }
    }

    public static func * (a: Tensor, s: Float) -> Tensor {
        Elementwise.map(a) { $0 * s }.recorded("multiply", inputs: [a]) { g in [g * s] }
    }
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }

    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    public static func / (s: Float, a: Tensor) -> Tensor {
        Elementwise.map(a) { s / $0 }.recorded("divide", inputs: [a]) { g in
            [Elementwise.zipSameShape(g, a) { gi, x in -gi * s / (x * x) }]
        }
    }

    /// `a ** p` for a number `p`.
    public func pow(_ p: Float) -> Tensor {
        let a = self
        let out: Tensor
        if p == 2 { out = Elementwise.map(a) { $0 * $0 } } else { out = Elementwise.map(a) { Foundation.pow($0, p) } }
        return out.recorded("pow", inputs: [a]) { g in
            if p == 2 { return [Elementwise.zipSameShape(g, a) { $0 * 2 * $1 }] }
            return [Elementwise.zipSameShape(g, a) { $0 * p * Foundation.pow($1, p - 1) }]
        }
    }

    public static func ** (a: Tensor, p: Float) -> Tensor { a.pow(p) }

    /// `s ** a` for a number `s`.
    public static func ** (s: Float, a: Tensor) -> Tensor {
        let out = Elementwise.map(a) { Foundation.pow(s, $0) }
        let logS = Foundation.log(s)
        return out.recorded("pow", inputs: [a]) { g in [Elementwise.zipSameShape(g, out) { $0 * $1 * logS }] }
    }

    public static prefix func - (a: Tensor) -> Tensor { a.negated() }

    /// `-self`.
    public func negated() -> Tensor {
        Elementwise.map(self) { -$0 }.recorded("negate", inputs: [self]) { g in [g.negated()] }
    }
}
