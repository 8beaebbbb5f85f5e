import XCTest
import Engine
@testable import Runtime

/// The example of docs/EXTENDING.md: a 2-D vector bound as a native value.
final class Vec2: NativeValue {
    let x: Double, y: Double
    init(_ x: Double, _ y: Double) { self.x = x; self.y = y }

    var typeName: String { "vec2" }
    var summary: String { "<vec2 \(formatNumber(x)), \(formatNumber(y))>" }
    var showText: String { "vec2\n  x = \(formatNumber(x))\n  y = \(formatNumber(y))" }
    var memberNames: [String] { ["x", "y", "length", "scaled"] }

    func member(_ name: String) throws -> Value? {
        switch name {
        case "x": return .number(x)
        case "y": return .number(y)
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        switch method {
        case "length":
            try args.expect(0)
            return .number((x * x + y * y).squareRoot())
        case "scaled":
            try args.expect(0, 0, labels: ["by"])
            let k = try args.number(0, "by")
            return .native(Vec2(x * k, y * k))
        default: return nil
        }
    }

    func help(member: String) -> String? {
        ["length": "v.length(): the Euclidean length", "scaled": "v.scaled(by: k): the vector times k"][member]
    }

    func binary(_ op: BinaryOp, _ other: Value, selfIsLeft: Bool) throws -> Value? {
        switch (op, other) {
        case (.add, .native(let o as Vec2)): return .native(Vec2(x + o.x, y + o.y))
        case (.multiply, .number(let k)): return .native(Vec2(x * k, y * k))
        case (.equal, .native(let o as Vec2)): return .bool(x == o.x && y == o.y)
        case (.matmul, .native(let o as Vec2)): return .number(x * o.x + y * o.y)
        case (.divide, .number(0)) where selfIsLeft: throw EngineError("vec2: division by zero")
        case (.divide, .number(let k)) where selfIsLeft: return .native(Vec2(x / k, y / k))
        default: return nil
        }
    }

    func negate() throws -> Value? { .native(Vec2(-x, -y)) }

    func index(_ index: Value) throws -> Value? {
        guard case .number(let i) = index else { return nil }
        switch i {
        case 0: return .number(x)
        case 1: return .number(y)
        default: throw ScriptError("vec2 index must be 0 or 1, not \(formatNumber(i))")
        }
    }

    static func install() {
        Builtins.register(name: "vec2", help: "vec2(x, y): a 2-D vector (an example native type)") { args in
            try args.expect(2)
            return .native(Vec2(try args.number(0), try args.number(1)))
        }
        Builtins.register(name: "geometry", help: "geometry: a namespace of vector helpers", value: .record([
            ("origin", .builtin(Builtin(name: "geometry.origin") { _ in .native(Vec2(0, 0)) })),
            ("spin", .builtin(Builtin(name: "geometry.spin") { args in
                // A long native loop that honours Ctrl-C.
                while true { try args.checkInterrupt(); usleep(1_000) }
            })),
            ("apply", .builtin(Builtin(name: "geometry.apply") { args in
                try args.expect(2)
                return try args.callFunction(args.positional[0], [args.positional[1]])
            })),
        ]))
        Builtins.registerHelp(topic: "geometry.origin", help: "geometry.origin(): the zero vector")
    }
}

final class NativeValueTests: XCTestCase {
    override class func setUp() { Vec2.install() }

    func run(_ source: String) -> (RunStatus, String, String) {
        var out = "", err = ""
        let s = Session(out: { out += $0 }, err: { err += $0 })
        let status = s.run(source: source, path: "native.spar")
        return (status, out, err)
    }

    func testNativeValuesBehaveLikeValues() {
        let (status, out, err) = run("""
        let v = vec2(3, 4)
        print(v, type(v), v.x, v[1], v.length())
        print(v + vec2(1, 1), v * 2, -v, v @ vec2(1, 0), v == vec2(3, 4), v != vec2(0, 0))
        print(v.scaled(by: 0.5), [v])
        show(v)
        let f = v.length
        print(f(), geometry.origin(), geometry.apply(fn(p) { p.x + 1 }, v))
        """)
        XCTAssertEqual(status, .ok, err)
        XCTAssertEqual(out, """
        <vec2 3, 4> vec2 3 4 5
        <vec2 4, 5> <vec2 6, 8> <vec2 -3, -4> 3 true true
        <vec2 1.5, 2> [<vec2 3, 4>]
        vec2
          x = 3
          y = 4
        5 <vec2 0, 0> 4

        """)
    }

    func testNativeErrorsBecomeLocatedSparErrors() {
        var (status, _, err) = run("let v = vec2(1, 2)\nprint(v / 0)")
        XCTAssertEqual(status, .runtimeError)
        XCTAssertTrue(err.hasPrefix("native.spar:2:9: error: vec2: division by zero"), err)
        (status, _, err) = run("vec2(1, 2)[5]")
        XCTAssertTrue(err.hasPrefix("native.spar:1:11: error: vec2 index must be 0 or 1, not 5"), err)
        (status, _, err) = run("vec2(1, 2).nope()")
        XCTAssertTrue(err.contains("error: vec2 has no method 'nope'"), err)
        (status, _, err) = run("vec2(1, 2) - 1")
        XCTAssertTrue(err.contains("error: unsupported operand types for -: vec2 and number"), err)
        (status, _, err) = run("vec2(1)")
        XCTAssertTrue(err.contains("error: vec2 takes 2 arguments but 1 were given"), err)
    }

    func testLongNativeCallsCanBeInterrupted() {
        var err = ""
        let s = Session(out: { _ in }, err: { err += $0 })
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { Session.requestInterrupt() }
        XCTAssertEqual(s.run(source: "try { geometry.spin() } catch e { print(\"caught\") }", path: "spin.spar"), .runtimeError)
        XCTAssertTrue(err.hasPrefix("spin.spar:1:16: error: interrupted"), err)
    }

    func testHelpAndCompletionReachNatives() {
        let s = Session(out: { _ in }, err: { _ in })
        _ = s.evalInteractive("let v = vec2(1, 2)")
        XCTAssertEqual(s.completions(line: "v.s", cursor: 3), ["scaled"])
        XCTAssertEqual(s.help("v.length"), "v.length(): the Euclidean length")
        XCTAssertEqual(s.help("vec2"), "vec2(x, y): a 2-D vector (an example native type)")
        XCTAssertEqual(s.help("geometry.origin"), "geometry.origin(): the zero vector")
        XCTAssertEqual(s.globals().map(\.name), ["v"])
    }

    /// Natives index their arguments with numbers they may compute; a negative one is "absent".
    func testArgumentsOutOfRangeIndexIsNil() {
        let args = Arguments(callee: "f", positional: [.number(1), .number(2)])
        XCTAssertNil(args[-1])
        XCTAssertNil(args[2])
        XCTAssertEqual(args[1].map { valuesEqual($0, .number(2)) }, true)
    }
}
