extension Builtins {
    /// Installs the core free functions: print, show, len, type, str, num, range, assert, error.
    static func installCore() {
        register(name: "print", help: "print(a, b, ...): writes the values separated by spaces and a newline (strings without quotes)") { args in
            let text = (args.positional + args.labeled.map(\.value)).map(\.str).joined(separator: " ")
            args.interpreter?.output(text + "\n")
            return .null
        }
        register(name: "show", help: "show(x): prints the rich view of x: plots as charts, tables and lists of records (same keys) as tables, records one field per line, domain values in detail") { args in
            try args.expect(1)
            for item in RichView.shownItems(args.positional[0]) { args.interpreter?.display(item) }
            return .null
        }
        register(name: "len", help: "len(x): the number of elements of a list, record, range, or characters of a string") { args in
            try args.expect(1)
            switch args.positional[0] {
            case .list(let l): return .number(Double(l.items.count))
            case .record(let r): return .number(Double(r.count))
            case .string(let s): return .number(Double(s.count))
            case .range(let r): return .number(Double(r.count))
            case .native(let n):
                if let v = try n.member("len") { return v }
                throw ScriptError("len: \(n.typeName) has no length")
            case let v: throw ScriptError("len: \(v.typeName) has no length")
            }
        }
        register(name: "type", help: "type(x): the type name of x as a string (\"number\", \"list\", ...)") { args in
            try args.expect(1)
            return .string(args.positional[0].typeName)
        }
        register(name: "str", help: "str(x): x as text (strings unchanged, other values as printed)") { args in
            try args.expect(1)
            return .string(args.positional[0].str)
        }
        register(name: "num", help: "num(x): x as a number: parses a string (error if it is not a number), true/false become 1/0") { args in
            try args.expect(1)
            switch args.positional[0] {
            case .number: return args.positional[0]
            case .bool(let b): return .number(b ? 1 : 0)
            case .string(let s):
                let t = s.trimmingCharacters(in: .whitespaces)
                guard !t.isEmpty, t.allSatisfy({ $0.isASCII && !$0.isWhitespace }), let d = Double(t) else {
                    throw ScriptError("num: cannot convert \(quoted(s)) to a number")
                }
                return .number(d)
            case let v: throw ScriptError("num: cannot convert \(v.typeName) to a number")
            }
        }
        register(name: "range", help: "range(n) is 0..<n; range(a, b) is a..<b; range(a, b, step) is a list counting by step") { args in
            try args.expect(1, 3)
            switch args.positional.count {
            case 1: return .range(RangeValue(start: 0, end: try args.integer(0)))
            case 2: return .range(RangeValue(start: try args.integer(0), end: try args.integer(1)))
            default:
                let a = try args.integer(0), b = try args.integer(1), step = try args.integer(2)
                guard step != 0 else { throw ScriptError("range: step must not be 0") }
                let count = step > 0 ? (b > a ? (b - a + step - 1) / step : 0) : (a > b ? (a - b - step - 1) / -step : 0)
                guard count <= 10_000_000 else { throw ScriptError("range: too many elements") }
                return .list(ListObject((0..<count).map { .number(Double(a + $0 * step)) }))
            }
        }
        register(name: "assert", help: "assert(cond, message): raises an error with message unless cond is true") { args in
            try args.expect(1, 2)
            if args.positional[0].isTruthy { return .null }
            let message = args.positional.count > 1 ? args.positional[1].str : "assertion failed"
            throw ScriptError(args.positional.count > 1 ? "assertion failed: \(message)" : message)
        }
        register(name: "error", help: "error(message): raises a runtime error that try/catch can catch (e.message)") { args in
            try args.expect(1)
            throw ScriptError(args.positional[0].str)
        }
        for (topic, help) in MethodTables.helpTopics { registerHelp(topic: topic, help: help) }
    }
}

import Foundation
