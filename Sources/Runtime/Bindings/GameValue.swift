import Engine

/// A two-player matrix game held by a script: `matrix_game` (zero-sum, the row player maximises A)
/// or `bimatrix_game` (general-sum, payoffs A and B).
///
///     let rps = matrix_game([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], rows: ["R", "P", "S"], cols: ["R", "P", "S"])
///     rps            # <matrix_game 3x3 zero-sum>
///     show(rps)      # the labelled payoff table
///     rps.nash()     # same as nash(rps)
///
/// Fields: rows, cols (action counts), row_names, col_names, A, B (for a zero-sum game B = -A),
/// table. Methods: the game functions of `GameFunctions` with the game as receiver.
final class GameValue: NativeValue {
    enum Kind {
        case zeroSum(MatrixGame)
        case generalSum(BimatrixGame)
    }

    let kind: Kind

    init(_ kind: Kind) { self.kind = kind }

    /// The game as general-sum (for zero-sum games B = -A).
    var bimatrix: BimatrixGame {
        switch kind {
        case .zeroSum(let g): return g.asBimatrix
        case .generalSum(let g): return g
        }
    }

    var typeName: String {
        switch kind {
        case .zeroSum: return "matrix_game"
        case .generalSum: return "bimatrix_game"
        }
    }

    var summary: String {
        let g = bimatrix
        switch kind {
        case .zeroSum: return "<matrix_game \(g.rows)x\(g.cols) zero-sum>"
        case .generalSum: return "<bimatrix_game \(g.rows)x\(g.cols)>"
        }
    }

    var table: String {
        switch kind {
        case .zeroSum(let g): return g.table
        case .generalSum(let g): return g.table
        }
    }

    var showText: String { summary + "\n" + table }

    static let fieldHelp: [(String, String)] = [
        ("rows", "number of row actions"),
        ("cols", "number of column actions"),
        ("row_names", "names of the row actions (r0, r1, ... by default)"),
        ("col_names", "names of the column actions (c0, c1, ... by default)"),
        ("A", "the row player's payoff matrix"),
        ("B", "the column player's payoff matrix (-A for a zero-sum game)"),
        ("table", "the payoff table as text"),
    ]

    func member(_ name: String) throws -> Value? {
        let g = bimatrix
        switch name {
        case "rows": return .number(Double(g.rows))
        case "cols": return .number(Double(g.cols))
        case "row_names": return GameArguments.strings(g.rowNames)
        case "col_names": return GameArguments.strings(g.colNames)
        case "A": return GameArguments.nested(g.rowPayoffs.nested)
        case "B": return GameArguments.nested(g.colPayoffs.nested)
        case "table": return .string(table)
        default: return nil
        }
    }

    func call(method: String, _ args: Arguments) throws -> Value? {
        guard let f = GameFunctions.methods[method] else { return nil }
        let forwarded = Arguments(callee: "\(typeName).\(method)", positional: [.native(self)] + args.positional,
                                  labeled: args.labeled)
        return try f.body(forwarded)
    }

    var memberNames: [String] { Self.fieldHelp.map(\.0) + GameFunctions.all.filter(\.isMethod).map(\.name) }

    func help(member: String) -> String? {
        if let f = Self.fieldHelp.first(where: { $0.0 == member }) { return f.1 }
        return GameFunctions.methods[member]?.help
    }

    /// Games are equal when they have the same kind, payoffs and action names.
    func equals(_ other: NativeValue) -> Bool {
        guard let o = other as? GameValue else { return false }
        switch (kind, o.kind) {
        case (.zeroSum(let a), .zeroSum(let b)): return a == b
        case (.generalSum(let a), .generalSum(let b)): return a == b
        default: return false
        }
    }
}
