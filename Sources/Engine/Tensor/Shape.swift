/// Shape arithmetic shared by all ops: element counts with limits, broadcasting, axes and strides.
public enum Shape {
    /// Bytes any one tensor may occupy; creating a larger one throws instead of exhausting memory.
    /// Settable (for example by a script that knows what it is doing); the default is 4 GiB.
    nonisolated(unsafe) public static var maxTensorBytes: Int = 4 << 30

    /// The most axes a tensor may have (numpy's limit since 2.0). Deeper shapes are refused by every
    /// constructor, op and loader, so printing and shape arithmetic never recurse without bound.
    public static let maxRank = 64

    /// The number of elements of `shape`, checking the rank, that every size is non-negative and
    /// that the total neither overflows nor exceeds `maxTensorBytes`. When `allocates` (the caller is
    /// about to make a buffer of that many elements) the bytes are also checked against the memory
    /// that is free (`MemoryLimit`).
    public static func elementCount(_ shape: [Int], op: String, allocates: Bool = true) throws -> Int {
        try checkRank(shape.count, op: op)
        // The product of the non-zero sizes must fit too, even when a zero makes the count 0: strides
        // and the shapes of reductions are products of those sizes (numpy checks the same).
        var n = 1, spanned = MemoryLayout<Float>.size
        for d in shape {
            guard d >= 0 else { throw EngineError("\(op): negative size \(d) in shape \(shape)") }
            let (m, overflow) = spanned.multipliedReportingOverflow(by: Swift.max(d, 1))
            guard !overflow else { throw EngineError("\(op): shape \(shape) is too large") }
            spanned = m
            n = d == 0 ? 0 : n &* d
        }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        guard !overflow, bytes <= maxTensorBytes else {
            throw EngineError("\(op): shape \(shape) needs \(n) elements, above the limit of \(maxTensorBytes) bytes")
        }
        if allocates { try MemoryLimit.check(bytes: bytes, for: "\(op): shape \(shape)") }
        return n
    }

    /// Refuses ranks above `maxRank`.
    @inline(__always)
    public static func checkRank(_ rank: Int, op: String) throws {
        guard rank <= maxRank else {
            throw EngineError("\(op): \(rank) axes are above the limit of \(maxRank)")
        }
    }

    /// Converts a size given as a Double (from a script or a file) to an Int, refusing NaN, fractions,
    /// negatives and values too large to represent.
    public static func size(from value: Double, op: String) throws -> Int {
        guard value.isFinite, value == value.rounded(), value >= 0 else {
            throw EngineError("\(op): size \(Shape.format(value)) is not a non-negative integer")
        }
        guard value < 9.0e15 else { throw EngineError("\(op): size \(Shape.format(value)) is too large (sizes are below 9e15)") }
        return Int(value)
    }

    /// Converts a number to an integer index, refusing NaN, fractions and huge values.
    public static func integer(from value: Double, op: String) throws -> Int {
        guard value.isFinite, value == value.rounded() else {
            throw EngineError("\(op): \(Shape.format(value)) is not an integer")
        }
        guard abs(value) < 9.0e15 else { throw EngineError("\(op): \(Shape.format(value)) is too large (integers here are below 9e15 in size)") }
        return Int(value)
    }

    /// A number as scripts print it: integral values without ".0".
    public static func format(_ value: Double) -> String { numberText(value) }

    /// Resolves a possibly negative index into `0..<size`.
    static func normalizeIndex(_ i: Int, size: Int, what: String) throws -> Int {
        let k = i < 0 ? i + size : i
        guard k >= 0, k < size else { throw EngineError("\(what) is out of range for size \(size)") }
        return k
    }

    /// Resolves a possibly negative axis into `0..<rank`.
    static func normalizeAxis(_ axis: Int, rank: Int, op: String) throws -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < rank else {
            throw EngineError("\(op): axis \(axis) is out of range for a tensor of rank \(rank)")
        }
        return a
    }

    /// The shape two shapes broadcast to (numpy rules: align on the right; sizes equal or 1).
    static func broadcast(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
        if a == b { return a }
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else {
                throw EngineError("\(op): shapes \(a) and \(b) cannot be broadcast together")
            }
        }
        return out
    }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { s[i] = acc; acc *= shape[i] }
        return s
    }

    /// Strides for reading a tensor of `shape` as if it had shape `target` (0 on broadcast axes).
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let lead = target.count - shape.count
        return (0..<target.count).map { i in
            i < lead ? 0 : (shape[i - lead] == 1 ? 0 : own[i - lead])
        }
    }

    /// Product of a slice of sizes.
    static func product<C: Collection>(_ sizes: C) -> Int where C.Element == Int { sizes.reduce(1, *) }
}
