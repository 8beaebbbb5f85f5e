import Lang

/// The shape of an operand, so binary operators and comparisons can read a local slot or a
/// constant directly instead of calling a child closure (the common `i < n`, `n - 1` cases).
enum Operand {
    case slot(Int)
    case constant(Double)
    case code(Code)
}

extension Compiler {
    func operand(_ e: Expr) -> Operand {
        switch e.kind {
        case .number(let d): return .constant(d)
        case .variable(let ref):
            if case .local(let d) = ref.target, case .local(let slot) = d.storage, d.cellIndex == nil {
                return .slot(slot)
            }
        default: break
        }
        return .code(expr(e, .operand))
    }
}
