/// Seeded train/test splits of a data set, optionally stratified: with groups (one key per item,
/// e.g. its category), each group is split on its own, so every category keeps about the same share
/// in both parts. Both parts keep the items' original order.
///
///     let (train, test) = try DataSplit.indices(count: 10, train: 0.8, seed: 1)
///     let parts = try DataSplit.indices(groups: categories, train: 0.8, seed: 1)
public enum DataSplit {
    public static func indices(count: Int, train: Double, seed: UInt64) throws -> (train: [Int], test: [Int]) {
        try indices(groups: Array(repeating: "", count: count), train: train, seed: seed)
    }

    public static func indices(groups: [String], train: Double, seed: UInt64) throws -> (train: [Int], test: [Int]) {
        guard train.isFinite, train >= 0, train <= 1 else {
            let shown = train.isFinite && train == train.rounded() && abs(train) < 1e15 ? String(Int(train)) : "\(train)"
            throw EngineError("split: train must be a fraction from 0 to 1, got \(shown)")
        }
        var byGroup: [String: [Int]] = [:]
        var order: [String] = []
        for (i, g) in groups.enumerated() {
            if byGroup[g] == nil { order.append(g) }
            byGroup[g, default: []].append(i)
        }
        var rng = SeededRandom(seed: seed)
        var inTrain = Array(repeating: false, count: groups.count)
        for g in order {
            var members = byGroup[g] ?? []
            // Fisher-Yates with the seeded stream: the same seed and data give the same split.
            if members.count > 1 {
                for i in stride(from: members.count - 1, to: 0, by: -1) {
                    let j = Int(rng.next() % UInt64(i + 1))
                    members.swapAt(i, j)
                }
            }
            let take = Int((Double(members.count) * train).rounded())
            for i in members.prefix(take) { inTrain[i] = true }
        }
        return (groups.indices.filter { inTrain[$0] }, groups.indices.filter { !inTrain[$0] })
    }
}
