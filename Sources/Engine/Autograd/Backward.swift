/// Reverse-mode differentiation: walks the graph recorded behind a result from the output back to
/// the parameters, calling each op's derivative rule once, in reverse topological order (the tape).
extension Tensor {
    /// Accumulates d(self)/d(p) into `p.grad` for every parameter `p` this scalar depends on.
    public func backward() throws {
        let grads = try Autograd.run(from: self, op: "backward")
        for (param, g) in grads {
            if let old = param.grad { param.grad = try old + g } else { param.grad = g }
        }
    }
}

/// Entry points of autograd that are not methods of a tensor.
public enum Autograd {
    /// d(loss)/d(p) for each parameter in `parameters`, in order; zeros for parameters the loss does
    /// not depend on. Does not touch `grad`.
    public static func gradients(of loss: Tensor, wrt parameters: [Parameter]) throws -> [Tensor] {
        let grads = try run(from: loss, op: "grad")
        var byParam: [ObjectIdentifier: Tensor] = [:]
        for (p, g) in grads { byParam[ObjectIdentifier(p)] = g }
        return try parameters.map { p in try byParam[ObjectIdentifier(p)] ?? Tensor.zeros(p.shape) }
    }

    /// Runs the backward pass and returns the gradient reaching each parameter leaf.
    static func run(from output: Tensor, op: String) throws -> [(Parameter, Tensor)] {
        guard output.count == 1 else {
            throw EngineError("\(op): needs a scalar (one-element) loss, got shape \(output.shape)")
        }
        guard let root = output.node else {
            throw EngineError("\(op): the loss does not depend on any parameter (was it computed under no_grad?)")
        }
        let order = topologicalOrder(root)
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): Tensor(unchecked: output.shape, [1])]
        var leaves: [(Parameter, Tensor)] = []
        var leafIndex: [ObjectIdentifier: Int] = [:]
        try GradMode.withoutGradients {
            for node in order.reversed() {
                guard let g = grads.removeValue(forKey: ObjectIdentifier(node)) else { continue }
                if let p = node.parameter {
                    let key = ObjectIdentifier(p)
                    if let i = leafIndex[key] { leaves[i].1 = try leaves[i].1 + g } else {
                        leafIndex[key] = leaves.count
                        leaves.append((p, g))
                    }
                    continue
                }
                let inputGrads = try node.backward(g)
                for (input, ig) in zip(node.inputs, inputGrads) {
                    guard let input, let ig else { continue }
                    let reduced = try ig.sumToShape(input.shape, op: node.op)
                    let key = ObjectIdentifier(input)
                    if let old = grads[key] { grads[key] = try old + reduced } else { grads[key] = reduced }
                }
            }
        }
        return leaves
    }

    /// Nodes in an order where every node comes after all of its inputs (iterative depth-first
    /// search, so deep graphs such as long training unrolls cannot overflow the stack).
    static func topologicalOrder(_ root: GraphNode) -> [GraphNode] {
        var order: [GraphNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(GraphNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next], visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        return order
    }
}
