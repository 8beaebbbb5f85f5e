/// Keys and values of every block for the positions already read, so that generating one more token
/// costs one position's work instead of the whole prefix's.
///
/// Shapes: keys[l], values[l] [B, capacity, KW] (KW = kv_heads * head, after rotary positions for
/// keys); `pads[b]` left padding of row b; `filled` positions written so far (the same for all rows).
final class KVCache {
    let batch: Int, capacity: Int, keyValueWidth: Int
    let keys: [FloatBuffer], values: [FloatBuffer]
    let pads: [Int]
    var filled = 0

    init(_ c: LlamaConfig, batch: Int, capacity: Int, pads: [Int]) {
        self.batch = batch; self.capacity = capacity; keyValueWidth = c.keyValueWidth
        keys = (0..<c.layers).map { _ in FloatBuffer(count: batch * capacity * c.keyValueWidth) }
        values = (0..<c.layers).map { _ in FloatBuffer(count: batch * capacity * c.keyValueWidth) }
        self.pads = pads
    }
}
