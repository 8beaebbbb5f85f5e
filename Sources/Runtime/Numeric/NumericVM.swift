import CNumericVM
import Lang

/// Runs `NumericFunction`s with the C loop of `CNumericVM`: a register machine over unboxed
/// doubles with its own frame stack, so a recursive call costs a few instructions instead of a
/// tree of closure calls and boxed values.
///
/// `run` returns nil when the loop gives a call up (see `NumericFunction`); the caller then runs
/// the same call in the tree interpreter. The errors it throws are the tick's (Ctrl-C, the step
/// limit), with the Spar stack trace the tree interpreter would give.
final class NumericVM {
    private let registerCapacity = 1 << 20
    private let registers: UnsafeMutablePointer<Double>
    private let frameCapacity: Int
    private let frames: UnsafeMutablePointer<SparNumFrame>
    /// Set while a run is in progress, for the tick callback.
    private unowned(unsafe) var interp: Interpreter?
    private var pendingError: RuntimeError?
    /// Calls the VM ran to the end and calls it gave up, for tests and curiosity.
    private(set) var completed = 0
    private(set) var gaveUp = 0

    init(maxDepth: Int) {
        // Pages are touched only as deep recursion reaches them.
        registers = .allocate(capacity: registerCapacity)
        frameCapacity = maxDepth + 1
        frames = .allocate(capacity: frameCapacity)
    }

    deinit {
        registers.deallocate()
        frames.deallocate()
    }

    /// Runs `entry` on `arguments` (gives up unless all are numbers); the interpreter's call depth
    /// bounds the frames the run may push.
    func run(_ entry: NumericFunction, _ arguments: UnsafeMutablePointer<Value>, _ interp: Interpreter) throws -> Double? {
        try run(entry, interp, load: { registers in
            for i in 0..<entry.parameterCount {
                guard case .number(let x) = arguments[i] else { return false }
                registers[i] = x
            }
            return true
        })
    }

    /// Runs `entry` with its first registers filled by `load` (false: give up before starting).
    /// `store` sees the entry's registers when the run ends or a tick stops it, before the error
    /// is thrown.
    func run(_ entry: NumericFunction, _ interp: Interpreter, load: (UnsafeMutablePointer<Double>) -> Bool,
             store: ((UnsafeMutablePointer<Double>) -> Void)? = nil) throws -> Double? {
        guard Int(entry.descriptor.pointee.registerCount) <= registerCapacity, load(registers) else { return nil }
        self.interp = interp
        defer { self.interp = nil }
        var run = SparNumRun(
            registers: registers, registerCapacity: Int64(registerCapacity),
            frames: frames, frameCapacity: Int64(max(0, min(interp.maxDepth - interp.depth, frameCapacity))),
            steps: interp.stepsPointer, checkpoint: interp.checkpointPointer,
            resolve: resolveCallee, tick: slowTick, context: Unmanaged.passUnretained(self).toOpaque(),
            result: 0, depth: 0, stopFunction: nil, stopPC: 0)
        switch spar_numeric_run(&run, entry.descriptor) {
        case Int32(SPAR_NUM_DONE):
            completed += 1
            store?(registers)
            return run.result
        case Int32(SPAR_NUM_STOPPED):
            store?(registers)
            throw stopped(run)
        default:
            gaveUp += 1
            return nil
        }
    }

    /// The tick's error, with one trace entry per VM frame it leaves, innermost first; the entry's
    /// own frame is recorded by the interpreter call that started the VM.
    private func stopped(_ run: SparNumRun) -> RuntimeError {
        let error = pendingError ?? RuntimeError("interrupted", at: nil, fatal: true)
        pendingError = nil
        guard let stop = run.stopFunction?.pointee.owner else { return error }
        var current = NumericFunction.owner(stop)
        var depth = Int(run.depth)
        while depth > 0 {
            depth -= 1
            let caller = frames[depth]
            guard let owner = caller.function?.pointee.owner else { break }
            let callerFunction = NumericFunction.owner(owner)
            error.leave(function: current.name, callSite: callerFunction.locations[Int(caller.pc) - 1])
            current = callerFunction
        }
        return error
    }

    fileprivate func tick(_ function: NumericFunction, _ pc: Int) -> Bool {
        guard let interp else { return true }
        do {
            try interp.slowTick(function.locations[pc])
            return false
        } catch let error as RuntimeError {
            pendingError = error
        } catch {
            pendingError = RuntimeError("\(error)", at: function.locations[pc], fatal: true)
        }
        return true
    }
}

/// The C loop's callee lookup: global `g` of the caller's store, if it holds a closure with
/// numeric code.
private let resolveCallee: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int32)
    -> UnsafePointer<SparNumFunction>? = { _, caller, g in
    guard let caller else { return nil }
    let store = NumericFunction.owner(caller).globals
    guard Int(g) < store.capacity, case .closure(let c) = store.values[Int(g)],
          let numeric = c.proto.numericCode else { return nil }
    return UnsafePointer(numeric.takeUnretainedValue().descriptor)
}

/// The C loop's tick slow path.
private let slowTick: @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int64) -> Int32 = { context, function, pc in
    guard let context, let function else { return 1 }
    let vm = Unmanaged<NumericVM>.fromOpaque(context).takeUnretainedValue()
    return vm.tick(NumericFunction.owner(function), Int(pc)) ? 1 : 0
}
