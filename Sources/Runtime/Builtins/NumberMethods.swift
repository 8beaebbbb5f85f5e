import Foundation

/// Methods of numbers and ranges.
enum NumberMethods {
    static func number(_ v: Value) -> Double {
        if case .number(let d) = v { return d }
        return .nan
    }

    static func unary(_ help: String, _ f: @escaping (Double) -> Double) -> MethodEntry {
        MethodEntry(help: help) { _, recv, args in
            try args.expect(0)
            return .number(f(number(recv)))
        }
    }

    static let table: [String: MethodEntry] = [
        "abs": unary("x.abs(): the absolute value", { Swift.abs($0) }),
        "floor": unary("x.floor(): the largest integer <= x", { $0.rounded(.down) }),
        "ceil": unary("x.ceil(): the smallest integer >= x", { $0.rounded(.up) }),
        "sqrt": unary("x.sqrt(): the square root", { $0.squareRoot() }),
        "exp": unary("x.exp(): e to the power x", { Foundation.exp($0) }),
        "log": unary("x.log(): the natural logarithm", { Foundation.log($0) }),
        "round": MethodEntry(help: "x.round(digits): x rounded half away from zero to `digits` decimals (default 0)") { _, recv, args in
            try args.expect(0, 1)
            let digits = args.positional.isEmpty ? 0 : try args.integer(0)
            guard (0...15).contains(digits) else { throw ScriptError("round: digits must be between 0 and 15") }
            let scale = Foundation.pow(10.0, Double(digits))
            return .number((number(recv) * scale).rounded() / scale)
        },
    ]
}

enum RangeMethods {
    static let table: [String: MethodEntry] = [
        "list": MethodEntry(help: "r.list(): the numbers of the range as a list") { _, recv, args in
            try args.expect(0)
            guard case .range(let r) = recv else { return .list([]) }
            guard r.count <= 10_000_000 else { throw ScriptError("range too large to convert to a list") }
            return .list(ListObject((r.start..<max(r.start, r.end)).map { .number(Double($0)) }))
        },
        "contains": MethodEntry(help: "r.contains(x): true when x is an integer in the range") { _, recv, args in
            try args.expect(1)
            guard case .range(let r) = recv, case .number(let d) = args.positional[0], let i = exactInt(d) else { return .bool(false) }
            return .bool(i >= r.start && i < r.end)
        },
    ]
}
