import Foundation
import Lang

/// Translates a pure numeric Spar function, or a loop statement, into register code for the
/// numeric VM, or gives up (returns nil) at the first construct outside that subset.
///
/// The subset: parameters without defaults; locals bound to numbers; number literals; unary minus
/// and `+ - * / // % **`; comparisons, `and`, `or`, `not` and `true`/`false` as conditions only;
/// `if`/`else` (as values when both branches are); blocks; `return` (in functions); `while` and
/// `for` over a range literal with `break`/`continue`; assignments (also `+=` and the like); and
/// calls of global functions with positional arguments. Anything else — strings, lists, captured
/// variables, nested functions, builtins, and in functions globals read as values — stays with the
/// tree interpreter. A function's registers 0..<slotCount are its slots; a loop's variables get
/// registers from a layout (see `compileLoop`).
struct NumericCompiler {
    /// Whether functions get numeric code at all. `SPAR_NUMERIC=off` in the environment turns the
    /// VM off (to compare it with the tree interpreter); tests switch it directly.
    nonisolated(unsafe) static var isEnabled = ProcessInfo.processInfo.environment["SPAR_NUMERIC"] != "off"

    private struct Ineligible: Error {}

    private var code: [NumericInstruction] = []
    private var constants: [Double] = []
    private var constantIndex: [UInt64: Int] = [:]
    private var locations: [SourceLocation] = []
    private var nextTemp: Int
    private var registerCount: Int
    private var loops: [(breaks: [Int], continues: [Int])] = []
    private var largestGlobal = 0
    private let location: SourceLocation
    /// For a loop compiled on its own: the register of each variable it uses. Nil for a function,
    /// whose registers are its slots.
    private let layout: [LoopVariable: Int]?
    private unowned(unsafe) let globals: GlobalStore

    private init(slotCount: Int, location: SourceLocation, globals: GlobalStore, layout: [LoopVariable: Int]? = nil) {
        nextTemp = slotCount; registerCount = slotCount; self.location = location; self.layout = layout
        self.globals = globals
    }

    /// Whether global `g` holds a builtin now (`print`, `len`): a call of it would make the VM give
    /// up every time, after doing the work before it for nothing. Globals defined later (functions
    /// further down a script) are still undefined and pass.
    private func holdsBuiltin(_ g: Int) -> Bool {
        guard g < globals.capacity, case .builtin = globals.values[g] else { return false }
        return !globals.values[g].isUndefinedGlobal
    }

    /// The numeric translation of a `while` or `for` statement outside a numeric function, or nil.
    /// Its variables from outside the loop (locals of the frame and globals) become the first
    /// registers, loaded before the run and stored back after it (see `NumericLoop`).
    static func compileLoop(_ s: Stmt, globals: GlobalStore) -> NumericLoop? {
        guard isEnabled else { return nil }
        switch s.kind {
        case .whileLoop, .forLoop: break
        default: return nil
        }
        var scan = LoopVariableScan()
        scan.statement(s)
        guard scan.isPlain else { return nil }
        let outside = scan.used.filter { !scan.declared.contains($0) }
        var layout: [LoopVariable: Int] = [:]
        for v in outside + scan.declared where layout[v] == nil { layout[v] = layout.count }
        var c = NumericCompiler(slotCount: layout.count, location: s.location, globals: globals, layout: layout)
        do {
            try c.statement(s)
            let result = c.temp()
            let zero = c.constant(0)
            c.emit(.constant, result, zero)
            c.emit(.ret, result)
        } catch {
            return nil
        }
        guard c.fitsInstructions else { return nil }
        let function = NumericFunction(name: "<loop>", globals: globals, parameterCount: outside.count,
                                       registerCount: c.registerCount, code: c.code, constants: c.constants,
                                       locations: c.locations)
        return NumericLoop(function: function, variables: outside, globals: globals)
    }

    /// The numeric translation of `info`, or nil when the function is outside the subset.
    static func compile(_ info: FunctionInfo, globals: GlobalStore) -> NumericFunction? {
        guard isEnabled, info.upvalues.isEmpty, info.cellCount == 0,
              info.parameters.allSatisfy({ $0.defaultValue == nil && $0.declaration.cellIndex == nil }) else { return nil }
        var c = NumericCompiler(slotCount: info.slotCount, location: info.location, globals: globals)
        do {
            let result = c.temp()
            try c.block(info.body.statements, into: result)
            c.emit(.ret, result)
        } catch {
            return nil
        }
        guard c.fitsInstructions else { return nil }
        return NumericFunction(name: info.name, globals: globals, parameterCount: info.parameters.count, registerCount: c.registerCount,
                               code: c.code, constants: c.constants, locations: c.locations)
    }

    // MARK: - Emitting

    /// Whether every operand (register, constant, jump target, global, argument count) fits the
    /// instructions' 32-bit fields; only absurdly large code could fail this.
    private var fitsInstructions: Bool {
        let limit = Int(Int32.max)
        return registerCount < limit && code.count < limit && constants.count < limit && largestGlobal < limit
    }

    @discardableResult
    private mutating func emit(_ op: NumericOp, _ a: Int, _ b: Int = 0, _ c: Int = 0, at where: SourceLocation? = nil) -> Int {
        code.append(NumericInstruction(op, a, b, c))
        locations.append(`where` ?? location)
        return code.count - 1
    }

    private mutating func patch(_ jumps: [Int], to target: Int) {
        for j in jumps { code[j].a = Int32(truncatingIfNeeded: target) }  // checked by fitsInstructions
    }

    private var here: Int { code.count }

    private mutating func temp() -> Int {
        let r = nextTemp
        nextTemp += 1
        registerCount = max(registerCount, nextTemp)
        return r
    }

    private mutating func constant(_ d: Double) -> Int {
        if let i = constantIndex[d.bitPattern] { return i }
        constants.append(d)
        constantIndex[d.bitPattern] = constants.count - 1
        return constants.count - 1
    }

    /// Runs `body` and then frees the temporaries it allocated.
    private mutating func scoped(_ body: (inout NumericCompiler) throws -> Void) rethrows {
        let saved = nextTemp
        try body(&self)
        nextTemp = saved
    }

    // MARK: - Statements

    /// Compiles statements; when `target` is given the last one's value goes there (it must be a
    /// number: an expression, an `if` with `else`, or a `return`).
    private mutating func block(_ statements: [Stmt], into target: Int?) throws {
        for (i, s) in statements.enumerated() {
            let isLast = i == statements.count - 1
            if isLast, let target {
                switch s.kind {
                case .expression(let e): try scoped { try $0.value(e, into: target) }
                case .returnValue: try statement(s)
                default: throw Ineligible()  // a binding or loop last: the block's value is nil
                }
            } else {
                try statement(s)
            }
        }
        if statements.isEmpty, target != nil { throw Ineligible() }
    }

    private mutating func statement(_ s: Stmt) throws {
        switch s.kind {
        case .expression(let e):
            try scoped { c in
                switch e.kind {
                case .ifElse(let condition, let then, let otherwise): try c.ifStatement(condition, then, otherwise)
                case .block(let b): try c.block(b.statements, into: nil)
                default: let t = c.temp(); try c.value(e, into: t)
                }
            }
        case .binding(let d, let e):
            guard let e else { throw Ineligible() }
            let slot = try register(declaredBy: d)
            try scoped { try $0.value(e, into: slot) }
        case .assign(let target, let op, let e):
            guard case .variable(let ref) = target.kind else { throw Ineligible() }
            let slot = try register(of: ref)
            try scoped { c in
                guard let op else { try c.value(e, into: slot); return }
                try c.arithmetic(op.binary, slot, e, into: slot)
            }
        case .returnValue(let e):
            guard let e, layout == nil else { throw Ineligible() }  // a loop's return leaves its function
            try scoped { c in let r = try c.register(e); c.emit(.ret, r) }
        case .breakLoop:
            guard !loops.isEmpty else { throw Ineligible() }
            loops[loops.count - 1].breaks.append(emit(.jump, 0))
        case .continueLoop:
            guard !loops.isEmpty else { throw Ineligible() }
            loops[loops.count - 1].continues.append(emit(.jump, 0))
        case .whileLoop(let condition, let body):
            let top = here
            let exits = try jumpsIfFalse(condition)
            emit(.tick, 0, at: s.location)
            loops.append(([], []))
            try scoped { try $0.block(body.statements, into: nil) }
            let loop = loops.removeLast()
            patch(loop.continues, to: top)
            emit(.jump, top)
            patch(exits + loop.breaks, to: here)
        case .forLoop(let d, let sequence, let body):
            guard case .range(let lo, let hi, let inclusive) = sequence.kind else { throw Ineligible() }
            let slot = try register(declaredBy: d)
            try scoped { c in
                // Counter and end live in two fresh registers: the body cannot change either.
                let counter = c.temp(), end = c.temp()
                try c.scoped { try $0.value(lo, into: counter) }
                try c.scoped { try $0.value(hi, into: end) }
                c.emit(.forPrepare, counter, inclusive ? 1 : 0, at: sequence.location)
                let exit = c.emit(.unlessLess, 0, counter, end)
                c.emit(.tick, 0, at: s.location)
                c.emit(.move, slot, counter)
                let bodyStart = c.here
                c.loops.append(([], []))
                try c.scoped { try $0.block(body.statements, into: nil) }
                let loop = c.loops.removeLast()
                c.patch(loop.continues, to: c.here)
                // Later iterations: count, test, tick and bind in one instruction.
                c.emit(.forStep, counter, slot, bodyStart, at: s.location)
                c.patch([exit] + loop.breaks, to: c.here)
            }
        case .function, .use:
            throw Ineligible()
        }
    }

    private mutating func ifStatement(_ condition: Expr, _ then: Block, _ otherwise: Expr?) throws {
        let toElse = try jumpsIfFalse(condition)
        try scoped { try $0.block(then.statements, into: nil) }
        guard let otherwise else { patch(toElse, to: here); return }
        let toEnd = emit(.jump, 0)
        patch(toElse, to: here)
        try scoped { c in
            switch otherwise.kind {
            case .ifElse(let c2, let t2, let o2): try c.ifStatement(c2, t2, o2)
            case .block(let b): try c.block(b.statements, into: nil)
            default: throw Ineligible()
            }
        }
        patch([toEnd], to: here)
    }

    // MARK: - Values

    /// The register of a plain local that lives in its frame, else nil.
    private static func slot(_ d: Declaration) -> Int? {
        guard case .local(let slot) = d.storage, d.cellIndex == nil else { return nil }
        return slot
    }

    /// The register of variable `ref`: in a function its slot; in a loop the one `layout` gives
    /// its slot or global.
    private func register(of ref: VariableRef) throws -> Int {
        switch ref.target {
        case .local(let d): return try register(declaredBy: d)
        case .global(let g):
            guard let r = layout?[.global(g)] else { throw Ineligible() }
            return r
        default: throw Ineligible()
        }
    }

    private func register(declaredBy d: Declaration) throws -> Int {
        guard let slot = Self.slot(d) else { throw Ineligible() }
        guard let layout else { return slot }
        guard let r = layout[.slot(slot)] else { throw Ineligible() }
        return r
    }

    /// A register holding `e`'s value: a local's own register, else a fresh temporary.
    private mutating func register(_ e: Expr) throws -> Int {
        if case .variable(let ref) = e.kind { return try register(of: ref) }
        let t = temp()
        try value(e, into: t)
        return t
    }

    /// Code that leaves `e`'s value in `target`. Temporaries it needs come from above `nextTemp`.
    private mutating func value(_ e: Expr, into target: Int) throws {
        switch e.kind {
        case .number(let d):
            let i = constant(d)
            emit(.constant, target, i)
        case .variable(let ref):
            let slot = try register(of: ref)
            if slot != target { emit(.move, target, slot) }
        case .unary(.negate, let x):
            let r = try register(x)
            emit(.negate, target, r)
        case .binary(let op, let a, let b):
            let r = try register(a)
            try arithmetic(op, r, b, into: target)
        case .call(let callee, let args):
            guard case .variable(let ref) = callee.kind, case .global(let g) = ref.target,
                  args.allSatisfy({ $0.label == nil }), !holdsBuiltin(g) else { throw Ineligible() }
            largestGlobal = max(largestGlobal, g)
            // Arguments in consecutive registers, which become the callee's first registers.
            let base = nextTemp
            for _ in args { _ = temp() }
            for (i, arg) in args.enumerated() {
                try scoped { try $0.value(arg.value, into: base + i) }
            }
            emit(.call, base, g, args.count, at: e.location)
            if target != base { emit(.move, target, base) }
        case .ifElse(let condition, let then, let otherwise):
            guard let otherwise else { throw Ineligible() }
            let toElse = try jumpsIfFalse(condition)
            try scoped { try $0.block(then.statements, into: target) }
            let toEnd = emit(.jump, 0)
            patch(toElse, to: here)
            try scoped { try $0.value(otherwise, into: target) }
            patch([toEnd], to: here)
        case .block(let b):
            try scoped { try $0.block(b.statements, into: target) }
        default:
            throw Ineligible()
        }
    }

    /// `target = r op b` for an arithmetic operator.
    private mutating func arithmetic(_ op: BinaryOperator, _ r: Int, _ b: Expr, into target: Int) throws {
        let ops: (NumericOp, NumericOp)
        switch op {
        case .add: ops = (.add, .addK)
        case .subtract: ops = (.subtract, .subtractK)
        case .multiply: ops = (.multiply, .multiplyK)
        case .divide: ops = (.divide, .divideK)
        case .floorDivide: ops = (.floorDivide, .floorDivideK)
        case .modulo: ops = (.modulo, .moduloK)
        case .power: ops = (.power, .powerK)
        default: throw Ineligible()  // comparisons make booleans; @ is for tensors
        }
        if case .number(let k) = b.kind {
            let i = constant(k)
            emit(ops.1, target, r, i)
        } else {
            let rb = try register(b)
            emit(ops.0, target, r, rb)
        }
    }

    // MARK: - Conditions

    /// Code that falls through when `e` is true and jumps when it is false; returns those jumps.
    private mutating func jumpsIfFalse(_ e: Expr) throws -> [Int] {
        switch e.kind {
        case .bool(true): return []
        case .bool(false): return [emit(.jump, 0)]
        case .binary(let op, let a, let b):
            let ops: (NumericOp, NumericOp)
            switch op {
            case .less: ops = (.unlessLess, .unlessLessK)
            case .lessEqual: ops = (.unlessLessEqual, .unlessLessEqualK)
            case .greater: ops = (.unlessGreater, .unlessGreaterK)
            case .greaterEqual: ops = (.unlessGreaterEqual, .unlessGreaterEqualK)
            case .equal: ops = (.unlessEqual, .unlessEqualK)
            case .notEqual: ops = (.unlessNotEqual, .unlessNotEqualK)
            default: throw Ineligible()  // a number as a condition is always true: rare, left out
            }
            var jump = 0
            try scoped { c in
                let r = try c.register(a)
                if case .number(let k) = b.kind {
                    let i = c.constant(k)
                    jump = c.emit(ops.1, 0, r, i)
                } else {
                    let rb = try c.register(b)
                    jump = c.emit(ops.0, 0, r, rb)
                }
            }
            return [jump]
        case .and(let a, let b):
            return try jumpsIfFalse(a) + jumpsIfFalse(b)
        case .or(let a, let b):
            let aFalse = try jumpsIfFalse(a)
            let toTrue = emit(.jump, 0)
            patch(aFalse, to: here)
            let bFalse = try jumpsIfFalse(b)
            patch([toTrue], to: here)
            return bFalse
        case .not(let x):
            let xFalse = try jumpsIfFalse(x)
            let whenTrue = emit(.jump, 0)
            patch(xFalse, to: here)
            return [whenTrue]
        default:
            throw Ineligible()
        }
    }
}
