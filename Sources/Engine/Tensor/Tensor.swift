/// A Float32 tensor of any rank: a shape and a contiguous row-major buffer of scalars.
///
/// Tensors are values. The buffer is a Swift array, so copies share storage until one of them is
/// written (copy-on-write); `reshape` of a tensor never copies. A tensor produced by an op on tracked
/// inputs (see `Parameter` and `GradMode`) also carries a node of the autograd graph, which
/// `backward()` and `gradients(of:wrt:)` walk.
///
///     let a = try Tensor([[1, 2], [3, 4]])
///     let b = try a.matmul(a) + 1          // broadcasting with a number
///     print(b)                             // [[ 8, 11], [16, 23]] shape [2, 2]
///
/// Every op that can fail on bad input (a shape mismatch, an index out of range) throws
/// `EngineError`; none traps.
public struct Tensor {
    /// The size of each axis, outermost first. `[]` is a scalar (one element).
    public private(set) var shape: [Int]
    /// The scalars in row-major order; `scalars.count == shape.product`.
    public internal(set) var scalars: [Float]
    /// The autograd node that produced this tensor, or nil if it is not tracked.
    internal var node: GraphNode?

    /// Makes a tensor from a shape and its scalars in row-major order.
    public init(shape: [Int], scalars: [Float]) throws {
        let n = try Shape.elementCount(shape, op: "tensor")
        guard n == scalars.count else {
            throw EngineError("tensor: shape \(shape) needs \(n) values, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
        self.node = nil
    }

    /// Internal constructor for kernels that already guarantee `scalars.count == product(shape)`.
    init(unchecked shape: [Int], _ scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
        self.node = nil
    }

    /// A rank-0 tensor holding one number.
    public init(_ value: Float) {
        self.init(unchecked: [], [value])
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of scalars.
    public var count: Int { scalars.count }
    /// True if this tensor is part of an autograd graph (it depends on a parameter).
    public var isTracked: Bool { node != nil }

    /// The same values, cut off from the autograd graph.
    public var detached: Tensor { Tensor(unchecked: shape, scalars) }

    /// The single value of a one-element tensor.
    public func item() throws -> Float {
        guard scalars.count == 1 else {
            throw EngineError("item: tensor of shape \(shape) has \(scalars.count) elements, not 1")
        }
        return scalars[0]
    }

    /// The value at a full index (one integer per axis; negative counts from the end).
    public func scalar(at index: [Int]) throws -> Float {
        guard index.count == shape.count else {
            throw EngineError("index: tensor of shape \(shape) needs \(shape.count) indices, got \(index.count)")
        }
        var offset = 0
        for (axis, i) in index.enumerated() {
            let k = try Shape.normalizeIndex(i, size: shape[axis], what: "index \(i) on axis \(axis)")
            offset = offset * shape[axis] + k
        }
        return scalars[offset]
    }
}

extension Tensor: Equatable {
    /// Exact equality of shape and values (autograd state is ignored). See `isClose` for tolerances.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}
