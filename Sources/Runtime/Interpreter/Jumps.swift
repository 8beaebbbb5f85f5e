import Lang

/// Which jumps can leave a piece of code: `break`/`continue` that belong to an enclosing loop, and
/// `return` that belongs to the enclosing function. Loops whose body has none skip the per-iteration
/// check of the flow flag, and functions without `return` skip it after their body.
struct Jumps {
    var loop = false
    var ret = false
    /// Nothing can leave: no flag to check, no signal to catch.
    var none: Bool { !loop && !ret }

    static func of(_ b: Block) -> Jumps {
        var j = Jumps()
        j.scan(b)
        return j
    }

    private mutating func scan(_ b: Block) {
        for s in b.statements { scan(s) }
    }

    private mutating func scan(_ s: Stmt) {
        switch s.kind {
        case .expression(let e): scan(e)
        case .binding(_, let e): if let e { scan(e) }
        case .function: break  // its returns are its own
        case .assign(let t, _, let v): scan(t); scan(v)
        case .returnValue(let e): ret = true; if let e { scan(e) }
        case .breakLoop, .continueLoop: loop = true
        case .whileLoop(let c, let body): scan(c); scanNestedLoop(body)
        case .forLoop(_, let seq, let body): scan(seq); scanNestedLoop(body)
        case .use: break
        }
    }

    /// A nested loop catches its own break/continue; its returns still leave ours.
    private mutating func scanNestedLoop(_ body: Block) {
        if Jumps.of(body).ret { ret = true }
    }

    private mutating func scan(_ e: Expr) {
        switch e.kind {
        case .number, .string, .bool, .null, .variable, .function: break
        case .template(let pieces):
            for case .expr(let x) in pieces { scan(x) }
        case .list(let xs): for x in xs { scan(x) }
        case .record(let fields): for f in fields { scan(f.value) }
        case .unary(_, let x), .not(let x), .member(let x, _): scan(x)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .index(let a, let b),
             .range(let a, let b, _), .pipe(let a, let b, _):
            scan(a); scan(b)
        case .call(let callee, let args):
            scan(callee)
            for a in args { scan(a.value) }
        case .ifElse(let c, let then, let otherwise):
            scan(c); scan(then)
            if let otherwise { scan(otherwise) }
        case .block(let b): scan(b)
        case .tryCatch(let body, _, let handler): scan(body); scan(handler)
        }
    }
}
