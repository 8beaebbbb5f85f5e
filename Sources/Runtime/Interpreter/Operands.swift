import Lang

/// The shape of an operand, so binary operators and comparisons can read a local slot, a global
/// or a constant directly instead of calling a child closure (the common `i < n`, `n - 1` cases).
enum Operand {
    case slot(Int)
    case global(Int, String)
    case constant(Double)
    case code(Code)
}

extension Compiler {
    /// The operand shape of `e`; `compiled`, when given, is `e` already compiled (so it is not
    /// compiled twice).
    func operand(_ e: Expr, compiled: Code? = nil) -> Operand {
        switch e.kind {
        case .number(let d): return .constant(d)
        case .variable(let ref):
            switch ref.target {
            case .local(let d):
                if case .local(let slot) = d.storage, d.cellIndex == nil { return .slot(slot) }
            case .global(let i):
                return .global(i, ref.name)
            default: break
            }
        default: break
        }
        return .code(compiled ?? expr(e, .operand))
    }
}

/// The error for reading a global whose definition has not run yet.
func undefinedGlobalError(_ name: String, at location: SourceLocation) -> RuntimeError {
    RuntimeError("'\(name)' is used before its definition", at: location)
}

extension Value {
    /// Throws when this is the marker of a global that is not defined yet.
    @inline(__always)
    func checkDefined(_ name: String, at location: SourceLocation) throws -> Value {
        if case .builtin(let b) = self, _slowPath(b === undefinedMarker) { throw undefinedGlobalError(name, at: location) }
        return self
    }
}
