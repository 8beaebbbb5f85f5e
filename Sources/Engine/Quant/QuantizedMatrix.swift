import CKernels

/// A weight matrix W [N = rows, K = cols] stored in one of GGUF's block formats, read in place (from
/// a mapped file, or bytes this object owns). Frozen: nothing writes to it.
///
/// Row r is `rowBytes` bytes at `data + r * rowBytes`: K / blockSize blocks of `type`'s layout.
public final class QuantizedMatrix: @unchecked Sendable {
    public let type: GGMLType
    public let rows: Int
    public let cols: Int
    public let rowBytes: Int
    let data: UnsafeRawPointer
    /// What keeps `data` alive: the mapped file, or the owned buffer.
    private let owner: AnyObject?
    private let ownedBytes: UnsafeMutableRawPointer?

    /// A matrix over bytes that `owner` keeps alive (a `MappedFile`). The caller has checked that
    /// rows x rowBytes bytes are there and that K is a whole number of blocks.
    init(type: GGMLType, rows: Int, cols: Int, data: UnsafeRawPointer, owner: AnyObject) {
        self.type = type; self.rows = rows; self.cols = cols
        rowBytes = type.rowBytes(cols) ?? 0
        self.data = data; self.owner = owner; ownedBytes = nil
    }

    /// A matrix owning a copy of `bytes` (rows x rowBytes of them; checked).
    public init(type: GGMLType, rows: Int, cols: Int, bytes: [UInt8]) throws {
        guard rows >= 1, cols >= 1, let rb = type.rowBytes(cols), rb * rows == bytes.count else {
            throw EngineError("quantized matrix: \(rows) x \(cols) of \(type.name) needs \(type.rowBytes(cols).map { "\($0 * rows)" } ?? "whole blocks of \(type.blockSize) values per row, not") bytes, got \(bytes.count)")
        }
        self.type = type; self.rows = rows; self.cols = cols; rowBytes = rb
        let p = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(1, bytes.count), alignment: 64)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { p.copyMemory(from: b, byteCount: bytes.count) } }
        data = UnsafeRawPointer(p); ownedBytes = p; owner = nil
    }

    deinit { ownedBytes?.deallocate() }

    /// Bytes of the whole matrix.
    public var byteCount: Int { rows * rowBytes }

    /// Pointer to row r.
    @inline(__always) func row(_ r: Int) -> UnsafeRawPointer { data + r * rowBytes }

    /// Writes row r as K floats to `out`.
    func dequantizeRow(_ r: Int, into out: UnsafeMutablePointer<Float>) {
        spar_dequantize_row(Int32(type.rawValue), row(r), out, cols)
    }

    /// The whole matrix as Float32 values, row-major [N, K] (for tests, merging and display).
    public func dequantized() -> [Float] {
        var out = [Float](repeating: 0, count: rows * cols)
        out.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            for r in 0..<rows { dequantizeRow(r, into: base + r * cols) }
        }
        return out
    }

    /// A copy with its rows reordered: row i of the result is row `order[i]` of this matrix.
    /// (Used to undo the GGUF conversion's permutation of the query and key rows.)
    func permutingRows(_ order: [Int]) throws -> QuantizedMatrix {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        bytes.withUnsafeMutableBytes { out in
            guard let base = out.baseAddress else { return }
            for (i, r) in order.enumerated() { (base + i * rowBytes).copyMemory(from: row(r), byteCount: rowBytes) }
        }
        return try QuantizedMatrix(type: type, rows: rows, cols: cols, bytes: bytes)
    }
}
