/// Every weight of a Llama model resolved, once per model, to what the kernels read: norm gains as
/// pointers into the flat parameter buffer, matrices as `WeightMatrix` (flat Float32 rows, or
/// external quantized ones). Training, generation and scoring all read weights through this.
struct LlamaWeightSet {
    typealias P = UnsafeMutablePointer<Float>

    struct Block {
        let attnNorm: P, ffnNorm: P
        let wq: WeightMatrix, wk: WeightMatrix, wv: WeightMatrix, wo: WeightMatrix
        let gate: WeightMatrix, up: WeightMatrix, down: WeightMatrix
    }

    let embedding: WeightMatrix
    let blocks: [Block]
    let finalNorm: P
    let output: WeightMatrix

    /// Resolves `layout` over `flat`; an external matrix missing from `external` is an error (the
    /// loader names the file).
    init(layout: LlamaLayout, flat: FloatBuffer, external: [String: WeightMatrix]) throws {
        func matrix(_ ref: LlamaLayout.MatrixRef) throws -> WeightMatrix {
            switch ref {
            case .flat(let offset): return .dense(flat[offset])
            case .external(let name):
                guard let m = external[name] else { throw EngineError("model: weight \"\(name)\" is missing") }
                return m
            }
        }
        embedding = try matrix(layout.embedding)
        blocks = try layout.blocks.map { b in
            Block(attnNorm: flat[b.attnNorm], ffnNorm: flat[b.ffnNorm],
                  wq: try matrix(b.wq), wk: try matrix(b.wk), wv: try matrix(b.wv), wo: try matrix(b.wo),
                  gate: try matrix(b.gate), up: try matrix(b.up), down: try matrix(b.down))
        }
        finalNorm = flat[layout.finalNorm]
        output = try matrix(layout.output)
    }
}
