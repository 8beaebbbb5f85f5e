import Engine

/// Learning dynamics as script functions. Each returns a record
///
///     {method:, steps:, step: [...], row: [[...]...], col: [...], row_avg: [...], col_avg: [...],
///      exploitability: [...], last_exploitability: [...]}
///
/// with one entry per recorded step (every step, or every k-th and the last with `every: k`):
/// `step[r]` is the step number, `row[r]`/`col[r]` the strategies played then, `row_avg[r]`/
/// `col_avg[r]` the running averages, `exploitability[r]` the exploitability (NashConv for bimatrix
/// games) of the averages and `last_exploitability[r]` that of the strategies played at that step.
enum GameDynamicsFunctions {
    static let all: [GameFunction] = [
        GameFunction(name: "fictitious_play",
                     help: "fictitious_play(g, steps: 100, every: 1, row: x0?, col: y0?) — each player best-responds to the other's average so far; returns the trajectory record (every: k keeps every k-th step)",
                     isMethod: true) { try run($0) { _ in .fictitiousPlay } },
        GameFunction(name: "regret_matching",
                     help: "regret_matching(g, steps: 100, every: 1, row: x0?, col: y0?) — play in proportion to positive cumulative regret; returns the trajectory record (every: k keeps every k-th step)",
                     isMethod: true) { try run($0) { _ in .regretMatching } },
        GameFunction(name: "hedge",
                     help: "hedge(g, lr: 0.1, steps: 100, every: 1, row: x0?, col: y0?) — multiplicative weights on cumulative payoffs with learning rate lr; returns the trajectory record (every: k keeps every k-th step)",
                     isMethod: true) { args in
            try run(args, extraLabels: ["lr"]) { args in
                .hedge(learningRate: try GameArguments.labeledNumber(args, "lr", default: 0.1))
            }
        },
        GameFunction(name: "best_response_dynamics",
                     help: "best_response_dynamics(g, steps: 100, every: 1, row: x0?, col: y0?) — naive self-play: best-respond to the other's last move (cycles when no pure equilibrium exists)",
                     isMethod: true) { try run($0) { _ in .bestResponse } },
    ]

    /// Parses the common arguments, runs the rule and packs the trajectory.
    private static func run(_ args: Arguments, extraLabels: [String] = [],
                            rule: (Arguments) throws -> LearningRule) throws -> Value {
        try args.expect(1, labels: ["steps", "every", "row", "col"] + extraLabels)
        let g = try GameArguments.game(args)
        let steps = try GameArguments.labeledInteger(args, "steps", default: 100)
        let every = try GameArguments.labeledInteger(args, "every", default: 1)
        let r = try rule(args)
        let t = try LearningDynamics.run(r, on: g.bimatrix, steps: steps, recordEvery: every,
                                         row: GameArguments.optionalStrategy(args, "row"),
                                         col: GameArguments.optionalStrategy(args, "col"))
        return .record([
            ("method", .string(r.name)),
            ("steps", .number(Double(t.steps))),
            ("step", .list(t.iterations.map { .number(Double($0)) })),
            ("row", GameArguments.nested(t.rowStrategies)),
            ("col", GameArguments.nested(t.colStrategies)),
            ("row_avg", GameArguments.nested(t.rowAverages)),
            ("col_avg", GameArguments.nested(t.colAverages)),
            ("exploitability", GameArguments.list(t.exploitability)),
            ("last_exploitability", GameArguments.list(t.lastIterateExploitability)),
        ])
    }
}
