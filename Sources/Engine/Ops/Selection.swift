// Comparisons (results are 0/1 tensors, not differentiable) and `where`.

extension Tensor {
    private func compare(_ other: Tensor, _ op: String, _ f: (Float, Float) -> Bool) throws -> Tensor {
        try Elementwise.binary(detached, other.detached, op: op) { f($0, $1) ? 1 : 0 }
    }

    /// 1 where `self == other`, else 0 (broadcasting).
    public func equal(_ other: Tensor) throws -> Tensor { try compare(other, "==") { $0 == $1 } }
    /// 1 where `self != other`, else 0 (broadcasting).
    public func notEqual(_ other: Tensor) throws -> Tensor { try compare(other, "!=") { $0 != $1 } }
    /// 1 where `self < other`, else 0 (broadcasting).
    public func less(_ other: Tensor) throws -> Tensor { try compare(other, "<") { $0 < $1 } }
    /// 1 where `self <= other`, else 0 (broadcasting).
    public func lessEqual(_ other: Tensor) throws -> Tensor { try compare(other, "<=") { $0 <= $1 } }
    /// 1 where `self > other`, else 0 (broadcasting).
    public func greater(_ other: Tensor) throws -> Tensor { try compare(other, ">") { $0 > $1 } }
    /// 1 where `self >= other`, else 0 (broadcasting).
    public func greaterEqual(_ other: Tensor) throws -> Tensor { try compare(other, ">=") { $0 >= $1 } }

    /// Element-wise choice: `a` where `condition` is non-zero, else `b`; all three broadcast together.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let ab = try Shape.broadcast(a.shape, b.shape, op: "where")
        let shape = try Shape.broadcast(condition.shape, ab, op: "where")
        let mask = Elementwise.map(Elementwise.expand(condition, to: shape)) { $0 != 0 ? 1 : 0 }
        let ea = Elementwise.expand(a, to: shape), eb = Elementwise.expand(b, to: shape)
        let n = mask.count
        let out = mask.scalars.withUnsafeBufferPointer { pm in
            ea.scalars.withUnsafeBufferPointer { pa in
                eb.scalars.withUnsafeBufferPointer { pb in
                    Elementwise.makeBuffer(n) { d in
                        guard let m = pm.baseAddress, let x = pa.baseAddress, let y = pb.baseAddress else { return }
                        for i in 0..<n { d[i] = m[i] != 0 ? x[i] : y[i] }
                    }
                }
            }
        }
        return Tensor(unchecked: shape, out).recorded("where", inputs: [a, b]) { g in
            [Elementwise.zipSameShape(g, mask) { $0 * $1 }, Elementwise.zipSameShape(g, mask) { $0 * (1 - $1) }]
        }
    }
}
