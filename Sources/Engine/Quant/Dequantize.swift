/// Reference dequantizers for every GGML type Spar reads: plain Swift, one value at a time, written
/// from the block layouts (GGMLType.swift) and checked against the `gguf` Python package's numpy
/// code by a committed fixture. The C kernels (Sources/CKernels/quant.c) are tested against these.
public enum Dequantize {
    /// IEEE half (little-endian bytes at `p`) to Float.
    static func half(_ p: UnsafeRawPointer) -> Float {
        SafeTensors.halfToFloat(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
    }

    /// The values of `count` elements of `type` stored at `bytes` (count a multiple of the block size).
    public static func values(_ type: GGMLType, _ bytes: UnsafeRawPointer, count: Int) -> [Float] {
        var out = [Float](repeating: 0, count: count)
        let b = bytes.assumingMemoryBound(to: UInt8.self)
        switch type {
        case .f32:
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(littleEndian: (bytes + 4 * i).loadUnaligned(as: UInt32.self))) }
        case .f16:
            for i in 0..<count { out[i] = half(bytes + 2 * i) }
        case .bf16:
            for i in 0..<count { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: (bytes + 2 * i).loadUnaligned(as: UInt16.self))) << 16) }
        case .q8_0:
            for i in 0..<count {
                let blk = (i / 32) * 34
                out[i] = half(bytes + blk) * Float(Int8(bitPattern: b[blk + 2 + i % 32]))
            }
        case .q4_0, .q4_1:
            let size = type == .q4_0 ? 18 : 20, qs = type == .q4_0 ? 2 : 4
            for i in 0..<count {
                let blk = (i / 32) * size, j = i % 32
                let byte = b[blk + qs + j % 16]
                let q = Float(j < 16 ? byte & 0x0F : byte >> 4)
                let d = half(bytes + blk)
                out[i] = type == .q4_0 ? d * (q - 8) : d * q + half(bytes + blk + 2)
            }
        case .q4_K:
            for i in 0..<count {
                let blk = (i / 256) * 144, j = i % 256
                let sub = j / 32                      // sub-block 0..7
                let chunk = sub / 2, high = sub % 2 == 1
                let byte = b[blk + 16 + 32 * chunk + j % 32]
                let q = Float(high ? byte >> 4 : byte & 0x0F)
                let (sc, mn) = q4KScale(b + blk + 4, sub)
                out[i] = half(bytes + blk) * Float(sc) * q - half(bytes + blk + 2) * Float(mn)
            }
        case .q6_K:
            for i in 0..<count {
                let blk = (i / 256) * 210, j = i % 256
                let h = j / 128, r = j % 128          // half of the super-block, place in it
                let group = r / 32, l = r % 32        // which of the 4 groups of 32, and where in it
                let lowByte = b[blk + 64 * h + 32 * (group % 2) + l]
                let low = group < 2 ? lowByte & 0x0F : lowByte >> 4
                let highBits = (b[blk + 128 + 32 * h + l] >> (2 * UInt8(group))) & 3
                let q = Int(low | highBits << 4) - 32
                let scale = Int8(bitPattern: b[blk + 192 + j / 16])
                out[i] = half(bytes + blk + 208) * Float(scale) * Float(q)
            }
        }
        return out
    }

    /// Scale and min (6 bits each) of sub-block j of a Q4_K super-block's 12 scale bytes.
    static func q4KScale(_ s: UnsafePointer<UInt8>, _ j: Int) -> (UInt8, UInt8) {
        if j < 4 { return (s[j] & 63, s[j + 4] & 63) }
        return ((s[j + 4] & 0x0F) | ((s[j - 4] >> 6) << 4), (s[j + 4] >> 4) | ((s[j] >> 6) << 4))
    }
}
