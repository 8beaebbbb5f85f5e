/// The merges of a vocabulary by token ids, and BPE applied with them to one word.
///
/// `apply` repeatedly merges the adjacent pair of lowest rank — the leftmost one when a rank occurs
/// twice — until no pair has a merge, which is what Hugging Face's BPE and llama.cpp compute. Short
/// words are merged in place with a scan for the best pair; long ones (a megabyte with no space)
/// with a heap and a linked list, so hostile input stays O(n log n).
struct BPEMergeTable: Sendable {
    /// `pairKey(left, right)` → `rank << 32 | merged id`.
    private let table: [UInt64: UInt64]

    init(_ table: [UInt64: UInt64]) { self.table = table }

    var count: Int { table.count }

    @inline(__always)
    private func lookup(_ left: Int32, _ right: Int32) -> (rank: Int32, merged: Int32)? {
        guard let v = table[pairKey(Int(left), Int(right))] else { return nil }
        return (Int32(truncatingIfNeeded: v >> 32), Int32(truncatingIfNeeded: v & 0xFFFF_FFFF))
    }

    /// Words up to this many symbols use the scan; longer ones the heap.
    static let scanLimit = 48

    func apply(_ symbols: inout [Int32]) {
        if symbols.count < 2 { return }
        if symbols.count <= Self.scanLimit { applyByScan(&symbols) } else { applyByHeap(&symbols) }
    }

    private func applyByScan(_ symbols: inout [Int32]) {
        var n = symbols.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { ranks in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { merged in
                for i in 0..<(n - 1) {
                    if let m = lookup(symbols[i], symbols[i + 1]) { ranks[i] = m.rank; merged[i] = m.merged }
                    else { ranks[i] = .max }
                }
                while n > 1 {
                    var best = -1
                    var bestRank = Int32.max
                    for i in 0..<(n - 1) where ranks[i] < bestRank { bestRank = ranks[i]; best = i }
                    if best < 0 { break }
                    symbols[best] = merged[best]
                    // Remove symbol best + 1 and its pair entry.
                    var i = best + 1
                    while i < n - 1 { symbols[i] = symbols[i + 1]; ranks[i] = ranks[i + 1]; merged[i] = merged[i + 1]; i += 1 }
                    n -= 1
                    // The pairs around the new symbol changed.
                    var k = max(best - 1, 0)
                    while k <= best && k < n - 1 {
                        if let m = lookup(symbols[k], symbols[k + 1]) { ranks[k] = m.rank; merged[k] = m.merged }
                        else { ranks[k] = .max }
                        k += 1
                    }
                }
            }
        }
        symbols.removeLast(symbols.count - n)
    }

    private func applyByHeap(_ symbols: inout [Int32]) {
        let n = symbols.count
        var next = (0..<n).map { Int32($0 + 1) }
        var prev = (0..<n).map { Int32($0 - 1) }
        next[n - 1] = -1
        var alive = [Bool](repeating: true, count: n)
        // Entries are rank << 32 | position; the smallest pops first.
        var heap = MinHeap()
        for i in 0..<(n - 1) {
            if let m = lookup(symbols[i], symbols[i + 1]) { heap.push(UInt64(UInt32(m.rank)) << 32 | UInt64(i)) }
        }
        while let top = heap.pop() {
            let rank = Int32(truncatingIfNeeded: top >> 32), pos = Int(top & 0xFFFF_FFFF)
            guard alive[pos] else { continue }
            let nx = Int(next[pos])
            guard nx >= 0, let m = lookup(symbols[pos], symbols[nx]), m.rank == rank else { continue }
            symbols[pos] = m.merged
            alive[nx] = false
            let after = next[nx]
            next[pos] = after
            if after >= 0 { prev[Int(after)] = Int32(pos) }
            let p = Int(prev[pos])
            if p >= 0, let pm = lookup(symbols[p], symbols[pos]) { heap.push(UInt64(UInt32(pm.rank)) << 32 | UInt64(p)) }
            if after >= 0, let am = lookup(symbols[pos], symbols[Int(after)]) { heap.push(UInt64(UInt32(am.rank)) << 32 | UInt64(pos)) }
        }
        var out = 0
        for i in 0..<n where alive[i] { symbols[out] = symbols[i]; out += 1 }
        symbols.removeLast(n - out)
    }
}

/// A binary min-heap of UInt64.
private struct MinHeap {
    private var items: [UInt64] = []

    mutating func push(_ x: UInt64) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if items[parent] <= items[i] { break }
            items.swapAt(parent, i); i = parent
        }
    }

    mutating func pop() -> UInt64? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if items.isEmpty { return first }
        items[0] = last
        var i = 0
        let n = items.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && items[l] < items[m] { m = l }
            if r < n && items[r] < items[m] { m = r }
            if m == i { break }
            items.swapAt(i, m); i = m
        }
        return first
    }
}
