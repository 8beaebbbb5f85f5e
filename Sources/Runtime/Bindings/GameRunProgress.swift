import Engine
import Foundation

/// Prints a run's progress: the shared progress bar (ProgressReporter) on a terminal, plain periodic
/// lines elsewhere, or calls a Spar function with each step's metrics (`progress: fn(m) { ... }`);
/// `progress: false` is quiet, `progress: n` prints every n steps.
final class GameRunProgress {
    enum Mode { case quiet, every(Int), live, function(Value) }
    let mode: Mode
    let steps: Int
    let start: Int
    let started = Date()
    /// The bar of `.live` mode: one redrawn line on standard error, like every other long job.
    private var bar: ProgressReporter?
    /// The metrics the bar shows, in order (the plain lines show the same ones).
    private static let shown = ["attack_success", "harmful_refusal", "benign_over_refusal",
                                "reward_attacker", "reward_defender", "kl"]

    init(_ args: Arguments, steps: Int, start: Int) throws {
        self.steps = steps
        self.start = start
        let live = ProgressReporter.defaultStyle() == .bar
        switch args["progress"] {
        case nil, .bool(true)?: mode = live ? .live : .every(max(1, steps / 10))
        case .bool(false)?, .null?: mode = .quiet
        case .number(let d)?:
            guard let n = exactInt(d), n >= 1 else { throw ScriptError("g.run: progress must be true, false, a step count or a function") }
            mode = .every(n)
        case let v?:
            guard v.typeName == "function" else { throw ScriptError("g.run: progress must be true, false, a step count or a function, not \(v.typeName)") }
            mode = .function(v)
        }
        if case .live = mode { bar = ProgressReporter(label: "self-play", total: steps, style: .bar) }
    }

    func line(_ m: StepMetrics) -> String {
        let done = m.step - start + 1
        let perStep = Date().timeIntervalSince(started) / Double(max(done, 1))
        func f(_ name: String) -> String { GameConversions.cell(m[name] ?? nil) }
        // Judge errors are rare and must not pass unseen: shown whenever a step had some.
        let errors = (m["judge_errors"] ?? nil).map { $0 > 0 ? "  judge_errors \(f("judge_errors"))" : "" } ?? ""
        return "step \(m.step) [\(done)/\(steps)]  attack_success \(f("attack_success"))  harmful_refusal \(f("harmful_refusal"))  "
            + "benign_over_refusal \(f("benign_over_refusal"))  reward a/d \(f("reward_attacker"))/\(f("reward_defender"))  "
            + "kl \(f("kl"))\(errors)  \(String(format: "%.2f", perStep)) s/step"
    }

    func report(_ m: StepMetrics, _ args: Arguments) throws {
        let done = m.step - start + 1
        switch mode {
        case .quiet: return
        case .every(let n):
            if done % n == 0 || done == steps { args.interpreter?.output(line(m) + "\n") }
        case .live:
            var shown = Self.shown.compactMap { name in m[name].map { (name, $0) } }
            if let errors = m["judge_errors"] ?? nil, errors > 0 { shown.insert(("judge_errors", errors), at: 0) }
            bar?.update(step: done, metrics: shown)
        case .function(let f):
            _ = try args.callFunction(f, [GameConversions.metrics(m)])
        }
    }

    /// Ends the bar; `stopped` (an error ended the run) or `interrupted` (Ctrl-C) never say "done".
    func finish(_ args: Arguments, interrupted: Bool, stopped: Bool = false, step: Int) {
        bar?.finish(stopped: interrupted || stopped)
        if interrupted { args.interpreter?.output("interrupted at step \(step); run g.run(...) again to continue\n") }
    }
}
