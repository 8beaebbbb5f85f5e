import Lang

/// Function bodies compile with "early return" rewritten into if/else: in tail position,
/// `if c { ...; return a }; rest` runs as `if c { ...; a } else { rest }` and a final `return x` as
/// `x`. The commonest returns then need neither the flow flag nor the saved return value.
extension Compiler {
    func tailBlock(_ statements: [Stmt], _ flow: FlowContext) -> Code {
        guard let last = statements.last else { return { _ in .null } }
        // The first `if c { ... return x }` without else, before the last statement, splits the block.
        for (i, stmt) in statements.enumerated() where i < statements.count - 1 {
            guard case .expression(let e) = stmt.kind, case .ifElse(let condition, let then, nil) = e.kind,
                  endsInReturn(then.statements) else { continue }
            let prefix = block(Block(statements: Array(statements[..<i]), location: stmt.location), flow)
            let hasPrefix = i > 0
            let thenCode = tailBlock(then.statements, flow)
            let elseCode = tailBlock(Array(statements[(i + 1)...]), flow)
            let choice = branch(condition, thenCode, elseCode, then: then.statements)
            guard hasPrefix else { return choice }
            let interp = refs.interp
            return { f in
                _ = try prefix(f)
                if interp.flow != .normal { return .null }
                return try choice(f)
            }
        }
        let leading = Array(statements.dropLast())
        let tail: Code
        switch last.kind {
        case .returnValue(let value):
            if let value { tail = expr(value, .operand) } else { tail = { _ in .null } }
        case .expression(let e):
            if case .ifElse(let condition, let then, let otherwise) = e.kind {
                let thenCode = tailBlock(then.statements, flow)
                let elseCode = optionalCode(otherwise) { tailExpression($0, flow) }
                tail = branch(condition, thenCode, elseCode, then: then.statements)
            } else {
                tail = expr(e, flow)
            }
        default:
            tail = statement(last, flow)
        }
        if leading.isEmpty { return tail }
        let prefix = block(Block(statements: leading, location: last.location), flow)
        let interp = refs.interp
        return { f in
            _ = try prefix(f)
            if interp.flow != .normal { return .null }
            return try tail(f)
        }
    }

    private func tailExpression(_ e: Expr, _ flow: FlowContext) -> Code {
        switch e.kind {
        case .block(let b): return tailBlock(b.statements, flow)
        case .ifElse(let condition, let then, let otherwise):
            let thenCode = tailBlock(then.statements, flow)
            let elseCode = optionalCode(otherwise) { tailExpression($0, flow) }
            return branch(condition, thenCode, elseCode, then: then.statements)
        default: return expr(e, flow)
        }
    }

    private func endsInReturn(_ statements: [Stmt]) -> Bool {
        guard let last = statements.last, case .returnValue = last.kind else { return false }
        return true
    }
}
