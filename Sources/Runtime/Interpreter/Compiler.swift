import Lang

/// Unretained references that compiled closures capture. The session owns the interpreter and the
/// global store for as long as any of its code can run, so the closures need not retain them (and
/// must not: functions stored in globals would otherwise keep their own globals alive forever).
struct Refs {
    unowned(unsafe) let interp: Interpreter
    unowned(unsafe) let globals: GlobalStore
}

/// How `break`/`continue`/`return` reach their target from the code being compiled: through the
/// interpreter's flow flag when every construct in between is a statement (the fast, common
/// case), otherwise by throwing a `ControlSignal`.
struct FlowContext {
    var returnByFlag: Bool
    var loopByFlag: Bool
    /// The context for an operand: a jump inside it must throw.
    static let operand = FlowContext(returnByFlag: false, loopByFlag: false)
}

/// Compiles a resolved syntax tree into a tree of Swift closures.
struct Compiler {
    let refs: Refs

    init(interp: Interpreter, globals: GlobalStore) {
        refs = Refs(interp: interp, globals: globals)
    }

    /// Compiles a program's top level as a function without parameters.
    /// Top-level `fn` declarations are hoisted: they run before the other statements, so a script
    /// may call a function defined further down (mutual recursion included). The resolver has
    /// declared every top-level name already; the value of the chunk stays its last statement's
    /// unless that statement is itself a declaration (whose value nothing shows).
    func main(_ program: Program) -> FunctionProto {
        let statements = program.main.body.statements
        let isFunction: (Stmt) -> Bool = { if case .function = $0.kind { return true } else { return false } }
        let hoisted = statements.filter(isFunction) + statements.filter { !isFunction($0) }
        return function(program.main, statements: hoisted)
    }

    func function(_ info: FunctionInfo, statements: [Stmt]? = nil) -> FunctionProto {
        let defaults = info.parameters.map { p in p.defaultValue.map { Node(expr($0, .operand)) } }
        let cells = info.parameters.map { $0.declaration.cellIndex ?? -1 }
        let body = tailBlock(statements ?? info.body.statements, FlowContext(returnByFlag: true, loopByFlag: false))
        let display = info.parameters.map { p -> String in
            guard let d = p.defaultValue else { return p.declaration.name }
            return "\(p.declaration.name): \(sourceText(of: d))"
        }
        return FunctionProto(name: info.name, parameters: info.parameters.map(\.declaration.name),
                             defaults: defaults, parameterCells: cells, slotCount: info.slotCount,
                             cellCount: info.cellCount, location: info.location, doc: info.doc,
                             display: display, body: body,
                             numeric: statements == nil ? NumericCompiler.compile(info, globals: refs.globals) : nil)
    }

    /// Source text for a default value in signatures (literals only; other expressions show as "...").
    private func sourceText(of e: Expr) -> String {
        switch e.kind {
        case .number(let d): return formatNumber(d)
        case .string(let s): return quoted(s)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "nil"
        default: return "..."
        }
    }

    // MARK: - Blocks and statements

    func block(_ b: Block, _ flow: FlowContext) -> Code {
        let codes = b.statements.map { Node(statement($0, flow)) }
        let checks = b.statements.map { mayJump($0) }
        let interp = refs.interp
        switch codes.count {
        case 0: return { _ in .null }
        case 1: return codes[0].run
        case 2:
            let first = codes[0].run, second = codes[1].run, check = checks[0]
            return { f in
                _ = try first(f)
                if check && interp.flow != .normal { return .null }
                return try second(f)
            }
        default:
            let last = codes.count - 1
            return { f in
                for i in 0..<last {
                    _ = try codes[i].run(f)
                    if checks[i] && interp.flow != .normal { return .null }
                }
                return try codes[last].run(f)
            }
        }
    }

    /// Whether a statement may leave the interpreter's flow flag set.
    private func mayJump(_ s: Stmt) -> Bool {
        switch s.kind {
        case .breakLoop, .continueLoop, .returnValue, .whileLoop, .forLoop: return true
        case .expression(let e):
            switch e.kind {
            case .ifElse, .block, .tryCatch: return true
            default: return false
            }
        default: return false
        }
    }

    func statement(_ s: Stmt, _ flow: FlowContext) -> Code {
        let interp = refs.interp
        switch s.kind {
        case .expression(let e):
            return expr(e, flow)
        case .binding(let d, let value):
            let valueCode = optionalCode(value) { expr($0, .operand) }
            let store = self.store(d)
            return { f in try store(f, try valueCode(f)); return .null }
        case .function(let d, let info):
            let make = closure(info)
            if let cell = d.cellIndex {
                // A fresh cell first, so a local function can call itself through it.
                return { f in
                    let c = Cell(.null)
                    f.cells[cell] = c
                    let closure = try make(f)
                    c.value = closure
                    return closure
                }
            }
            // The declaration's value is the function, so a block ending in `fn name() {}` returns it.
            let store = self.store(d)
            return { f in
                let closure = try make(f)
                try store(f, closure)
                return closure
            }
        case .assign(let target, let op, let value):
            return assignment(target, op, value, at: s.location)
        case .returnValue(let value):
            let valueCode = optionalCode(value) { expr($0, .operand) }
            if flow.returnByFlag {
                return { f in
                    interp.returnValue = try valueCode(f)
                    interp.flow = .returnValue
                    return .null
                }
            }
            return { f in
                interp.returnValue = try valueCode(f)
                throw ControlSignal.returnSignal
            }
        case .breakLoop:
            if flow.loopByFlag { return { _ in interp.flow = .breakLoop; return .null } }
            return { _ in throw ControlSignal.breakSignal }
        case .continueLoop:
            if flow.loopByFlag { return { _ in interp.flow = .continueLoop; return .null } }
            return { _ in throw ControlSignal.continueSignal }
        case .whileLoop(let condition, let body):
            return numericLoop(s, whileLoop(condition, body, flow, at: s.location))
        case .forLoop(let d, let sequence, let body):
            return numericLoop(s, forLoop(d, sequence, body, flow, at: s.location))
        case .use(let d, let name):
            let store = self.store(d)
            let location = s.location
            return { f in
                guard let loader = interp.moduleLoader else { throw RuntimeError("modules are not available here", at: location) }
                try store(f, try loader(name, location))
                return .null
            }
        }
    }

    // MARK: - Variables

    /// Code that writes a declaration's storage (introducing a fresh cell for captured locals).
    func store(_ d: Declaration) -> (Frame, Value) throws -> Void {
        switch d.storage {
        case .global(let i):
            let globals = refs.globals
            return { _, v in globals.set(i, v) }
        case .local(let slot):
            if let cell = d.cellIndex { return { f, v in f.cells[cell] = Cell(v) } }
            return { f, v in f.slots[slot] = v }
        case .unresolved:
            return { _, _ in }
        }
    }

    func read(_ ref: VariableRef, at location: SourceLocation) -> Code {
        switch ref.target {
        case .local(let d):
            guard case .local(let slot) = d.storage else { return globalRead(d, ref.name, location) }
            if let cell = d.cellIndex { return { f in f.cells[cell].value } }
            return { f in f.slots[slot] }
        case .upvalue(let i):
            return { f in f.closure.upvalues[i].value }
        case .global(let i):
            let globals = refs.globals
            let name = ref.name
            let marker = undefinedMarker
            return { _ in
                let v = globals.values[i]
                if case .builtin(let b) = v, _slowPath(b === marker) {
                    throw RuntimeError("'\(name)' is used before its definition", at: location)
                }
                return v
            }
        case .unresolved:
            let name = ref.name
            return { _ in throw RuntimeError("undefined variable '\(name)'", at: location) }
        }
    }

    private func globalRead(_ d: Declaration, _ name: String, _ location: SourceLocation) -> Code {
        guard case .global(let i) = d.storage else {
            return { _ in throw RuntimeError("undefined variable '\(name)'", at: location) }
        }
        let globals = refs.globals
        return { _ in globals.values[i] }
    }

    /// Code that overwrites an existing variable (assignment, not declaration: cells are kept).
    func write(_ ref: VariableRef) -> (Frame, Value) -> Void {
        switch ref.target {
        case .local(let d):
            if case .global(let i) = d.storage {
                let globals = refs.globals
                return { _, v in globals.set(i, v) }
            }
            guard case .local(let slot) = d.storage else { return { _, _ in } }
            if let cell = d.cellIndex { return { f, v in f.cells[cell].value = v } }
            return { f, v in f.slots[slot] = v }
        case .upvalue(let i):
            return { f, v in f.closure.upvalues[i].value = v }
        case .global(let i):
            let globals = refs.globals
            return { _, v in globals.set(i, v) }
        case .unresolved:
            return { _, _ in }
        }
    }

    /// Code that creates a closure for a function literal or declaration.
    func closure(_ info: FunctionInfo) -> Code {
        let proto = function(info)
        let sources = info.upvalues
        if sources.isEmpty {
            return { _ in .closure(Closure(proto: proto, upvalues: [])) }
        }
        return { f in
            var cells = ContiguousArray<Cell>()
            cells.reserveCapacity(sources.count)
            for source in sources {
                switch source {
                case .enclosingCell(let i): cells.append(f.cells[i])
                case .enclosingUpvalue(let i): cells.append(f.closure.upvalues[i])
                }
            }
            return .closure(Closure(proto: proto, upvalues: cells))
        }
    }
}

extension ControlSignal {
    static let returnSignal = ControlSignal(.returnValue)
    static let breakSignal = ControlSignal(.breakLoop)
    static let continueSignal = ControlSignal(.continueLoop)
}
