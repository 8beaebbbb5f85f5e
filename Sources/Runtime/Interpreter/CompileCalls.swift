import Lang

extension Compiler {
    /// `callee(args)`; `obj.name(args)` is a method call.
    func call(_ callee: Expr, _ args: [Argument], at location: SourceLocation) -> Code {
        let codes = args.map { Node(expr($0.value, .operand)) }
        let labels = args.map(\.label)
        if case .member(let base, let name) = callee.kind {
            return methodCall(expr(base, .operand), name, codes, labels, at: location)
        }
        if case .variable(let ref) = callee.kind, case .global(let g) = ref.target, !labels.contains(where: { $0 != nil }),
           codes.count == 1 {
            return globalCall1(g, ref.name, args[0].value, codes[0].run, at: location)
        }
        return functionCall(expr(callee, .operand), codes, labels, at: location)
    }

    /// `f(x)` where `f` is a global: the commonest call (recursion, helpers) reads the callee
    /// straight from the global store, and without retaining it: the call pins the store, and a
    /// store that is pinned keeps every closure it overwrites alive (`GlobalStore.set`).
    /// An argument `local + constant` or `local - constant` (`fib(n - 1)`) is computed in place.
    private func globalCall1(_ g: Int, _ name: String, _ argument: Expr, _ a0: @escaping Code,
                             at location: SourceLocation) -> Code {
        let interp = refs.interp
        let globals = refs.globals
        if case .binary(let op, let a, let b) = argument.kind, op == .add || op == .subtract,
           let s = plainSlot(a), case .number(let k) = b.kind {
            let delta = op == .add ? k : -k  // x - k and x + (-k) are the same IEEE operation
            return { f in
                try callGlobal1(interp, globals, g, name, f, location) { f in
                    if case .number(let x) = f.slots[s] { return .number(x + delta) }
                    return try a0(f)
                }
            }
        }
        return { f in try callGlobal1(interp, globals, g, name, f, location) { f in try a0(f) } }
    }

    /// `lhs |> f(a)` is `f(lhs, a)`, `lhs |> f` is `f(lhs)`, `lhs |> obj.m(a)` is `obj.m(lhs, a)`,
    /// and `lhs |> name(a)` where `name` is no variable is the method call `lhs.name(a)`.
    func pipe(_ lhs: Expr, _ rhs: Expr, _ info: PipeInfo, at location: SourceLocation) -> Code {
        let input = expr(lhs, .operand)
        var callee = rhs
        var args: [Argument] = []
        if case .call(let c, let a) = rhs.kind { callee = c; args = a }
        let codes = args.map { Node(expr($0.value, .operand)) }
        let labels = args.map(\.label)
        if let method = info.callsMethod {
            return methodCall(input, method, codes, labels, at: location)
        }
        if case .call = rhs.kind, case .member(let base, let name) = callee.kind {
            return methodCall(expr(base, .operand), name, [Node(input)] + codes, [nil] + labels, at: location)
        }
        return functionCall(expr(callee, .operand), [Node(input)] + codes, [nil] + labels, at: location)
    }

    /// A call of a function value. Closures called with exactly their parameters positionally take
    /// the fast path: arguments are evaluated straight into the callee's frame.
    func functionCall(_ calleeCode: @escaping Code, _ codes: [Node], _ labels: [String?], at location: SourceLocation) -> Code {
        let interp = refs.interp
        let n = codes.count
        if labels.contains(where: { $0 != nil }) {
            return { f in
                let callee = try calleeCode(f)
                var values: [Value] = []
                values.reserveCapacity(n)
                for c in codes { values.append(try c.run(f)) }
                return try interp.call(callee, values, labels: labels, at: location)
            }
        }
        switch n {
        case 0:
            return { f in
                let callee = try calleeCode(f)
                if case .closure(let c) = callee, c.parameterCount == 0 {
                    let count = c.slotCount
                    let slots = try interp.reserve(count, at: location)
                    defer { interp.release(slots, count) }
                    return try interp.invoke(c, slots: slots, at: location)
                }
                return try interp.call(callee, [], at: location)
            }
        case 1:
            let a0 = codes[0].run
            return { f in
                let callee = try calleeCode(f)
                if case .closure(let c) = callee, c.parameterCount == 1 {
                    let count = c.slotCount
                    let slots = try interp.reserve(count, at: location)
                    defer { interp.release(slots, count) }
                    slots[0] = try a0(f)
                    return try interp.invoke(c, slots: slots, at: location)
                }
                return try interp.call(callee, [try a0(f)], at: location)
            }
        case 2:
            let a0 = codes[0].run, a1 = codes[1].run
            return { f in
                let callee = try calleeCode(f)
                if case .closure(let c) = callee, c.parameterCount == 2 {
                    let count = c.slotCount
                    let slots = try interp.reserve(count, at: location)
                    defer { interp.release(slots, count) }
                    slots[0] = try a0(f)
                    slots[1] = try a1(f)
                    return try interp.invoke(c, slots: slots, at: location)
                }
                return try interp.call(callee, [try a0(f), try a1(f)], at: location)
            }
        default:
            return { f in
                let callee = try calleeCode(f)
                if case .closure(let c) = callee, c.parameterCount == n {
                    let count = c.slotCount
                    let slots = try interp.reserve(count, at: location)
                    defer { interp.release(slots, count) }
                    for i in 0..<n { slots[i] = try codes[i].run(f) }
                    return try interp.invoke(c, slots: slots, at: location)
                }
                var values: [Value] = []
                values.reserveCapacity(n)
                for c in codes { values.append(try c.run(f)) }
                return try interp.call(callee, values, at: location)
            }
        }
    }

    /// `receiver.name(args)`: a record field holding a function (namespaces), else a method of the
    /// receiver's type, else a native's method. The method tables are looked up once, here.
    func methodCall(_ receiverCode: @escaping Code, _ name: String, _ codes: [Node], _ labels: [String?],
                    at location: SourceLocation) -> Code {
        let interp = refs.interp
        let methods = MethodSet(name)
        let hasLabels = labels.contains(where: { $0 != nil })
        return { f in
            let receiver = try receiverCode(f)
            var positional: [Value] = []
            var labeled: [(label: String, value: Value)] = []
            positional.reserveCapacity(codes.count)
            if hasLabels {
                for i in 0..<codes.count {
                    let v = try codes[i].run(f)
                    if let label = labels[i] { labeled.append((label, v)) } else { positional.append(v) }
                }
            } else {
                for c in codes { positional.append(try c.run(f)) }
            }
            try interp.tick(location)
            return try methods.invoke(receiver, positional, labeled, labels, interp, at: location)
        }
    }
}

/// The body of `Compiler.globalCall1`, inlined into each of its variants.
@inline(__always)
private func callGlobal1(_ interp: Interpreter, _ globals: GlobalStore, _ g: Int, _ name: String, _ f: Frame,
                         _ location: SourceLocation, _ a0: (Frame) throws -> Value) throws -> Value {
    if let callee = unretainedClosure(globals.values + g) {
        return try callee._withUnsafeGuaranteedRef { c in
            guard c.parameterCount == 1 else { return try interp.call(.closure(c), [try a0(f)], at: location) }
            globals.pinned += 1
            defer { globals.pinned -= 1 }
            let count = c.slotCount
            let slots = try interp.reserve(count, at: location)
            defer { interp.release(slots, count) }
            // Free slots always hold nil, which needs no destroying: initialize rather than assign.
            slots.initialize(to: try a0(f))
            return try interp.invoke(c, slots: slots, at: location)
        }
    }
    let callee = globals.values[g]
    return try interp.call(try callee.checkDefined(name, at: location), [try a0(f)], at: location)
}

/// The closure stored at `p`, not retained: the caller must keep it alive by other means.
@inline(__always)
private func unretainedClosure(_ p: UnsafeMutablePointer<Value>) -> Unmanaged<Closure>? {
    guard case .closure(let c) = p.pointee else { return nil }
    return Unmanaged.passUnretained(c)
}
