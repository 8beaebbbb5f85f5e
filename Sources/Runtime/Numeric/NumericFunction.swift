import CNumericVM
import Lang

/// A Spar function translated for the numeric VM: register code over unboxed `Double`s.
///
/// Only "pure numeric" functions get one (see `NumericCompiler`): every local and every value is a
/// number, and the function has no effect but its result — it reads no globals except the
/// functions it calls, writes none, captures nothing. That purity is what makes the VM safe: when
/// it meets anything it does not handle (a callee without numeric code, a division by zero, a
/// non-integral range bound, too deep a recursion) it gives the call up, and the tree interpreter
/// runs the same call again from its arguments, with the same result or error.
final class NumericFunction {
    let name: String
    /// The store the function's global names index (the session's, or its module's).
    unowned(unsafe) let globals: GlobalStore
    /// Source location of each instruction: the call site of a call, the loop of a tick.
    let locations: [SourceLocation]
    /// The function as the C loop reads it; its `owner` is this object, unretained.
    let descriptor: UnsafeMutablePointer<SparNumFunction>
    var parameterCount: Int { Int(descriptor.pointee.parameterCount) }

    init(name: String, globals: GlobalStore, parameterCount: Int, registerCount: Int, code: [NumericInstruction],
         constants: [Double], locations: [SourceLocation]) {
        self.name = name; self.globals = globals; self.locations = locations
        let count = max(code.count, 1)
        let instructions = UnsafeMutablePointer<SparNumInstruction>.allocate(capacity: count)
        for (i, ins) in code.enumerated() {
            (instructions + i).initialize(to: SparNumInstruction(op: ins.op.rawValue, a: ins.a, b: ins.b, c: ins.c))
        }
        let k = UnsafeMutablePointer<Double>.allocate(capacity: max(constants.count, 1))
        k.initialize(from: constants, count: constants.count)
        let cache = UnsafeMutablePointer<SparNumCallCache>.allocate(capacity: count)
        cache.initialize(repeating: SparNumCallCache(version: 0, callee: nil), count: count)
        descriptor = .allocate(capacity: 1)
        descriptor.initialize(to: SparNumFunction(code: instructions, constants: k, cache: cache,
                                                  version: UnsafePointer(globals.version),
                                                  parameterCount: Int32(parameterCount),
                                                  registerCount: Int32(registerCount), owner: nil))
        descriptor.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
    }

    deinit {
        UnsafeMutablePointer(mutating: descriptor.pointee.code).deallocate()
        UnsafeMutablePointer(mutating: descriptor.pointee.constants).deallocate()
        descriptor.pointee.cache.deallocate()
        descriptor.deallocate()
    }

    /// The function whose descriptor's `owner` is `p`.
    static func owner(_ p: UnsafeRawPointer) -> NumericFunction {
        Unmanaged<NumericFunction>.fromOpaque(p).takeUnretainedValue()
    }
}

/// One instruction as the compiler builds it (copied into the C layout by `NumericFunction`).
struct NumericInstruction {
    var op: NumericOp
    var a: Int32
    var b: Int32
    var c: Int32
    init(_ op: NumericOp, _ a: Int, _ b: Int = 0, _ c: Int = 0) {
        // No trap here; `NumericCompiler` rejects code whose operands could be out of range.
        self.op = op; self.a = Int32(truncatingIfNeeded: a); self.b = Int32(truncatingIfNeeded: b)
        self.c = Int32(truncatingIfNeeded: c)
    }
}

/// The operations of the numeric VM, in the order of the C enum `SPAR_OP_*` (a test checks).
/// `r` is the frame's registers, `k` the constants.
enum NumericOp: UInt8, CaseIterable {
    /// r[a] = r[b]
    case move
    /// r[a] = k[b]
    case constant
    /// r[a] = r[b] op r[c]
    case add, subtract, multiply, divide, floorDivide, modulo, power
    /// r[a] = r[b] op k[c]
    case addK, subtractK, multiplyK, divideK, floorDivideK, moduloK, powerK
    /// r[a] = -r[b]
    case negate
    /// pc = a
    case jump
    /// if !(r[b] op r[c]) { pc = a }
    case unlessLess, unlessLessEqual, unlessGreater, unlessGreaterEqual, unlessEqual, unlessNotEqual
    /// if !(r[b] op k[c]) { pc = a }
    case unlessLessK, unlessLessEqualK, unlessGreaterK, unlessGreaterEqualK, unlessEqualK, unlessNotEqualK
    /// Calls global b with the c arguments in r[a]..., whose frame starts at r[a]; the result lands in r[a].
    case call
    /// Returns r[a].
    case ret
    /// Checks the range bounds r[a] (start) and r[a + 1] (end) are integers; b = 1 for `...`.
    case forPrepare
    /// One loop iteration: counts a step (for Ctrl-C and step limits).
    case tick
    /// The end of a `for` body: r[a] += 1; if r[a] < r[a + 1] { tick; r[b] = r[a]; pc = c }.
    case forStep
}
