/// One recorded op in the autograd graph: which tracked inputs it read, and how to turn the gradient
/// of its output into gradients of those inputs.
///
/// The derivative rule is the closure an op passes to `Tensor.recorded(_:inputs:backward:)` right
/// beside its forward computation; nowhere else knows an op's derivative.
final class GraphNode {
    /// What the op was, for error messages ("matmul", "softmax").
    let op: String
    /// The nodes of the op's inputs; nil for inputs that are not tracked.
    let inputs: [GraphNode?]
    /// Maps d(loss)/d(output) to d(loss)/d(input) for each input (nil where not needed).
    let backward: (Tensor) throws -> [Tensor?]
    /// Set on leaves: the parameter whose value this node stands for.
    let parameter: Parameter?
    /// The shape of the output, to check gradients against.
    let shape: [Int]

    init(op: String, inputs: [GraphNode?], shape: [Int], parameter: Parameter? = nil,
         backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.op = op
        self.inputs = inputs
        self.shape = shape
        self.parameter = parameter
        self.backward = backward
    }
}

extension Tensor {
    /// Attaches an autograd node to `self` (the output of `op`) when recording is on and any input is
    /// tracked. `backward` receives the output gradient (shape of `self`) and returns one gradient per
    /// input, in the order of `inputs`, each of that input's shape or broadcastable to it.
    func recorded(_ op: String, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.node != nil }) else { return self }
        var out = self
        out.node = GraphNode(op: op, inputs: inputs.map { $0.node }, shape: shape, backward: backward)
        return out
    }
}
