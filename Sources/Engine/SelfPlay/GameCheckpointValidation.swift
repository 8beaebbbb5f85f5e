import Foundation

// Checks of a game checkpoint's header beyond what decoding it checks: every number a later step
// computes with (the step, the random state, the history, the blob table) must be in range, so a
// damaged or hand-edited file is refused on load with the field named, never an overflow later in
// `g.run`.
extension GameCheckpointHeader {
    /// Steps beyond this are refused: far more than any run makes, far from overflowing `step + steps`.
    static let maxStep = 1 << 40
    /// More blobs than this (policy, reference, snapshots, ledger) is not a checkpoint Spar wrote.
    static let maxBlobs = 100_000

    /// Throws the problem (for `bad(...)` to wrap) when a field is out of range.
    func validate(fileBytes: Int) throws {
        func need(_ ok: Bool, _ problem: @autoclosure () -> String) throws {
            if !ok { throw EngineError(problem()) }
        }
        try need(step >= 0 && step <= Self.maxStep, "step \(step) is out of range (0...\(Self.maxStep))")
        try need(SeededRandom.isValidState(rng), "the random state is not a valid generator state")
        try need(history.count <= step + 1, "the history has \(history.count) entries for step \(step)")
        for (i, m) in history.enumerated() {
            try need(m.step >= 0 && m.step <= step, "history entry \(i) is for step \(m.step), outside 0...\(step)")
            try need(m.values.count == StepMetrics.names.count,
                     "history entry \(i) has \(m.values.count) values, expected \(StepMetrics.names.count)")
            try need(m.values.allSatisfy { $0.map { !$0.isNaN } ?? true }, "history entry \(i) holds NaN")
        }
        try need(blobs.count <= Self.maxBlobs, "\(blobs.count) blobs is more than a checkpoint holds")
        var names = Set<String>(), total = 0
        for b in blobs {
            try need(names.insert(b.name).inserted, "blob '\(b.name)' appears twice")
            try need(["policy", "reference", "ledger"].contains(b.name) || b.name.hasPrefix("snapshot:"), "unknown blob '\(b.name)'")
            try need(b.length >= 0 && b.length <= fileBytes - total, "blob '\(b.name)' of \(b.length) bytes runs past the end of the file")
            total += b.length
        }
        try need(leaguePool.count <= blobs.count, "the league pool names \(leaguePool.count) snapshots, more than the file holds")
    }
}

extension SeededRandom {
    /// True for a state `init?(state:)` accepts that is also a working generator: xoshiro256 stuck at
    /// all zeros forever, and the spare-normal flag is 0 or 1 with a finite spare.
    static func isValidState(_ state: [UInt64]) -> Bool {
        guard state.count == 6, state[0...3].contains(where: { $0 != 0 }), state[5] <= 1 else { return false }
        return state[5] == 0 || Double(bitPattern: state[4]).isFinite
    }
}
