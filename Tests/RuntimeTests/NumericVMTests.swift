import CNumericVM
import XCTest
@testable import Runtime

/// The numeric VM against the tree interpreter: the same programs run with the VM on and off must
/// print the same output and fail with the same error and stack trace, whether the VM finishes a
/// call or gives it up. The VM counters show which of the two happened, so no test passes merely
/// because the VM was never used.
final class NumericVMTests: XCTestCase {
    struct Outcome: Equatable { var out: String; var err: String; var status: String }

    private func run(_ source: String, numeric: Bool, stepLimit: Int? = nil) -> (Outcome, completed: Int, gaveUp: Int) {
        let saved = NumericCompiler.isEnabled
        NumericCompiler.isEnabled = numeric
        defer { NumericCompiler.isEnabled = saved }
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        session.stepLimit = stepLimit
        let status = session.run(source: source, path: "test.spar")
        let vm = session.interp.numericVM
        return (Outcome(out: out, err: err, status: "\(status)"), vm.completed, vm.gaveUp)
    }

    /// Runs `source` both ways, checks the outcomes agree, and returns the VM run's counters.
    @discardableResult
    private func same(_ source: String, stepLimit: Int? = nil, file: StaticString = #filePath, line: UInt = #line)
        -> (outcome: Outcome, completed: Int, gaveUp: Int) {
        let tree = run(source, numeric: false, stepLimit: stepLimit)
        let vm = run(source, numeric: true, stepLimit: stepLimit)
        XCTAssertEqual(vm.0, tree.0, source, file: file, line: line)
        XCTAssertEqual(tree.completed + tree.gaveUp, 0, "the tree run used the VM", file: file, line: line)
        return (vm.0, vm.completed, vm.gaveUp)
    }

    func testRecursionRunsInTheVM() {
        let r = same("fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }\nprint(fib(20))")
        XCTAssertEqual(r.outcome.out, "6765\n")
        XCTAssertEqual(r.completed, 1)  // one entry from the script; every recursive call inside
        XCTAssertEqual(r.gaveUp, 0)
    }

    func testLoopsConditionsAndOperators() {
        let r = same("""
            fn collatz(n) {
                var steps = 0
                while n != 1 {
                    if n % 2 == 0 { n = n // 2 } else { n = 3 * n + 1 }
                    steps += 1
                }
                steps
            }
            fn mix(a, b) {
                var s = 0
                for i in 0..<a {
                    if i == 3 { continue }
                    if i > 40 or (i > b and not (i < 2)) { break }
                    s += i ** 2 / 3 - (-i % 7) * 1.5
                    s -= i // 4
                    s *= 1.0001
                }
                for j in 1...b { s /= 1 + j / 100 }
                return s
            }
            fn sign(x) { if x < 0 { return -1 }; if x == 0 { 0 } else { 1 } }
            fn early(n) {
                var i = 0
                while true {
                    i += 1
                    if i >= n { return i * 10 }
                }
                0
            }
            print(collatz(27), mix(50, 30), mix(5, 2), sign(-3), sign(0), sign(2.5), early(7))
            print(-7 % 3, 7 % -3, 7.5 % 2, -7 // 2, 2 ** 0.5, 1 / 3)
            """)
        XCTAssertEqual(r.gaveUp, 0, r.outcome.err)
        XCTAssertEqual(r.completed, 7)
        XCTAssertTrue(r.outcome.out.hasPrefix("111 "), r.outcome.out)
    }

    func testDivisionByZeroDeepInsideIsReportedWithTheSameTrace() {
        let r = same("""
            fn down(n) { if n == 0 { 1 / n } else { down(n - 1) + 1 } }
            fn outer(x) { down(x) * 2 }
            print(outer(3))
            """)
        XCTAssertTrue(r.outcome.err.contains("division by zero"), r.outcome.err)
        XCTAssertTrue(r.outcome.err.contains("down"), r.outcome.err)
        // Given up twice: in `outer`, then in `down` called by the interpreter's rerun of `outer`.
        XCTAssertEqual(r.gaveUp, 2)
    }

    func testModuloAndFloorDivisionByZeroAndBadRangeBounds() {
        for body in ["n % 0", "n // 0", "n // (n - n)"] {
            let r = same("fn f(n) { \(body) }\nprint(f(4))")
            XCTAssertTrue(r.outcome.err.contains("division by zero"), body + ": " + r.outcome.err)
        }
        let r = same("fn f(n) { var s = 0; for i in 0..<n { s += i }; s }\nprint(f(4))\nprint(f(2.5))")
        XCTAssertTrue(r.outcome.out == "6\n" && r.outcome.err.contains("range bounds must be integers"), r.outcome.err)
    }

    func testStackOverflowIsTheInterpretersError() {
        let r = same("fn forever(n) { forever(n + 1) }\nforever(0)")
        XCTAssertTrue(r.outcome.err.contains("stack overflow"), r.outcome.err)
        XCTAssertEqual(r.gaveUp, 1)
    }

    func testStepLimitStopsTheVMWithTheSameTrace() {
        let r = same("""
            fn spin(n) { var i = 0; while i < n { i += 1 }; i }
            fn twice(n) { spin(n) + spin(n) }
            print(twice(10))
            print(twice(100000))
            """, stepLimit: 50_000)
        XCTAssertEqual(r.outcome.out, "20\n")
        XCTAssertTrue(r.outcome.err.contains("step limit"), r.outcome.err)
        XCTAssertTrue(r.outcome.err.contains("spin"), r.outcome.err)
    }

    func testCalleesThatAreNotNumericOrChangeAreFollowed() {
        // A callee without numeric code: the VM gives up and the interpreter calls it.
        var r = same("fn label(n) { \"n\\(n)\" }\nfn f(n) { if n > 0 { label(n) } else { 0 } }\nprint(f(0), f(16), f(4))")
        XCTAssertEqual(r.outcome.out, "0 n16 n4\n")
        XCTAssertEqual(r.completed, 1)  // f(0) never reaches the call
        XCTAssertEqual(r.gaveUp, 1)     // f(16) does; f(4) then goes straight to the interpreter
        // A builtin callee is known when the function compiles: no VM code at all.
        r = same("fn f(n) { num(n) * 2 }\nprint(f(3))\nvar s = 0\nfor i in 0..<3 { s += i; print(s) }")
        XCTAssertEqual(r.outcome.out, "6\n0\n1\n3\n")
        XCTAssertEqual(r.completed + r.gaveUp, 0)
        // Replacing a global function between calls: call sites look the new one up.
        r = same("""
            var g = fn(n) { n + 1 }
            fn f(n) { g(n) * 2 }
            print(f(1))
            g = fn(n) { n + 100 }
            print(f(1))
            fn h(n) { n * 3 }
            g = h
            print(f(1))
            g = fn(n) { "text" }
            print(f(1))
            """)
        XCTAssertEqual(r.outcome.out, "4\n202\n6\ntexttext\n", r.outcome.err)  // a string times 2 repeats it
        XCTAssertEqual(r.completed, 3)
        XCTAssertEqual(r.gaveUp, 1)
        // Arguments that are not numbers go to the interpreter without a VM attempt.
        r = same("fn twice(x) { x + x }\nprint(twice(2), twice(\"ab\"))")
        XCTAssertEqual(r.outcome.out, "4 abab\n")
    }

    func testFunctionsOutsideTheSubsetAreLeftAlone() {
        let r = same("""
            let base = 10
            fn usesGlobal(n) { n + base }
            fn makesText(n) { "n=\\(n)" }
            fn captures(n) { fn inner() { n }; inner() }
            fn noValue(n) { var x = n }
            fn defaults(n, k: 2) { n * k }
            print(usesGlobal(1), makesText(2), captures(3), noValue(4), defaults(5))
            """)
        XCTAssertEqual(r.outcome.out, "11 n=2 3 nil 10\n")
        XCTAssertEqual(r.completed + r.gaveUp, 0)
    }

    func testScriptLevelLoopsRunInTheVMAndLeaveTheSameValues() {
        let r = same("""
            var s = 0
            var n = 7
            for i in 0..<1000 { s += i % n * 3 }
            var j = 0
            while true {
                j += 1
                if j % 2 == 0 { continue }
                if j > 50 { break }
                s -= j
            }
            print(s, j, n)
            fn report(label) {
                var total = 0.5
                for k in 1...10 { total *= 1 + k / 10 }
                print(label, total)
            }
            report("growth")
            """)
        XCTAssertEqual(r.outcome.out, "8366 51 7\ngrowth 33.52212864\n", r.outcome.err)  // as Python computes it
        XCTAssertEqual(r.completed, 3)  // both script loops and the loop inside `report`
        XCTAssertEqual(r.gaveUp, 0)
    }

    func testALoopOfAFewIterationsPerRunIsLeftToTheInterpreterAfterATrial() {
        let r = same("""
            fn f(xs) { var s = 0; for i in 0..<2 { s += i }; s + len(xs) }
            var t = 0
            for k in 0..<200 { t += f([k]) }
            print(t)
            """)
        XCTAssertEqual(r.outcome.out, "400\n")
        XCTAssertEqual(r.completed, 64)  // the trial; the other 136 runs stay in the interpreter
    }

    func testAQuickFunctionCalledFromTheInterpreterIsLeftThereAfterATrialButNotInsideTheVM() {
        let r = same("""
            fn sq(x) { x * x }
            var t = 0
            for k in range(200) { t += sq(k) }
            var u = 0
            for i in 0..<1000 { u += sq(i) }
            print(t, u)
            """)
        XCTAssertEqual(r.outcome.out, "2646700 332833500\n")
        // 64 trial calls of sq from the interpreter's loop over a list, then the numeric loop,
        // which calls sq inside the VM all the same.
        XCTAssertEqual(r.completed, 65)
    }

    func testALoopGivenUpHalfwayIsRerunFromTheStart() {
        // The VM stops at i == 5 (a zero divisor); the interpreter runs the loop again from the
        // start, so `s` holds the interpreter's partial sum when the error is caught.
        var r = same("""
            var s = 0
            try {
                for i in 0..<10 { s += 10 / (5 - i) }
            } catch e {
                print(s, e.message)
            }
            """)
        XCTAssertEqual(r.outcome.out, "22.833333333333336 division by zero\n")  // 2 + 2.5 + 3.33 + 5 + 10
        XCTAssertEqual(r.gaveUp, 1)
        // A variable that is not a number: no VM run at all.
        r = same("var s = \"\"\nfor i in 0..<3 { s += i }")
        XCTAssertTrue(r.outcome.err.contains("unsupported operand types"), r.outcome.err)
        XCTAssertEqual(r.completed + r.gaveUp, 0)  // `s` is no number: the VM never starts
    }

    func testAStoppedLoopLeavesItsVariablesAsTheInterpreterWould() {
        func values(numeric: Bool) -> String {
            let saved = NumericCompiler.isEnabled
            NumericCompiler.isEnabled = numeric
            defer { NumericCompiler.isEnabled = saved }
            var out = "", err = ""
            let session = Session(out: { out += $0 }, err: { err += $0 })
            _ = session.evalInteractive("var s = 0; var last = 0")
            session.stepLimit = 5_000
            _ = session.evalInteractive("for i in 0..<100000 { s += i; last = i }")
            session.stepLimit = nil
            _ = session.evalInteractive("print(s, last)")
            return out + err
        }
        let vm = values(numeric: true), tree = values(numeric: false)
        XCTAssertEqual(vm, tree)
        XCTAssertTrue(vm.contains("step limit"), vm)
    }

    /// Random pure numeric functions, each called on a few arguments, both ways.
    func testRandomNumericFunctionsAgreeWithTheInterpreter() {
        var rng = SplitMix(seed: 7)
        var completed = 0
        for _ in 0..<500 {
            let source = RandomNumericProgram(&rng).source
            completed += same(source, stepLimit: 200_000).completed
        }
        XCTAssertGreaterThan(completed, 500)
    }

    func testOperationOrderMatchesTheCLoop() {
        let c: [(NumericOp, Int)] = [
            (.move, SPAR_OP_MOVE), (.constant, SPAR_OP_CONSTANT), (.add, SPAR_OP_ADD),
            (.subtract, SPAR_OP_SUBTRACT), (.multiply, SPAR_OP_MULTIPLY), (.divide, SPAR_OP_DIVIDE),
            (.floorDivide, SPAR_OP_FLOOR_DIVIDE), (.modulo, SPAR_OP_MODULO), (.power, SPAR_OP_POWER),
            (.addK, SPAR_OP_ADD_K), (.subtractK, SPAR_OP_SUBTRACT_K), (.multiplyK, SPAR_OP_MULTIPLY_K),
            (.divideK, SPAR_OP_DIVIDE_K), (.floorDivideK, SPAR_OP_FLOOR_DIVIDE_K), (.moduloK, SPAR_OP_MODULO_K),
            (.powerK, SPAR_OP_POWER_K), (.negate, SPAR_OP_NEGATE), (.jump, SPAR_OP_JUMP),
            (.unlessLess, SPAR_OP_UNLESS_LESS), (.unlessLessEqual, SPAR_OP_UNLESS_LESS_EQUAL), (.unlessGreater, SPAR_OP_UNLESS_GREATER),
            (.unlessGreaterEqual, SPAR_OP_UNLESS_GREATER_EQUAL), (.unlessEqual, SPAR_OP_UNLESS_EQUAL), (.unlessNotEqual, SPAR_OP_UNLESS_NOT_EQUAL),
            (.unlessLessK, SPAR_OP_UNLESS_LESS_K), (.unlessLessEqualK, SPAR_OP_UNLESS_LESS_EQUAL_K), (.unlessGreaterK, SPAR_OP_UNLESS_GREATER_K),
            (.unlessGreaterEqualK, SPAR_OP_UNLESS_GREATER_EQUAL_K), (.unlessEqualK, SPAR_OP_UNLESS_EQUAL_K), (.unlessNotEqualK, SPAR_OP_UNLESS_NOT_EQUAL_K),
            (.call, SPAR_OP_CALL), (.ret, SPAR_OP_RET), (.forPrepare, SPAR_OP_FOR_PREPARE),
            (.tick, SPAR_OP_TICK), (.forStep, SPAR_OP_FOR_STEP),
        ]
        XCTAssertEqual(c.count, NumericOp.allCases.count)
        XCTAssertEqual(NumericOp.allCases.count, SPAR_OP_COUNT)
        for (op, value) in c { XCTAssertEqual(Int(op.rawValue), value, "\(op)") }
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// A random program: a few pure numeric functions (arithmetic with every operator, conditions,
/// loops, early returns, calls of earlier functions and of themselves with a shrinking argument)
/// and prints of calls on assorted arguments, negative, fractional and zero ones included.
struct RandomNumericProgram {
    private(set) var source = ""
    private var rng: SplitMix
    private var loops = 0

    init(_ rng: inout SplitMix) {
        self.rng = rng
        var lines: [String] = []
        let count = 1 + self.rng.below(3)
        for f in 0..<count { lines.append(function(f)) }
        for _ in 0..<3 {
            let f = self.rng.below(count)
            lines.append("print(f\(f)(\(argument()), \(argument())))")
        }
        // A script-level loop over the functions, which the VM runs as a loop of its own.
        let f = self.rng.below(count)
        lines.append("var acc = \(argument())\nfor i in 0..<\(self.rng.below(6)) { acc += f\(f)(i, acc) % 5 }\nprint(acc)")
        source = lines.joined(separator: "\n")
        rng = self.rng
    }

    private mutating func argument() -> String {
        ["0", "1", "2", "3", "7", "-4", "2.5", "-0.5", "10", "1e3"][rng.below(10)]
    }

    private mutating func function(_ index: Int) -> String {
        var body: [String] = ["var t = \(expression(2, index, locals: ["a", "b"]))"]
        let locals = ["a", "b", "t"]
        for _ in 0..<rng.below(4) { body.append(statement(index, locals: locals, depth: 0)) }
        body.append(expression(2, index, locals: locals))
        // The recursive call is guarded so that it shrinks towards the base case.
        return "fn f\(index)(a, b) {\n  if a > 0 and a < 6 and b > -3 { return f\(index)(a - 1, b) + 1 }\n  "
            + body.joined(separator: "\n  ") + "\n}"
    }

    private mutating func statement(_ index: Int, locals: [String], depth: Int) -> String {
        switch rng.below(depth > 0 ? 4 : 6) {
        case 0: return "t = \(expression(2, index, locals: locals))"
        case 1: return "t \(["+=", "-=", "*=", "/="][rng.below(4)]) \(expression(1, index, locals: locals))"
        case 2: return "if \(condition(index, locals: locals)) { \(statement(index, locals: locals, depth: depth + 1)) }"
        case 3: return "if \(condition(index, locals: locals)) { return \(expression(1, index, locals: locals)) }"
        case 4: return "for i in 0..<\(rng.below(5)) { t += i * \(expression(1, index, locals: locals)) }"
        default:
            loops += 1
            let w = "w\(loops)"
            return "var \(w) = 0\n  while \(w) < \(rng.below(6)) { \(w) += 1; if \(w) == 3 { break }; t -= \(w) }"
        }
    }

    private mutating func condition(_ index: Int, locals: [String]) -> String {
        let ops = ["<", "<=", ">", ">=", "==", "!="]
        let simple = "\(expression(1, index, locals: locals)) \(ops[rng.below(6)]) \(expression(1, index, locals: locals))"
        switch rng.below(5) {
        case 0: return "not (\(simple))"
        case 1: return "\(simple) and \(locals[rng.below(locals.count)]) > 0"
        case 2: return "\(simple) or true"
        default: return simple
        }
    }

    private mutating func expression(_ depth: Int, _ index: Int, locals: [String]) -> String {
        if depth == 0 || rng.below(4) == 0 {
            return rng.below(3) == 0 ? ["7", "1", "2", "0.5", "3", "-1"][rng.below(6)] : locals[rng.below(locals.count)]
        }
        let ops = ["+", "-", "*", "/", "//", "%", "**"]
        let a = expression(depth - 1, index, locals: locals), b = expression(depth - 1, index, locals: locals)
        switch rng.below(8) {
        case 0 where index > 0: return "f\(rng.below(index))(\(a), \(b))"
        case 1: return "-(\(a))"
        case 2: return "(if \(a) < \(b) { \(a) } else { \(b) })"
        default: return "(\(a) \(ops[rng.below(ops.count)]) \(b))"
        }
    }
}
