import Lang

extension Compiler {
    /// A loop that only computes with numbers runs in the numeric VM (see `NumericLoop`), and as
    /// `general` when the VM gives it up.
    func numericLoop(_ s: Stmt, _ general: @escaping Code) -> Code {
        guard let loop = NumericCompiler.compileLoop(s, globals: refs.globals) else { return general }
        let interp = refs.interp
        return { f in
            if try loop.run(f, interp) { return .null }
            return try general(f)
        }
    }

    /// `while cond { body }` — nil-valued. Each iteration is a step (for Ctrl-C and step limits).
    func whileLoop(_ condition: Expr, _ body: Block, _ outer: FlowContext, at location: SourceLocation) -> Code {
        let test = self.test(condition)
        let bodyCode = block(body, FlowContext(returnByFlag: outer.returnByFlag, loopByFlag: true))
        let interp = refs.interp
        if Jumps.of(body).none {
            return { f in
                while try test(f) {
                    try interp.tick(location)
                    _ = try bodyCode(f)
                }
                return .null
            }
        }
        return { f in
            while try test(f) {
                try interp.tick(location)
                if try runLoopBody(bodyCode, f, interp) { break }
            }
            return .null
        }
    }

    /// `for x in sequence { body }` over a range, list, string (characters) or record (keys).
    func forLoop(_ d: Declaration, _ sequence: Expr, _ body: Block, _ outer: FlowContext,
                 at location: SourceLocation) -> Code {
        let sequenceCode = expr(sequence, .operand)
        let bodyCode = block(body, FlowContext(returnByFlag: outer.returnByFlag, loopByFlag: true))
        let bind = store(d)
        let interp = refs.interp
        let sequenceLocation = sequence.location
        var directSlot = -1
        if case .local(let slot) = d.storage, d.cellIndex == nil { directSlot = slot }
        if directSlot >= 0 && Jumps.of(body).none {
            // The commonest loop, `for i in a..<b` over a body without break/continue/return,
            // with nothing to check between iterations but the step count.
            let general = forLoop(bodyCode, bind, location, sequenceLocation)
            return { f in
                let seq = try sequenceCode(f)
                guard case .range(let r) = seq else { return try general(f, seq) }
                let slot = f.slots + directSlot
                var i = r.start
                while i < r.end {
                    try interp.tick(location)
                    storeNumber(slot, Double(i))
                    _ = try bodyCode(f)
                    i += 1
                }
                return .null
            }
        }
        let loop = forLoop(bodyCode, bind, location, sequenceLocation, directSlot: directSlot)
        return { f in try loop(f, try sequenceCode(f)) }
    }

    /// The loop over an evaluated sequence `seq`, any kind.
    private func forLoop(_ bodyCode: @escaping Code, _ bind: @escaping (Frame, Value) throws -> Void,
                         _ location: SourceLocation, _ sequenceLocation: SourceLocation,
                         directSlot: Int = -1) -> (Frame, Value) throws -> Value {
        let interp = refs.interp
        return { f, seq in
            switch seq {
            case .range(let r):
                var i = r.start
                while i < r.end {
                    try interp.tick(location)
                    if directSlot >= 0 { storeNumber(f.slots + directSlot, Double(i)) } else { try bind(f, .number(Double(i))) }
                    if try runLoopBody(bodyCode, f, interp) { break }
                    i += 1
                }
            case .list(let list):
                // Re-read the count each time: the body may change the list.
                var i = 0
                while i < list.items.count {
                    try interp.tick(location)
                    try bind(f, list.items[i])
                    if try runLoopBody(bodyCode, f, interp) { break }
                    i += 1
                }
            case .string(let s):
                for ch in s {
                    try interp.tick(location)
                    try bind(f, .string(String(ch)))
                    if try runLoopBody(bodyCode, f, interp) { break }
                }
            case .record(let r):
                for key in r.keys {
                    try interp.tick(location)
                    try bind(f, .string(key))
                    if try runLoopBody(bodyCode, f, interp) { break }
                }
            default:
                throw RuntimeError("cannot iterate over \(seq.typeName)", at: sequenceLocation)
            }
            return .null
        }
    }
}

/// Runs one loop iteration; returns true when the loop must stop (break, or a pending return).
@inline(__always)
private func runLoopBody(_ body: Code, _ f: Frame, _ interp: Interpreter) throws -> Bool {
    do {
        _ = try body(f)
    } catch let signal as ControlSignal {
        switch signal.flow {
        case .breakLoop: return true
        case .continueLoop: return false
        default: throw signal
        }
    }
    switch interp.flow {
    case .normal: return false
    case .continueLoop: interp.flow = .normal; return false
    case .breakLoop: interp.flow = .normal; return true
    case .returnValue: return true
    }
}
