/// A batch of token sequences laid out for one forward pass: B rows of T positions.
///
/// Position t of row b reads `inputs[b*T + t]` and is scored on predicting `targets[b*T + t]`
/// (-1: not scored). Row b's first `pads[b]` positions are left padding: attention never looks at them
/// and rotary positions start after them, so a left-padded row computes exactly what it would alone.
/// Right padding needs no mask at all (causal attention never looks ahead): give it targets -1.
///
///     // next-token prediction on two sequences of different lengths (right-padded with 0):
///     let batch = try TokenBatch(sequences: [[5, 6, 7, 8], [5, 9]])
///     batch.length    // 3: each sequence predicts its own tokens 1...
public struct TokenBatch: Equatable, Sendable {
    public let batch: Int
    public let length: Int
    public var inputs: [Int32]
    public var targets: [Int32]
    public var pads: [Int]

    /// A batch from its parts; sizes are checked against each other.
    public init(batch: Int, length: Int, inputs: [Int32], targets: [Int32], pads: [Int]? = nil) throws {
        guard batch >= 1, length >= 1 else { throw EngineError("token batch: needs at least one row and one position, got \(batch) x \(length)") }
        guard inputs.count == batch * length, targets.count == batch * length else {
            throw EngineError("token batch: \(batch) x \(length) needs \(batch * length) inputs and targets, got \(inputs.count) and \(targets.count)")
        }
        let p = pads ?? Array(repeating: 0, count: batch)
        guard p.count == batch, p.allSatisfy({ $0 >= 0 && $0 <= length }) else {
            throw EngineError("token batch: needs one padding count in 0...\(length) per row, got \(p)")
        }
        self.batch = batch; self.length = length
        self.inputs = inputs; self.targets = targets; self.pads = p
    }

    /// Next-token prediction on whole sequences, right-padded with `padID`: a sequence of n tokens
    /// gives n-1 scored positions. `scoredFrom[i]` (optional) leaves the targets before that token
    /// index of sequence i unscored, e.g. the prompt of a (prompt, completion) pair.
    public init(sequences: [[Int]], padID: Int = 0, scoredFrom: [Int]? = nil) throws {
        guard !sequences.isEmpty else { throw EngineError("token batch: no sequences") }
        for (i, s) in sequences.enumerated() where s.count < 2 {
            throw EngineError("token batch: sequence \(i) has \(s.count) token(s); next-token prediction needs at least 2")
        }
        let t = sequences.map { $0.count - 1 }.max() ?? 1
        var inputs = [Int32](repeating: Int32(truncatingIfNeeded: padID), count: sequences.count * t)
        var targets = [Int32](repeating: -1, count: sequences.count * t)
        for (b, s) in sequences.enumerated() {
            let from = scoredFrom?[safe: b] ?? 1
            for i in 0..<(s.count - 1) {
                inputs[b * t + i] = Int32(clamping: s[i])
                if i + 1 >= from { targets[b * t + i] = Int32(clamping: s[i + 1]) }
            }
        }
        try self.init(batch: sequences.count, length: t, inputs: inputs, targets: targets)
    }
}

extension Array {
    /// The element at `i`, or nil outside the array.
    subscript(safe i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }
}
