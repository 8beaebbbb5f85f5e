/// A binary max-heap of (count, pair) entries for BPE training.
///
/// The order is: higher count first; among equal counts, the smaller pair key first, i.e. the
/// smaller left id, then the smaller right id. Entries go stale when a pair's count changes; the
/// trainer pushes a fresh entry and skips stale ones when they surface ("lazy deletion").
struct PairHeap {
    struct Entry { var count: Int; var key: UInt64 }
    private var entries = [Entry]()

    var isEmpty: Bool { entries.isEmpty }

    @inline(__always)
    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.count > b.count || (a.count == b.count && a.key < b.key)
    }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var i = entries.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(entries[i], entries[parent]) else { break }
            entries.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Entry? {
        guard let top = entries.first else { return nil }
        let last = entries.removeLast()
        if entries.isEmpty { return top }
        entries[0] = last
        var i = 0
        let n = entries.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < n && Self.before(entries[l], entries[best]) { best = l }
            if r < n && Self.before(entries[r], entries[best]) { best = r }
            if best == i { break }
            entries.swapAt(i, best)
            i = best
        }
        return top
    }
}
