import Dispatch
import Foundation

/// Splits `count` independent work items over the cores (contiguous chunks, one per worker), so the
/// element-wise kernels between the matrix products do not leave a core idle.
enum ParallelRows {
    /// Workers used; one when the machine has one core.
    static let workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body(range)` for disjoint ranges covering 0..<count. Small jobs run inline.
    static func run(_ count: Int, minimumPerWorker: Int = 16, _ body: (Range<Int>) -> Void) {
        runIndexed(count, minimumPerWorker: minimumPerWorker) { range, _ in body(range) }
    }

    /// Like `run`, also passing the worker's index in 0..<workers (for per-worker partial sums).
    static func runIndexed(_ count: Int, minimumPerWorker: Int = 16, _ body: (Range<Int>, Int) -> Void) {
        guard count > 0 else { return }
        let chunks = Swift.min(workers, Swift.max(1, count / Swift.max(1, minimumPerWorker)))
        if chunks == 1 { body(0..<count, 0); return }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = count * c / chunks, hi = count * (c + 1) / chunks
            if lo < hi { body(lo..<hi, c) }
        }
    }
}
