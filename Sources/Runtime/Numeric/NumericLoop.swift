import Lang

/// A variable a loop compiled on its own uses: a local of the frame it runs in, or a global.
enum LoopVariable: Hashable {
    case slot(Int)
    case global(Int)
}

/// A `while`/`for` statement translated for the numeric VM, for loops outside numeric functions
/// (script level, or functions that are not numeric as a whole).
///
/// The loop's variables from outside it are copied into registers when every one holds a number,
/// and copied back when the run ends — also when Ctrl-C or the step limit stops it, at a point where
/// the tree interpreter would have left the same values. Until then the run changes nothing
/// outside the VM, so giving up (as in `NumericFunction`) just means running the loop in the tree
/// interpreter from the start. After one give-up the loop stays there, and so does a loop that
/// runs only a handful of iterations each time.
final class NumericLoop {
    let function: NumericFunction
    /// Register i holds `variables[i]`.
    let variables: [LoopVariable]
    unowned(unsafe) let globals: GlobalStore
    private var leftToInterpreter = false
    private var trial = NumericTrial()

    init(function: NumericFunction, variables: [LoopVariable], globals: GlobalStore) {
        self.function = function; self.variables = variables; self.globals = globals
    }

    /// Runs the loop in frame `f`; false when the tree interpreter must run it instead.
    func run(_ f: Frame, _ interp: Interpreter) throws -> Bool {
        guard !leftToInterpreter else { return false }
        let savedSteps = interp.steps
        let variables = self.variables, globals = self.globals
        let finished = try interp.numericVM.run(function, interp, load: { registers in
            for (i, v) in variables.enumerated() {
                let value: Value
                switch v {
                case .slot(let s): value = f.slots[s]
                case .global(let g): value = globals.values[g]
                }
                guard case .number(let x) = value else { return false }
                registers[i] = x
            }
            return true
        }, store: { registers in
            for (i, v) in variables.enumerated() {
                switch v {
                case .slot(let s): storeNumber(f.slots + s, registers[i])
                case .global(let g): storeNumber(globals.values + g, registers[i])
                }
            }
        }) != nil
        if !finished {
            interp.steps = savedSteps
            leftToInterpreter = true
            return false
        }
        if !trial.keepEntering(afterRunOf: interp.steps - savedSteps) { leftToInterpreter = true }
        return true
    }
}

/// The variables a loop statement reads, writes and declares, in order of first use; `isPlain` is
/// false when it uses anything a `NumericLoop` cannot copy (captured locals, upvalues, nested
/// functions, module imports).
struct LoopVariableScan {
    private(set) var used: [LoopVariable] = []
    private(set) var declared: [LoopVariable] = []
    private(set) var isPlain = true

    private mutating func use(_ v: LoopVariable) { if !used.contains(v) { used.append(v) } }

    private mutating func declare(_ d: Declaration) {
        guard case .local(let slot) = d.storage, d.cellIndex == nil else { isPlain = false; return }
        if !declared.contains(.slot(slot)) { declared.append(.slot(slot)) }
    }

    private mutating func reference(_ ref: VariableRef) {
        switch ref.target {
        case .local(let d):
            guard case .local(let slot) = d.storage, d.cellIndex == nil else { isPlain = false; return }
            use(.slot(slot))
        case .global(let g): use(.global(g))
        default: isPlain = false
        }
    }

    mutating func statement(_ s: Stmt) {
        switch s.kind {
        case .expression(let e): expression(e)
        case .binding(let d, let e): declare(d); if let e { expression(e) }
        case .assign(let t, _, let v): expression(t); expression(v)
        case .returnValue(let e): if let e { expression(e) }
        case .breakLoop, .continueLoop: break
        case .whileLoop(let c, let body): expression(c); block(body)
        case .forLoop(let d, let seq, let body): declare(d); expression(seq); block(body)
        case .function, .use: isPlain = false
        }
    }

    private mutating func block(_ b: Block) { for s in b.statements { statement(s) } }

    private mutating func expression(_ e: Expr) {
        switch e.kind {
        case .number, .string, .bool, .null: break
        case .variable(let ref): reference(ref)
        case .function: isPlain = false
        case .template(let pieces): for case .expr(let x) in pieces { expression(x) }
        case .list(let xs): for x in xs { expression(x) }
        case .record(let fields): for f in fields { expression(f.value) }
        case .unary(_, let x), .not(let x), .member(let x, _): expression(x)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b), .index(let a, let b),
             .range(let a, let b, _), .pipe(let a, let b, _):
            expression(a); expression(b)
        case .call(let callee, let args):
            // A global callee is called, not copied: the VM looks it up at each call.
            if case .variable(let ref) = callee.kind, case .global = ref.target {} else { expression(callee) }
            for a in args { expression(a.value) }
        case .ifElse(let c, let then, let otherwise):
            expression(c); block(then)
            if let otherwise { expression(otherwise) }
        case .block(let b): block(b)
        case .tryCatch(let body, let d, let handler):
            if let d { declare(d) }
            block(body); block(handler)
        }
    }
}
