import CBLAS
import Foundation

/// Matrix products through OpenBLAS `cblas_sgemm`, batched over leading axes with broadcasting.
public enum Gemm {
    /// Products with fewer multiply-adds than this (m * n * k) run on one OpenBLAS thread: below it,
    /// waking the thread pool costs more than it saves. Measured on the build machine with
    /// `spar-bench threads` (2-core AMD EPYC, shared): at 128^3 two threads took 65 us against 42 us for
    /// one; from 192^3 on two threads win (126 us against 146 us).
    nonisolated(unsafe) public static var singleThreadBelow = 160 * 160 * 160
    /// Thread count used for large products; defaults to the number of active cores. (Debian's
    /// OpenBLAS reports 1 thread from `openblas_get_num_threads` until told otherwise.)
    nonisolated(unsafe) public static var maxThreads: Int = ProcessInfo.processInfo.activeProcessorCount
    nonisolated(unsafe) private static var currentThreads: Int = -1

    static func useThreads(for work: Int) {
        let wanted = work < singleThreadBelow ? 1 : Swift.max(1, maxThreads)
        if wanted != currentThreads {
            openblas_set_num_threads(Int32(wanted))
            currentThreads = wanted
        }
    }

    /// C = op(A) op(B) for rank >= 2 tensors, where op transposes the last two axes when asked and the
    /// leading (batch) axes broadcast. Errors name `op` and both shapes.
    static func product(_ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
                        op: String = "matmul") throws -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else {
            throw EngineError("\(op): needs tensors of rank 2 or more, got shapes \(a.shape) and \(b.shape)")
        }
        let ra = a.shape.count, rb = b.shape.count
        let (m, k) = transposeA ? (a.shape[ra - 1], a.shape[ra - 2]) : (a.shape[ra - 2], a.shape[ra - 1])
        let (k2, n) = transposeB ? (b.shape[rb - 1], b.shape[rb - 2]) : (b.shape[rb - 2], b.shape[rb - 1])
        guard k == k2 else {
            throw EngineError("\(op): shapes \(a.shape) and \(b.shape) do not match (inner sizes \(k) and \(k2))")
        }
        // cblas takes 32-bit sizes; only a raised `Shape.maxTensorBytes` could exceed them.
        let limit = Int(Int32.max)
        guard m <= limit, n <= limit, k <= limit, a.shape[ra - 1] <= limit, b.shape[rb - 1] <= limit else {
            throw EngineError("\(op): shapes \(a.shape) and \(b.shape) have a matrix side above \(limit)")
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = try Shape.broadcast(batchA, batchB, op: op)
        let outShape = batch + [m, n]
        let total = try Shape.elementCount(outShape, op: op)
        let batchCount = Shape.product(batch)
        useThreads(for: (m * n).multipliedReportingOverflow(by: k).overflow ? Int.max : m * n * k)
        let lda = a.shape[ra - 1], ldb = b.shape[rb - 1]
        let ta = transposeA ? CblasTrans : CblasNoTrans
        let tb = transposeB ? CblasTrans : CblasNoTrans
        try Interruption.check()
        var out = [Float](repeating: 0, count: total)
        if total == 0 || k == 0 { return Tensor(unchecked: outShape, out) }
        try a.scalars.withUnsafeBufferPointer { pa in
            try b.scalars.withUnsafeBufferPointer { pb in
                try out.withUnsafeMutableBufferPointer { pc in
                    guard let A = pa.baseAddress, let B = pb.baseAddress, let C = pc.baseAddress else { return }
                    if batchB.allSatisfy({ $0 == 1 }) && !transposeA && batchA == batch {
                        // B is one matrix and A's batch is contiguous: fold the batch into the rows.
                        try sgemmInterruptibly(CblasNoTrans, tb, rows: batchCount * m, n, k, A, lda, B, ldb, C)
                        return
                    }
                    let sa = Shape.broadcastStrides(batchA, to: batch)
                    let sb = Shape.broadcastStrides(batchB, to: batch)
                    let matA = a.shape[ra - 2] * a.shape[ra - 1], matB = b.shape[rb - 2] * b.shape[rb - 1]
                    var counter = [Int](repeating: 0, count: batch.count)
                    for i in 0..<batchCount {
                        if i > 0 { try Interruption.check() }
                        var ia = 0, ib = 0
                        for d in 0..<batch.count { ia += counter[d] * sa[d]; ib += counter[d] * sb[d] }
                        try sgemmInterruptibly(ta, tb, rows: m, n, k, A + ia * matA, lda, B + ib * matB, ldb, C + i * m * n)
                        var d = batch.count - 1
                        while d >= 0 { counter[d] += 1; if counter[d] < batch[d] { break }; counter[d] = 0; d -= 1 }
                    }
                }
            }
        }
        return Tensor(unchecked: outShape, out)
    }
}

extension Gemm {
    /// Multiply-adds one `cblas_sgemm` call may do before Ctrl-C is looked at again: about a
    /// tenth of a second on the 2-core build machine.
    nonisolated(unsafe) static var workBetweenInterruptChecks = 1 << 32

    /// C (rows x n, row-major, leading dimension n) = op(A) op(B), cut into blocks of rows so that
    /// a product of minutes can be stopped by Ctrl-C (`Interruption`) between blocks. Rows of op(A)
    /// start at `A + r * lda` untransposed and at `A + r` transposed.
    static func sgemmInterruptibly(_ ta: CBLAS_TRANSPOSE, _ tb: CBLAS_TRANSPOSE, rows: Int, _ n: Int, _ k: Int,
                                   _ A: UnsafePointer<Float>, _ lda: Int, _ B: UnsafePointer<Float>, _ ldb: Int,
                                   _ C: UnsafeMutablePointer<Float>) throws {
        let perRow = Swift.max(1, n.multipliedReportingOverflow(by: k).overflow ? Int.max : n * k)
        let block = Swift.max(256, workBetweenInterruptChecks / perRow)
        var r = 0
        while r < rows {
            if r > 0 { try Interruption.check() }
            let count = Swift.min(block, rows - r)
            let a = ta == CblasNoTrans ? A + r * lda : A + r
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(count), Int32(n), Int32(k),
                        1, a, Int32(lda), B, Int32(ldb), 0, C + r * n, Int32(n))
            r += count
        }
    }
}

extension Tensor {
    /// Matrix product with numpy's `matmul` rules: the last two axes multiply, leading axes broadcast,
    /// and a rank-1 operand is treated as a row (left) or column (right) vector that is then dropped.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw EngineError("matmul: shapes \(shape) and \(other.shape) do not match (scalars cannot be multiplied as matrices)")
        }
        if rank == 1 || other.rank == 1 {
            let a = rank == 1 ? try reshaped([1, shape[0]]) : self
            let b = other.rank == 1 ? try other.reshaped([other.shape[0], 1]) : other
            let c = try a.matmul(b)
            var outShape = Array(c.shape.dropLast(2))
            if rank != 1 { outShape.append(c.shape[c.rank - 2]) }
            if other.rank != 1 { outShape.append(c.shape[c.rank - 1]) }
            return try c.reshaped(outShape)
        }
        let a = self, b = other
        return try Gemm.product(a, b).recorded("matmul", inputs: [a, b]) { g in
            // dA = g B^T, dB = A^T g (batch axes reduced to each input's shape by the caller).
            let ga = a.isTracked ? try Gemm.product(g, b, transposeB: true) : nil
            var gb: Tensor? = nil
            if b.isTracked {
                if b.rank == 2 && a.rank > 2 {
                    // Fold A's batch into rows: dB = A_flat^T g_flat, one product.
                    let rows = a.count / a.shape[a.rank - 1]
                    let af = Tensor(unchecked: [rows, a.shape[a.rank - 1]], a.scalars)
                    let gf = Tensor(unchecked: [rows, g.shape[g.rank - 1]], g.scalars)
                    gb = try Gemm.product(af, transposeA: true, gf)
                } else {
                    gb = try Gemm.product(a, transposeA: true, g)
                }
            }
            return [ga, gb]
        }
    }
}
