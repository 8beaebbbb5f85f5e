/// The element types of GGUF tensors (ggml's `ggml_type` numbers), with their block layouts.
///
/// A quantized row of K values is K / blockSize blocks of blockBytes bytes each (K must be a
/// multiple of blockSize). Layouts, one block each (f16 = IEEE half, little-endian):
///
///     F32    1 value    4 B   float
///     F16    1 value    2 B   half
///     BF16   1 value    2 B   the top 16 bits of a float
///     Q8_0   32 values  34 B  d: f16, q: 32 x int8                      x = d q
///     Q4_0   32 values  18 B  d: f16, q: 16 B of nibbles                x = d (q - 8)
///     Q4_1   32 values  20 B  d: f16, m: f16, q: 16 B of nibbles        x = d q + m
///     Q4_K   256 values 144 B d, dmin: f16, scales: 12 B (8 x 6-bit scale and min), q: 128 B nibbles
///                             x = d sc_j q - dmin m_j in sub-block j of 32
///     Q6_K   256 values 210 B ql: 128 B low nibbles, qh: 64 B high 2-bit pairs, scales: 16 x int8,
///                             d: f16;  x = d sc_j (q - 32) in sub-block j of 16
///
/// In the 32-value nibble blocks, byte i holds value i in its low nibble and value i + 16 in its
/// high nibble. Quantize.swift and Dequantize.swift spell out the K-quant bit layouts.
public enum GGMLType: UInt32, Sendable, CaseIterable {
    case f32 = 0, f16 = 1, q4_0 = 2, q4_1 = 3, q8_0 = 8, q4_K = 12, q6_K = 14, bf16 = 30

    /// GGUF's name of the type ("Q4_1").
    public var name: String {
        switch self {
        case .f32: return "F32"
        case .f16: return "F16"
        case .bf16: return "BF16"
        case .q4_0: return "Q4_0"
        case .q4_1: return "Q4_1"
        case .q8_0: return "Q8_0"
        case .q4_K: return "Q4_K"
        case .q6_K: return "Q6_K"
        }
    }

    /// Values per block.
    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16: return 1
        case .q4_0, .q4_1, .q8_0: return 32
        case .q4_K, .q6_K: return 256
        }
    }

    /// Bytes per block.
    public var blockBytes: Int {
        switch self {
        case .f32: return 4
        case .f16, .bf16: return 2
        case .q4_0: return 18
        case .q4_1: return 20
        case .q8_0: return 34
        case .q4_K: return 144
        case .q6_K: return 210
        }
    }

    /// Whether the type stores blocks of integers with scales (not plain floats).
    public var isQuantized: Bool { blockSize > 1 }

    /// Bytes of a row of `k` values, nil when `k` is not a whole number of blocks.
    public func rowBytes(_ k: Int) -> Int? {
        guard k >= 0, k % blockSize == 0 else { return nil }
        return k / blockSize * blockBytes
    }

    /// Names of the ggml types Spar knows of but does not read, for messages ("Q5_K").
    static let otherNames: [UInt32: String] = [
        6: "Q5_0", 7: "Q5_1", 9: "Q8_1", 10: "Q2_K", 11: "Q3_K", 13: "Q5_K", 15: "Q8_K",
        16: "IQ2_XXS", 17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S",
        23: "IQ4_XS", 24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 34: "TQ1_0", 35: "TQ2_0",
        39: "MXFP4",
    ]

    /// A readable name for any type number: the supported ones, known others, or "type 99".
    public static func describe(_ raw: UInt32) -> String {
        GGMLType(rawValue: raw)?.name ?? otherNames[raw] ?? "type \(raw)"
    }

    /// The supported types, for messages.
    public static var supportedList: String { allCases.map(\.name).joined(separator: ", ") }
}
