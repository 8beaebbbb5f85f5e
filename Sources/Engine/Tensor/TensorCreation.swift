import Foundation

// Ways to make a tensor: constants, ranges, identity, seeded random numbers, nested arrays.

extension Tensor {
    /// A tensor of `shape` with every element `value`.
    public static func full(_ shape: [Int], _ value: Float) throws -> Tensor {
        try filled(shape, value, op: "full")
    }

    private static func filled(_ shape: [Int], _ value: Float, op: String) throws -> Tensor {
        let n = try Shape.elementCount(shape, op: op)
        return Tensor(unchecked: shape, [Float](repeating: value, count: n))
    }

    /// All zeros.
    public static func zeros(_ shape: [Int]) throws -> Tensor { try filled(shape, 0, op: "zeros") }

    /// All ones.
    public static func ones(_ shape: [Int]) throws -> Tensor { try filled(shape, 1, op: "ones") }

    /// `start, start+step, ...` up to but excluding `end` (numpy `arange`), as a rank-1 tensor.
    public static func arange(_ start: Float = 0, _ end: Float, step: Float = 1) throws -> Tensor {
        guard start.isFinite, end.isFinite, step.isFinite, step != 0 else {
            throw EngineError("arange: start \(start), end \(end) and step \(step) must be finite, step non-zero")
        }
        let steps = ((Double(end) - Double(start)) / Double(step)).rounded(.up)
        let n = try Shape.size(from: Swift.max(0, steps), op: "arange")
        _ = try Shape.elementCount([n], op: "arange")
        return Tensor(unchecked: [n], (0..<n).map { start + Float($0) * step })
    }

    /// The `n` x `n` identity matrix.
    public static func eye(_ n: Int) throws -> Tensor {
        var t = try filled([n, n], 0, op: "eye")
        for i in 0..<n { t.scalars[i * n + i] = 1 }
        return t
    }

    /// Standard normal samples (times `std`, plus `mean`) from `SeededRandom(seed:)`: the same seed
    /// gives the same tensor on every machine.
    public static func randn(_ shape: [Int], seed: UInt64, mean: Float = 0, std: Float = 1) throws -> Tensor {
        let n = try Shape.elementCount(shape, op: "randn")
        var rng = SeededRandom(seed: seed)
        return Tensor(unchecked: shape, (0..<n).map { _ in mean + std * Float(rng.nextGaussian()) })
    }

    /// Uniform samples in `[low, high)` from `SeededRandom(seed:)`.
    public static func rand(_ shape: [Int], seed: UInt64, low: Float = 0, high: Float = 1) throws -> Tensor {
        let n = try Shape.elementCount(shape, op: "rand")
        var rng = SeededRandom(seed: seed)
        let width = Double(high) - Double(low)
        return Tensor(unchecked: shape, (0..<n).map { _ in Float(Double(low) + width * rng.nextDouble()) })
    }

    /// A rank-1 tensor.
    public init(_ values: [Float]) { self.init(unchecked: [values.count], values) }

    /// A matrix from rows of equal length.
    public init(_ rows: [[Float]]) throws { try self.init(nested: rows) }

    /// A rank-3 tensor from nested arrays of equal lengths.
    public init(_ blocks: [[[Float]]]) throws { try self.init(nested: blocks) }

    /// A tensor from nested arrays of numbers (`Float`, `Double`, `Int` or `Bool` leaves) of any depth.
    /// Every list at one depth must have the same length; the error names the first that differs.
    public init(nested value: Any) throws {
        var shape: [Int] = []
        var probe: Any = value
        while let list = probe as? [Any] {
            shape.append(list.count)
            try Shape.checkRank(shape.count, op: "tensor")
            guard let first = list.first else { break }
            probe = first
        }
        let n = try Shape.elementCount(shape, op: "tensor")
        var out: [Float] = []
        out.reserveCapacity(n)
        var path: [Int] = []
        func walk(_ v: Any, depth: Int) throws {
            if depth == shape.count {
                switch v {
                case let x as Float: out.append(x)
                case let x as Double: out.append(Float(x))
                case let x as Int: out.append(Float(x))
                case let x as Bool: out.append(x ? 1 : 0)
                case is [Any]:
                    throw EngineError("tensor: nested lists are ragged at \(path) (expected a number, found a list)")
                default: throw EngineError("tensor: element at \(path) is \(type(of: v)), not a number")
                }
                return
            }
            guard let list = v as? [Any] else {
                throw EngineError("tensor: nested lists are ragged at \(path) (expected a list of \(shape[depth]), found a number)")
            }
            guard list.count == shape[depth] else {
                throw EngineError("tensor: nested lists are ragged at \(path) (length \(list.count), expected \(shape[depth]))")
            }
            path.append(0)
            for (i, item) in list.enumerated() {
                path[depth] = i
                try walk(item, depth: depth + 1)
            }
            path.removeLast()
        }
        try walk(value, depth: 0)
        self.init(unchecked: shape, out)
    }
}

extension SeededRandom {
    /// A seed given as a number by a script or a config: it must be a non-negative integer, not NaN.
    public static func seed(from value: Double) throws -> UInt64 {
        guard value.isFinite, value == value.rounded(), value >= 0, value < 1.8e19 else {
            throw EngineError("seed \(Shape.format(value)) is not a non-negative integer")
        }
        return UInt64(value)
    }
}
