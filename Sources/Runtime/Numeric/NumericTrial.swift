/// Whether entering the numeric VM pays for a function or loop entered from the tree interpreter.
///
/// An entry costs about as much as a few steps of the tree interpreter (~45 ns), so code that takes
/// only a handful of steps per entry (a one-line helper called from `map`, a two-iteration loop)
/// runs faster without the VM. The first `trialRuns` entries are counted; if they averaged under
/// `fewestStepsPerRun` steps, the code is left to the interpreter from then on.
struct NumericTrial {
    private var runs = 0
    private var steps = 0
    static let trialRuns = 64
    static let fewestStepsPerRun = 8

    /// Records one finished run of `steps` steps; false once the trial says to stop entering.
    mutating func keepEntering(afterRunOf steps: Int) -> Bool {
        guard runs < Self.trialRuns else { return true }
        runs += 1
        self.steps += steps
        return runs < Self.trialRuns || self.steps >= Self.trialRuns * Self.fewestStepsPerRun
    }
}
