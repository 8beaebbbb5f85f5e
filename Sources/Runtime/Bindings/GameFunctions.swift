import Engine

/// One script function of the game-theory bindings: its name, help line, body, and whether games
/// also offer it as a method (`g.nash()` for `nash(g)`).
struct GameFunction {
    let name: String
    let help: String
    let isMethod: Bool
    let body: (Arguments) throws -> Value
}

/// The game-theory functions scripts call: constructing games, solving them, and measuring
/// strategies. Learning dynamics are in `GameDynamicsFunctions`.
enum GameFunctions {
    static let all: [GameFunction] = construction + analysis + GameDynamicsFunctions.all

    /// Functions offered as methods on games, by name.
    static let methods: [String: GameFunction] = Dictionary(
        all.filter(\.isMethod).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// Registers every function and its help, and the method help ("matrix_game.nash").
    static func install() {
        for f in all {
            Builtins.register(name: f.name, help: f.help, f.body)
            if f.isMethod {
                Builtins.registerHelp(topic: "matrix_game.\(f.name)", help: f.help)
                Builtins.registerHelp(topic: "bimatrix_game.\(f.name)", help: f.help)
            }
        }
        for (field, help) in GameValue.fieldHelp {
            Builtins.registerHelp(topic: "matrix_game.\(field)", help: help)
            Builtins.registerHelp(topic: "bimatrix_game.\(field)", help: help)
        }
    }

    static let construction: [GameFunction] = [
        GameFunction(name: "matrix_game",
                     help: "matrix_game(A, rows: names?, cols: names?) — zero-sum game: the row player gets A[i][j] and maximises, the column player minimises",
                     isMethod: false) { args in
            try args.expect(1, labels: ["rows", "cols"])
            let a = try GameArguments.matrix(args[0] ?? .null, callee: args.callee, argument: "A")
            let g = try MatrixGame(a, rowNames: GameArguments.names(args["rows"], callee: args.callee, argument: "'rows'"),
                                   colNames: GameArguments.names(args["cols"], callee: args.callee, argument: "'cols'"))
            return .native(GameValue(.zeroSum(g)))
        },
        GameFunction(name: "bimatrix_game",
                     help: "bimatrix_game(A, B, rows: names?, cols: names?) — general-sum game: the row player gets A[i][j], the column player B[i][j]",
                     isMethod: false) { args in
            try args.expect(2, labels: ["rows", "cols"])
            let a = try GameArguments.matrix(args[0] ?? .null, callee: args.callee, argument: "A")
            let b = try GameArguments.matrix(args[1] ?? .null, callee: args.callee, argument: "B")
            let g = try BimatrixGame(a, b, rowNames: GameArguments.names(args["rows"], callee: args.callee, argument: "'rows'"),
                                     colNames: GameArguments.names(args["cols"], callee: args.callee, argument: "'cols'"))
            return .native(GameValue(.generalSum(g)))
        },
    ]

    static let analysis: [GameFunction] = [
        GameFunction(name: "nash",
                     help: "nash(g, method: \"auto\") — zero-sum: {row:, col:, value:} solved exactly by linear programming; bimatrix: a list of {row:, col:, row_payoff:, col_payoff:} (method \"support\" lists all for nondegenerate games up to 9x9, \"lemke_howson\" finds at least one)",
                     isMethod: true, body: nash),
        GameFunction(name: "payoff",
                     help: "payoff(g, row: x, col: y) — expected payoff: the row player's number for a zero-sum game, {row:, col:} for a bimatrix game",
                     isMethod: true) { args in
            try args.expect(1, labels: ["row", "col"])
            let g = try GameArguments.game(args)
            let x = try GameArguments.strategy(args, "row"), y = try GameArguments.strategy(args, "col")
            switch g.kind {
            case .zeroSum(let m): return .number(try m.expectedPayoff(row: x, col: y))
            case .generalSum(let b):
                let p = try b.expectedPayoffs(row: x, col: y)
                return .record([("row", .number(p.row)), ("col", .number(p.col))])
            }
        },
        GameFunction(name: "best_response",
                     help: "best_response(g, row: x) or best_response(g, col: y) — the other player's best pure responses: {player:, action:, index:, actions:, value:} (value is the responder's payoff)",
                     isMethod: true, body: bestResponse),
        GameFunction(name: "exploitability",
                     help: "exploitability(g, row: x, col: y) — zero-sum only: what both players together gain by best-responding, max(A y) - min(x A); 0 exactly at an equilibrium",
                     isMethod: true) { args in
            try args.expect(1, labels: ["row", "col"])
            let g = try GameArguments.game(args)
            guard case .zeroSum(let m) = g.kind else {
                throw ScriptError("\(args.callee): the game is a general-sum bimatrix_game; use nash_conv(g, row:, col:)")
            }
            return .number(try m.exploitability(row: GameArguments.strategy(args, "row"), col: GameArguments.strategy(args, "col")))
        },
        GameFunction(name: "nash_conv",
                     help: "nash_conv(g, row: x, col: y) — the sum over both players of the gain from a best response; 0 exactly at a Nash equilibrium",
                     isMethod: true) { args in
            try args.expect(1, labels: ["row", "col"])
            let g = try GameArguments.game(args)
            return .number(try g.bimatrix.nashConv(row: GameArguments.strategy(args, "row"), col: GameArguments.strategy(args, "col")))
        },
    ]

    private static func nash(_ args: Arguments) throws -> Value {
        try args.expect(1, labels: ["method"])
        let g = try GameArguments.game(args)
        var method = NashMethod.automatic
        if let given = args["method"] {
            guard case .string(let name) = given else {
                throw ScriptError("\(args.callee): argument 'method' must be a string, not \(given.typeName)")
            }
            switch name {
            case "auto": method = .automatic
            case "support": method = .supportEnumeration
            case "lemke_howson": method = .lemkeHowson
            case let other:
                throw ScriptError("\(args.callee): unknown method \"\(other)\"; use \"auto\", \"support\" or \"lemke_howson\"")
            }
        }
        switch g.kind {
        case .zeroSum(let m) where method == .automatic:
            let s = try m.solve()
            return .record([("row", GameArguments.list(s.row)), ("col", GameArguments.list(s.col)), ("value", .number(s.value))])
        case .zeroSum, .generalSum:
            let sol = try g.bimatrix.equilibria(method: method)
            return .list(sol.equilibria.map { e in
                .record([("row", GameArguments.list(e.row)), ("col", GameArguments.list(e.col)),
                         ("row_payoff", .number(e.rowPayoff)), ("col_payoff", .number(e.colPayoff))])
            })
        }
    }

    private static func bestResponse(_ args: Arguments) throws -> Value {
        try args.expect(1, labels: ["row", "col"])
        let g = try GameArguments.game(args)
        let x = try GameArguments.optionalStrategy(args, "row"), y = try GameArguments.optionalStrategy(args, "col")
        let names: [String], player: String, br: BestResponse
        switch (x, y) {
        case (let x?, nil):
            player = "col"; names = g.bimatrix.colNames
            switch g.kind {
            case .zeroSum(let m):
                let r = try m.colBestResponse(to: x)
                br = BestResponse(actions: r.actions, value: -r.value)   // the column player's own payoff
            case .generalSum(let b): br = try b.colBestResponse(to: x)
            }
        case (nil, let y?):
            player = "row"; names = g.bimatrix.rowNames
            br = try g.bimatrix.rowBestResponse(to: y)
        default:
            throw ScriptError("\(args.callee): give exactly one of row: (to answer the row strategy) or col: (to answer the column strategy)")
        }
        return .record([
            ("player", .string(player)),
            ("action", .string(names[br.action])),
            ("index", .number(Double(br.action))),
            ("actions", GameArguments.strings(br.actions.map { names[$0] })),
            ("value", .number(br.value)),
        ])
    }
}

extension Builtins {
    /// Installs the game-theory functions (listed in `Builtins.installers`).
    static func installGames() { GameFunctions.install() }
}
