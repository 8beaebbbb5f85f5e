import Foundation

// Two rules of the safetensors format that a JSON parser and per-tensor checks do not see; the
// reference implementation (the `safetensors` crate) enforces both.
extension SafeTensors {
    /// Every name appears once in the header. (`JSONSerialization` would keep one of two tensors
    /// with the same name and drop the other without a word.)
    static func checkNamesUnique(_ header: Data, _ fail: (String) -> EngineError) throws {
        guard let keys = JSONKeyScan.topLevelKeys(header) else { return }
        var seen = Set<String>()
        for key in keys where !seen.insert(key).inserted {
            throw fail("the name \(JSONText.string(key)) appears twice in the header")
        }
    }

    /// The tensors, sorted by offset, tile the data section exactly: no bytes before the first, none
    /// between two, none after the last. Trailing bytes would be data no tensor owns (a truncated
    /// header or two files glued together).
    static func checkDataCovered(_ sorted: [(name: String, begin: Int, end: Int)], dataSize: Int,
                                 _ fail: (String) -> EngineError) throws {
        var position = 0
        for t in sorted {
            if t.begin > position {
                throw fail("\(t.begin - position) bytes of the data section before tensor \"\(t.name)\" belong to no tensor")
            }
            position = Swift.max(position, t.end)
        }
        if position < dataSize {
            throw fail("\(dataSize - position) bytes after the last tensor belong to no tensor")
        }
    }
}
