/// The global names of one session (or one module): name → slot index, kept across REPL inputs.
public final class GlobalTable {
    public private(set) var names: [String] = []
    private var indexByName: [String: Int] = [:]
    /// Whether each slot is a constant (`let`, `fn`, `use`, builtins) that `=` may not change.
    public private(set) var isConstant: [Bool] = []

    public init() {}

    public func index(of name: String) -> Int? { indexByName[name] }

    /// Declares (or re-declares, as the REPL allows) a global and returns its slot.
    @discardableResult
    public func declare(_ name: String, constant: Bool) -> Int {
        if let i = indexByName[name] { isConstant[i] = constant; return i }
        let i = names.count
        names.append(name); isConstant.append(constant); indexByName[name] = i
        return i
    }

    public var count: Int { names.count }

    /// The table's state, to undo the declarations of an input that failed to compile.
    public struct Mark { fileprivate let count: Int; fileprivate let isConstant: [Bool] }

    public func mark() -> Mark { Mark(count: names.count, isConstant: isConstant) }

    /// Forgets every name declared since `mark` and restores constness.
    public func restore(_ mark: Mark) {
        guard mark.count <= names.count else { return }
        for name in names[mark.count...] { indexByName[name] = nil }
        names.removeSubrange(mark.count...)
        isConstant = mark.isConstant
    }
}

/// Assigns every name a storage place before execution: a frame slot, a captured cell, an upvalue
/// of the running closure, or a global slot. Reports undefined names, assignments to constants,
/// duplicate declarations and misplaced `break`/`continue`/`return` as compile errors.
public struct Resolver {
    private final class FunctionScope {
        let info: FunctionInfo
        var blocks: [[String: Declaration]] = [[:]]
        var loopDepth = 0
        var upvalueIndex: [ObjectIdentifier: Int] = [:]
        var upvalueDeclarations: [Declaration] = []
        init(info: FunctionInfo) { self.info = info }
    }

    private let globals: GlobalTable
    private var functions: [FunctionScope] = []

    public init(globals: GlobalTable) { self.globals = globals }

    /// Resolves a program whose top-level declarations become globals in `globals`.
    public static func resolve(_ program: Program, globals: GlobalTable) throws {
        var resolver = Resolver(globals: globals)
        try resolver.resolveMain(program.main)
    }

    private var isTopLevel: Bool { functions.count == 1 && functions[0].blocks.count == 1 }

    private mutating func resolveMain(_ main: FunctionInfo) throws {
        // Declare all top-level names first, so functions may call functions defined later.
        var seen: [String: SourceLocation] = [:]
        for stmt in main.body.statements {
            let declaration: Declaration
            switch stmt.kind {
            case .binding(let d, _), .function(let d, _), .use(let d, _): declaration = d
            default: continue
            }
            if seen[declaration.name] != nil {
                throw CompileError("'\(declaration.name)' is already defined", at: declaration.location)
            }
            seen[declaration.name] = declaration.location
        }
        // Every top-level name is declared up front, so functions may use globals defined further
        // down; reading one before its definition has run is a runtime error.
        for stmt in main.body.statements {
            switch stmt.kind {
            case .binding(let d, _), .function(let d, _), .use(let d, _):
                d.storage = .global(globals.declare(d.name, constant: d.isConstant))
            default: continue
            }
        }
        functions.append(FunctionScope(info: main))
        for stmt in main.body.statements { try statement(stmt) }
        functions.removeLast()
    }

    // MARK: - Statements

    private mutating func statement(_ stmt: Stmt) throws {
        switch stmt.kind {
        case .expression(let e):
            try expression(e)
        case .binding(let d, let value):
            if let value { try expression(value) }
            try declare(d)
        case .function(let d, let info):
            try declare(d)
            try function(info)
        case .assign(let target, _, let value):
            try expression(value)
            switch target.kind {
            case .variable(let ref):
                try reference(ref, at: target.location)
                try checkAssignable(ref, at: target.location)
            case .index(let base, let index):
                try expression(base); try expression(index)
            case .member(let base, _):
                try expression(base)
            default:
                throw CompileError("cannot assign to this expression", at: target.location)
            }
        case .returnValue(let value):
            if functions.count == 1 { throw CompileError("'return' outside a function", at: stmt.location) }
            if let value { try expression(value) }
        case .breakLoop:
            if currentFunction.loopDepth == 0 { throw CompileError("'break' outside a loop", at: stmt.location) }
        case .continueLoop:
            if currentFunction.loopDepth == 0 { throw CompileError("'continue' outside a loop", at: stmt.location) }
        case .whileLoop(let condition, let body):
            try expression(condition)
            currentFunction.loopDepth += 1
            try block(body)
            currentFunction.loopDepth -= 1
        case .forLoop(let d, let sequence, let body):
            try expression(sequence)
            currentFunction.loopDepth += 1
            beginScope()
            try declare(d)
            try block(body)
            endScope()
            currentFunction.loopDepth -= 1
        case .use(let d, _):
            try declare(d)
        }
    }

    private mutating func block(_ block: Block) throws {
        beginScope()
        for stmt in block.statements { try statement(stmt) }
        endScope()
    }

    private var currentFunction: FunctionScope { functions[functions.count - 1] }
    private mutating func beginScope() { currentFunction.blocks.append([:]) }
    private mutating func endScope() { currentFunction.blocks.removeLast() }

    private mutating func declare(_ d: Declaration) throws {
        if isTopLevel {
            d.storage = .global(globals.declare(d.name, constant: d.isConstant))
            return
        }
        let scope = currentFunction
        if let existing = scope.blocks[scope.blocks.count - 1][d.name], existing !== d {
            throw CompileError("'\(d.name)' is already defined in this scope", at: d.location)
        }
        d.storage = .local(slot: scope.info.slotCount)
        scope.info.slotCount += 1
        scope.blocks[scope.blocks.count - 1][d.name] = d
    }

    private func checkAssignable(_ ref: VariableRef, at location: SourceLocation) throws {
        switch ref.target {
        case .local(let d):
            if d.isConstant { throw CompileError("cannot assign to constant '\(ref.name)'", at: location) }
        case .upvalue(let i):
            if currentFunction.upvalueDeclarations[i].isConstant {
                throw CompileError("cannot assign to constant '\(ref.name)'", at: location)
            }
        case .global(let i):
            if globals.isConstant[i] { throw CompileError("cannot assign to constant '\(ref.name)'", at: location) }
        case .unresolved: break
        }
    }

    private func lookupDeclaration(_ name: String) -> Declaration? {
        for f in functions.reversed() {
            for scope in f.blocks.reversed() { if let d = scope[name] { return d } }
        }
        return nil
    }

    // MARK: - Expressions

    private mutating func expression(_ expr: Expr) throws {
        switch expr.kind {
        case .number, .string, .bool, .null: break
        case .template(let pieces):
            for case .expr(let e) in pieces { try expression(e) }
        case .variable(let ref): try reference(ref, at: expr.location)
        case .list(let items): for e in items { try expression(e) }
        case .record(let fields): for f in fields { try expression(f.value) }
        case .unary(_, let e), .not(let e), .member(let e, _): try expression(e)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .range(let a, let b, _), .index(let a, let b):
            try expression(a); try expression(b)
        case .call(let callee, let args):
            try expression(callee)
            for a in args { try expression(a.value) }
        case .function(let info): try function(info)
        case .ifElse(let c, let then, let otherwise):
            try expression(c)
            try block(then)
            if let otherwise { try expression(otherwise) }
        case .block(let b): try block(b)
        case .tryCatch(let body, let binding, let handler):
            try block(body)
            beginScope()
            if let binding { try declare(binding) }
            try block(handler)
            endScope()
        case .pipe(let lhs, let rhs, let info):
            try expression(lhs)
            // `xs |> map(f)` where `map` names no variable calls the method `map` on xs.
            if case .call(let callee, let args) = rhs.kind, case .variable(let ref) = callee.kind,
               !isDefined(ref.name) {
                info.callsMethod = ref.name
                for a in args { try expression(a.value) }
            } else if case .variable(let ref) = rhs.kind, !isDefined(ref.name) {
                info.callsMethod = ref.name
            } else {
                try expression(rhs)
            }
        }
    }

    private func isDefined(_ name: String) -> Bool {
        lookupDeclaration(name) != nil || globals.index(of: name) != nil
    }

    private mutating func function(_ info: FunctionInfo) throws {
        // Defaults are evaluated in the callee's frame after the parameters before them.
        let scope = FunctionScope(info: info)
        functions.append(scope)
        // Parameters own slots 0..<n, whatever their defaults declare.
        info.slotCount = info.parameters.count
        for (i, p) in info.parameters.enumerated() {
            if let value = p.defaultValue { try expression(value) }
            p.declaration.storage = .local(slot: i)
            scope.blocks[scope.blocks.count - 1][p.declaration.name] = p.declaration
        }
        for stmt in info.body.statements { try statement(stmt) }
        functions.removeLast()
    }

    private mutating func reference(_ ref: VariableRef, at location: SourceLocation) throws {
        let depth = functions.count - 1
        if let d = findLocal(ref.name, in: depth) {
            ref.target = .local(d)
            return
        }
        if let (index, _) = try upvalue(ref.name, in: depth) {
            ref.target = .upvalue(index)
            return
        }
        if let g = globals.index(of: ref.name) {
            ref.target = .global(g)
            return
        }
        throw CompileError("undefined variable '\(ref.name)'", at: location)
    }

    private func findLocal(_ name: String, in depth: Int) -> Declaration? {
        // The top-level function's outermost scope holds globals, not locals.
        for scope in functions[depth].blocks.reversed() {
            if let d = scope[name] { return d }
        }
        return nil
    }

    /// Finds `name` in an enclosing function and threads it through every function in between as an
    /// upvalue (the scheme of Lua and clox). Returns the upvalue index in function `depth`.
    private mutating func upvalue(_ name: String, in depth: Int) throws -> (Int, Declaration)? {
        guard depth > 0 else { return nil }
        let enclosing = functions[depth - 1]
        let source: UpvalueSource
        let declaration: Declaration
        if let d = findLocal(name, in: depth - 1) {
            if d.cellIndex == nil {
                d.cellIndex = enclosing.info.cellCount
                enclosing.info.cellCount += 1
            }
            source = .enclosingCell(d.cellIndex ?? 0)
            declaration = d
        } else if let (outer, d) = try upvalue(name, in: depth - 1) {
            source = .enclosingUpvalue(outer)
            declaration = d
        } else {
            return nil
        }
        let scope = functions[depth]
        let key = ObjectIdentifier(declaration)
        if let existing = scope.upvalueIndex[key] { return (existing, declaration) }
        let index = scope.info.upvalues.count
        scope.info.upvalues.append(source)
        scope.upvalueIndex[key] = index
        scope.upvalueDeclarations.append(declaration)
        return (index, declaration)
    }
}
