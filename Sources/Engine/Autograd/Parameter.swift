/// A trainable tensor: the leaf of autograd graphs and what optimizers update.
///
/// Use `tensor` in computations; it is tracked while `GradMode` is on, so `backward()` on a loss
/// fills `grad`, and `gradients(of:wrt:)` can differentiate with respect to it.
///
///     let w = Parameter(try Tensor.randn([3, 1], seed: 1))
///     let loss = try (x.matmul(w.tensor) - y).pow(2).mean()
///     try loss.backward()        // w.grad now holds d(loss)/d(w)
public final class Parameter {
    /// The current value (never tracked itself).
    public private(set) var value: Tensor
    /// The gradient accumulated by `backward()`, of the same shape as `value`; nil until then.
    public var grad: Tensor?
    /// An optional name, used in checkpoints and messages.
    public var name: String?

    public init(_ value: Tensor, name: String? = nil) {
        self.value = value.detached
        self.name = name
    }

    /// The value as a tracked tensor (a leaf of the graph) while recording is on; untracked otherwise.
    public var tensor: Tensor {
        guard GradMode.isEnabled else { return value }
        var t = value
        t.node = GraphNode(op: "parameter", inputs: [], shape: value.shape, parameter: self) { _ in [] }
        return t
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }

    /// Replaces the value by one of the same shape (loading a checkpoint, an optimizer step).
    public func assign(_ newValue: Tensor) throws {
        guard newValue.shape == value.shape else {
            throw EngineError("assign: parameter has shape \(value.shape), new value has shape \(newValue.shape)")
        }
        value = newValue.detached
    }

    /// In-place update of the scalars, for optimizers; `body` must not change the count.
    func updateScalars(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        value.scalars.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Forgets the accumulated gradient.
    public func zeroGrad() { grad = nil }
}
