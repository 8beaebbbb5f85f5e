import Lang

/// Code that evaluates to nil.
let nullCode: Code = { _ in .null }

extension Compiler {
    /// Code for an optional part of the tree, nil-valued when absent. (Writing
    /// `e.map(make) ?? nullCode` would pass the closure through `Optional<Code>`, whose generic
    /// storage costs a reabstraction thunk on every call of the result.)
    func optionalCode(_ e: Expr?, _ make: (Expr) -> Code) -> Code {
        guard let e else { return nullCode }
        return make(e)
    }

    /// `condition ? thenCode : elseCode`. An ordering test of a local against a number constant
    /// (`n < 2`, the usual base case of a recursion) is fused into the branch, saving a closure call.
    /// `then`, when given, is the then-branch's statements: a branch that only reads a local
    /// (`if n < 2 { n }`) is then read in place instead of called.
    func branch(_ condition: Expr, _ thenCode: @escaping Code, _ elseCode: @escaping Code, then: [Stmt]? = nil) -> Code {
        if case .binary(let op, let a, let b) = condition.kind, case .number(let k) = b.kind, let s = plainSlot(a) {
            let location = condition.location
            let t = then.flatMap(soleSlot) ?? -1
            switch op {
            case .less: return slotConstantBranch(LessOp.self, s, k, location, thenCode, elseCode, t)
            case .lessEqual: return slotConstantBranch(LessEqualOp.self, s, k, location, thenCode, elseCode, t)
            case .greater: return slotConstantBranch(GreaterOp.self, s, k, location, thenCode, elseCode, t)
            case .greaterEqual: return slotConstantBranch(GreaterEqualOp.self, s, k, location, thenCode, elseCode, t)
            default: break
            }
        }
        let test = self.test(condition)
        return { f in try test(f) ? try thenCode(f) : try elseCode(f) }
    }

    /// The slot of a local variable that lives in its frame (not in a cell), else nil.
    func plainSlot(_ e: Expr) -> Int? {
        guard case .variable(let ref) = e.kind, case .local(let d) = ref.target, case .local(let slot) = d.storage,
              d.cellIndex == nil else { return nil }
        return slot
    }

    /// The slot of a block that is just a read of a plain local (`{ n }`), else nil.
    private func soleSlot(_ statements: [Stmt]) -> Int? {
        guard statements.count == 1, case .expression(let e) = statements[0].kind else { return nil }
        return plainSlot(e)
    }

    private func slotConstantBranch<O: CompareOp>(_: O.Type, _ s: Int, _ k: Double, _ location: SourceLocation,
                                                  _ thenCode: @escaping Code, _ elseCode: @escaping Code,
                                                  _ thenSlot: Int) -> Code {
        if thenSlot >= 0 {
            return { f in try slotTest(O.self, f, s, k, location) ? f.slots[thenSlot] : try elseCode(f) }
        }
        return { f in try slotTest(O.self, f, s, k, location) ? try thenCode(f) : try elseCode(f) }
    }
}

/// `local op k` for the fused branch: a number comparison, or the general one for other values.
@inline(__always)
private func slotTest<O: CompareOp>(_: O.Type, _ f: Frame, _ s: Int, _ k: Double, _ location: SourceLocation) throws -> Bool {
    if case .number(let p) = f.slots[s] { return O.test(p, k) }
    return try Operators.compare(O.op, f.slots[s], .number(k), at: location)
}
