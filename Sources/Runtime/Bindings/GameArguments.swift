import Engine

/// Conversions between script values and the plain Swift data of the game-theory engine: payoff
/// matrices from nested lists, strategies from lists of numbers, action names from lists of strings,
/// and back. Every mismatch is a `ScriptError` naming the callee and the argument.
enum GameArguments {
    /// A matrix from a list of rows, each a list of numbers. Shape and finiteness are checked by
    /// `PayoffMatrix`; here only the types.
    static func matrix(_ value: Value, callee: String, argument: String) throws -> [[Double]] {
        guard case .list(let rows) = value else {
            throw ScriptError("\(callee): \(argument) must be a list of rows (lists of numbers), not \(value.typeName)")
        }
        return try rows.items.enumerated().map { i, row in
            guard case .list(let cells) = row else {
                throw ScriptError("\(callee): \(argument) row \(i) must be a list of numbers, not \(row.typeName)")
            }
            return try cells.items.enumerated().map { j, cell in
                guard case .number(let d) = cell else {
                    throw ScriptError("\(callee): \(argument) entry [\(i)][\(j)] must be a number, not \(cell.typeName)")
                }
                return d
            }
        }
    }

    /// A list of numbers (e.g. a mixed strategy before validation by the engine); `what` describes
    /// the expected entries in the message.
    static func numbers(_ value: Value, callee: String, argument: String, what: String = "probabilities") throws -> [Double] {
        guard case .list(let items) = value else {
            throw ScriptError("\(callee): \(argument) must be a list of \(what), not \(value.typeName)")
        }
        return try items.items.enumerated().map { i, item in
            guard case .number(let d) = item else {
                throw ScriptError("\(callee): \(argument) entry \(i) must be a number, not \(item.typeName)")
            }
            return d
        }
    }

    /// Action names: nil when absent or `nil`, else a list of strings.
    static func names(_ value: Value?, callee: String, argument: String) throws -> [String]? {
        guard let value else { return nil }
        if case .null = value { return nil }
        guard case .list(let items) = value else {
            throw ScriptError("\(callee): \(argument) must be a list of action names (strings), not \(value.typeName)")
        }
        return try items.items.enumerated().map { i, item in
            guard case .string(let s) = item else {
                throw ScriptError("\(callee): \(argument) name \(i) must be a string, not \(item.typeName)")
            }
            return s
        }
    }

    /// The strategy labelled `label` ("row" or "col"), required.
    static func strategy(_ args: Arguments, _ label: String) throws -> [Double] {
        guard let v = args[label] else { throw ScriptError("\(args.callee): missing argument '\(label)' (a mixed strategy)") }
        return try numbers(v, callee: args.callee, argument: "'\(label)'")
    }

    /// The strategy labelled `label` if given (and not nil).
    static func optionalStrategy(_ args: Arguments, _ label: String) throws -> [Double]? {
        guard let v = args[label] else { return nil }
        if case .null = v { return nil }
        return try numbers(v, callee: args.callee, argument: "'\(label)'")
    }

    /// The number labelled `label`, or `fallback` when it is not given.
    static func labeledNumber(_ args: Arguments, _ label: String, default fallback: Double) throws -> Double {
        guard let v = args[label] else { return fallback }
        guard case .number(let d) = v else {
            throw ScriptError("\(args.callee): argument '\(label)' must be a number, not \(v.typeName)")
        }
        return d
    }

    /// The integer labelled `label`, or `fallback` when it is not given; never traps on big or
    /// fractional numbers.
    static func labeledInteger(_ args: Arguments, _ label: String, default fallback: Int) throws -> Int {
        let d = try labeledNumber(args, label, default: Double(fallback))
        guard let n = exactInt(d) else {
            throw ScriptError("\(args.callee): argument '\(label)' must be an integer, not \(formatNumber(d))")
        }
        return n
    }

    /// The game in the first positional argument.
    static func game(_ args: Arguments) throws -> GameValue {
        guard let v = args[0] else { throw ScriptError("\(args.callee): missing argument 1 (a game)") }
        guard case .native(let n) = v, let g = n as? GameValue else {
            throw ScriptError("\(args.callee): argument 1 must be a matrix_game or bimatrix_game, not \(v.typeName)")
        }
        return g
    }

    /// A list of numbers as a script list.
    static func list(_ xs: [Double]) -> Value { .list(xs.map { .number($0) }) }

    /// A list of lists of numbers as a script list.
    static func nested(_ xss: [[Double]]) -> Value { .list(xss.map { list($0) }) }

    /// A list of strings as a script list.
    static func strings(_ xs: [String]) -> Value { .list(xs.map { .string($0) }) }
}
