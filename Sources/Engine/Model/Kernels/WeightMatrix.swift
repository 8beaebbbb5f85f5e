/// A weight matrix W [N = out, K = in] as the kernels read it: Float32 rows in a model's parameter
/// buffer, or quantized rows (frozen, usually mapped from a GGUF file). `Linear` multiplies by
/// either; everything above it (the decoder block, training, generation) does not care which.
enum WeightMatrix {
    /// Row-major Float32 [N, K], trainable when the model is.
    case dense(UnsafeMutablePointer<Float>)

    /// The storage type's name as GGUF spells it ("F32", "Q4_1").
    var typeName: String {
        switch self {
        case .dense: return "F32"
        }
    }

    /// Writes row `r` (K floats) to `out`: the embedding lookup.
    func copyRow(_ r: Int, width k: Int, to out: UnsafeMutablePointer<Float>) {
        switch self {
        case .dense(let w): out.update(from: w + r * k, count: k)
        }
    }
}
