import Foundation

/// A 64-bit checksum of bytes, so files Spar writes whole (game checkpoints) can tell a damaged copy
/// from a good one. Each 8-byte word is mixed in by a step that is invertible for a fixed word, so
/// changing any one word (any burst of bit flips within 8 bytes) always changes the result; other
/// damage goes unnoticed with probability about 2^-64. Fast (about one multiply per 8 bytes), not
/// cryptographic: it detects accidents, not forgeries.
public struct Checksum64: Equatable, Sendable {
    public private(set) var value: UInt64 = 0x243F_6A88_85A3_08D3
    private var length: UInt64 = 0

    public init() {}

    /// Mixes in `data`. Feeding the same bytes in different pieces gives different sums only where
    /// pieces do not end on 8-byte boundaries; callers feed the same pieces when checking.
    public mutating func update(_ data: Data) {
        data.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            while i + 8 <= n {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            if i < n {
                var tail: UInt64 = 0
                for k in 0..<(n - i) { tail |= UInt64(raw[i + k]) << (8 * UInt64(k)) }
                mix(tail ^ (UInt64(n - i) << 56))
            }
            length &+= UInt64(n)
        }
    }

    /// The sum so far with the total length folded in, as 16 hex digits.
    public var hex: String {
        var h = value ^ length
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The checksum of `pieces` fed in order.
    public static func hex(of pieces: [Data]) -> String {
        var sum = Checksum64()
        for p in pieces { sum.update(p) }
        return sum.hex
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        var h = (value ^ word) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        value = h &+ 0x632B_E59B_D9B4_E019
    }
}
