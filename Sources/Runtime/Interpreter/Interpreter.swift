import Engine
import Lang

/// The execution state of one session: the value and cell stacks that frames live on, call depth,
/// step counting, pending control flow, and where output goes.
final class Interpreter {
    /// Values of all active frames; a call bumps `top` by the callee's slot count.
    /// Initialized up to `initializedTop`, and every initialized free slot holds nil, so a call only
    /// bumps `top` and a return resets the callee's slots to nil (dropping references) before
    /// popping them. Initialization grows in chunks as calls go deeper: touching all 12 MB up front
    /// cost every `spar` process several milliseconds of page faults.
    let stack: UnsafeMutablePointer<Value>
    let stackCapacity = 1 << 19
    private var initializedTop = 0
    private let initializationChunk = 4096
    /// Captured variables of all active frames.
    let cells: UnsafeMutablePointer<Cell>
    let cellCapacity = 1 << 18

    /// The counters every call and loop iteration touch. They live behind a pointer rather than in
    /// stored properties: Swift checks exclusive access to class properties at run time unless it
    /// can prove the checks unnecessary, which `-enable-testing` builds (tests, `make build`) prevent.
    private struct Hot {
        var top = 0
        var cellTop = 0
        var depth = 0
        var flow: Flow = .normal
        var returnValue: Value = .null
    }
    private let hot: UnsafeMutablePointer<Hot>

    /// Next free slot of `stack`.
    var top: Int { @inline(__always) get { hot.pointee.top } @inline(__always) set { hot.pointee.top = newValue } }
    /// Next free cell of `cells`.
    var cellTop: Int { @inline(__always) get { hot.pointee.cellTop } @inline(__always) set { hot.pointee.cellTop = newValue } }
    /// Spar call depth; "stack overflow" beyond `maxDepth`.
    var depth: Int { @inline(__always) get { hot.pointee.depth } @inline(__always) set { hot.pointee.depth = newValue } }
    let maxDepth = 10_000
    /// Steps (loop iterations + calls) of the current evaluation; slow checks run at `checkpoint`.
    var steps: Int { @inline(__always) get { Int(counters[0]) } @inline(__always) set { counters[0] = Int64(newValue) } }
    var checkpoint: Int { @inline(__always) get { Int(counters[1]) } @inline(__always) set { counters[1] = Int64(newValue) } }
    /// `steps` and `checkpoint`, in their own two words so that the numeric VM's C loop can count
    /// steps in place (`stepsPointer`, `checkpointPointer`).
    private let counters: UnsafeMutablePointer<Int64>
    var stepsPointer: UnsafeMutablePointer<Int64> { counters }
    var checkpointPointer: UnsafeMutablePointer<Int64> { counters + 1 }
    var stepLimit: Int?
    /// A pending `break`/`continue`/`return` travelling by flag, and the returned value.
    var flow: Flow { @inline(__always) get { hot.pointee.flow } @inline(__always) set { hot.pointee.flow = newValue } }
    var returnValue: Value { @inline(__always) get { hot.pointee.returnValue } @inline(__always) set { hot.pointee.returnValue = newValue } }

    /// Runs pure numeric functions (see `NumericFunction`).
    private(set) lazy var numericVM = NumericVM(maxDepth: maxDepth)

    let output: (String) -> Void
    /// Where `show(x)` and echoed values go instead of `output` when set (a notebook runner keeps
    /// them as rich items); see `Session.displayHook`.
    var displayHook: ((DisplayItem) -> Void)?
    /// Loads `use` modules; set by the session.
    var moduleLoader: ((String, SourceLocation) throws -> Value)?

    init(output: @escaping (String) -> Void) {
        self.output = output
        stack = .allocate(capacity: stackCapacity)
        cells = .allocate(capacity: cellCapacity)
        hot = .allocate(capacity: 1)
        hot.initialize(to: Hot())
        counters = .allocate(capacity: 2)
        counters.initialize(repeating: 0, count: 2)
    }

    deinit {
        stack.deinitialize(count: initializedTop)
        stack.deallocate()
        cells.deinitialize(count: cellTop)
        cells.deallocate()
        hot.deinitialize(count: 1)
        hot.deallocate()
        counters.deallocate()
    }

    /// Prepares counters for a new evaluation.
    func beginEvaluation() {
        steps = 0
        checkpoint = 0
        flow = .normal
        returnValue = .null
        depth = 0
    }

    // MARK: - Steps, interrupts

    /// Counts one step; every 1024 steps (or at the limit) checks for Ctrl-C and the step limit.
    @inline(__always)
    func tick(_ location: SourceLocation) throws {
        counters[0] &+= 1
        if _slowPath(counters[0] >= counters[1]) { try slowTick(location) }
    }

    @inline(never)
    func slowTick(_ location: SourceLocation) throws {
        if Interruption.isRequested {
            Interruption.clear()
            throw RuntimeError("interrupted", at: location, fatal: true)
        }
        if let limit = stepLimit, steps > limit {
            throw RuntimeError("step limit of \(limit) exceeded", at: location, fatal: true)
        }
        checkpoint = steps + 1024
        if let limit = stepLimit { checkpoint = min(checkpoint, limit + 1) }
    }

    // MARK: - Calls

    /// Runs closure `c` whose arguments are already in `slots[0..<parameter count]` (the frame was
    /// reserved by the caller). Handles cells, returns and the trace.
    @inline(__always)
    func invoke(_ c: Closure, slots: UnsafeMutablePointer<Value>, at location: SourceLocation,
                missing: [Bool]? = nil) throws -> Value {
        try tick(location)
        depth += 1
        defer { depth -= 1 }
        if _slowPath(depth > maxDepth) { throw RuntimeError("stack overflow", at: location) }
        let cellCount = c.cellCount
        let cellBase = cellTop
        let frameCells = cells + cellBase
        if cellCount > 0 {
            guard cellBase + cellCount <= cellCapacity else { throw RuntimeError("stack overflow", at: location) }
            for i in 0..<cellCount { (frameCells + i).initialize(to: Cell(.null)) }
            cellTop += cellCount
            for (p, cell) in c.proto.parameterCells.enumerated() where cell >= 0 {
                frameCells[cell].value = slots[p]
            }
        }
        defer {
            if cellCount > 0 {
                frameCells.deinitialize(count: cellCount)
                cellTop = cellBase
            }
        }
        let frame = Frame(slots: slots, cells: frameCells, closure: c)
        do {
            if let numeric = c.proto.numericEntry, missing == nil {
                let savedSteps = steps
                if let x = try numeric._withUnsafeGuaranteedRef({ try numericVM.run($0, slots, self) }) {
                    if !c.proto.numericTrial.keepEntering(afterRunOf: steps - savedSteps) { c.proto.numericEntry = nil }
                    return .number(x)
                }
                // The VM gave up: run the call here instead, counting its steps once.
                steps = savedSteps
                // Call sites in the VM that remember it may still call it there: its code stays
                // correct (and alive, in `proto.numeric`); only new lookups stop finding it.
                c.proto.numericCode = nil
                c.proto.numericEntry = nil
            }
            if let missing {
                // Defaults run in the callee's frame, so they may use earlier parameters.
                let proto = c.proto
                for p in 0..<proto.parameters.count where missing[p] {
                    guard let code = proto.defaults[p] else {
                        throw RuntimeError("missing argument '\(proto.parameters[p])' in call to \(proto.name)", at: location)
                    }
                    let v = try code.run(frame)
                    slots[p] = v
                    if proto.parameterCells[p] >= 0 { frameCells[proto.parameterCells[p]].value = v }
                }
            }
            let value = try c.body(frame)
            if flow == .returnValue {
                flow = .normal
                let result = returnValue
                returnValue = .null
                return result
            }
            return value
        } catch let signal as ControlSignal where signal.flow == .returnValue {
            flow = .normal
            let result = returnValue
            returnValue = .null
            return result
        } catch let error as RuntimeError {
            error.leave(function: c.proto.name, callSite: location)
            throw error
        }
    }

    /// Reserves a frame of `count` slots (all nil) on the value stack.
    @inline(__always)
    func reserve(_ count: Int, at location: SourceLocation) throws -> UnsafeMutablePointer<Value> {
        let end = top + count
        if _slowPath(end > initializedTop) { try initializeStack(through: end, at: location) }
        let slots = stack + top
        top = end
        return slots
    }

    /// Fills more of `stack` with nil so that slots below `end` are usable.
    @inline(never)
    private func initializeStack(through end: Int, at location: SourceLocation) throws {
        guard end <= stackCapacity else { throw RuntimeError("stack overflow", at: location) }
        let newTop = min(stackCapacity, max(end, initializedTop + initializationChunk))
        (stack + initializedTop).initialize(repeating: .null, count: newTop - initializedTop)
        initializedTop = newTop
    }

    /// Pops a frame, resetting its slots to nil.
    @inline(__always)
    func release(_ slots: UnsafeMutablePointer<Value>, _ count: Int) {
        var i = 0
        while i < count {
            // Numbers, booleans and nil hold no reference: overwrite them without a destroy call.
            switch slots[i] {
            case .number, .bool, .null: (slots + i).initialize(to: .null)
            default: slots[i] = .null
            }
            i += 1
        }
        top -= count
    }

    /// Calls any callable value with evaluated arguments (labels parallel to `args`, nil = positional).
    func call(_ callee: Value, _ args: [Value], labels: [String?]? = nil, at location: SourceLocation) throws -> Value {
        switch callee {
        case .closure(let c):
            let proto = c.proto
            let slots = try reserve(proto.slotCount, at: location)
            defer { release(slots, proto.slotCount) }
            var filled = [Bool](repeating: false, count: proto.parameters.count)
            var positional = 0
            for (i, arg) in args.enumerated() {
                if let label = labels?[i] {
                    guard let p = proto.parameters.firstIndex(of: label) else {
                        throw RuntimeError("\(proto.name) has no parameter '\(label)'", at: location)
                    }
                    if filled[p] { throw RuntimeError("argument '\(label)' given twice in call to \(proto.name)", at: location) }
                    slots[p] = arg; filled[p] = true
                } else {
                    guard positional < proto.parameters.count else {
                        throw RuntimeError("\(proto.name) takes \(proto.parameters.count) argument\(proto.parameters.count == 1 ? "" : "s") but \(args.count) were given", at: location)
                    }
                    slots[positional] = arg; filled[positional] = true
                    positional += 1
                }
            }
            if filled.contains(false) {
                return try invoke(c, slots: slots, at: location, missing: filled.map { !$0 })
            }
            return try invoke(c, slots: slots, at: location)
        case .builtin(let b):
            try tick(location)
            var positional: [Value] = []
            var labeled: [(label: String, value: Value)] = []
            for (i, arg) in args.enumerated() {
                if let label = labels?[i] { labeled.append((label, arg)) } else { positional.append(arg) }
            }
            let arguments = Arguments(callee: b.name, positional: positional, labeled: labeled, interpreter: self, location: location)
            do {
                return try b.body(arguments)
            } catch {
                throw located(error, at: location)
            }
        default:
            throw RuntimeError("\(callee.typeName) is not callable", at: location)
        }
    }
}
