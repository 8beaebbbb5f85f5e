// Engine benchmarks. Each line printed is `name<TAB>value<TAB>unit`; bench/tensors.sh runs this and
// bench/tensors_numpy.py (which prints the same names) and shows them side by side with ratios.
//
//   spar-bench             all benchmarks
//   spar-bench autograd    forward+backward of single ops (Spar only)
//   spar-bench threads     matmul with 1 vs all OpenBLAS threads at small sizes (for Gemm.singleThreadBelow)
import Dispatch
import Foundation
import Engine

/// Median seconds of `body` over `repeats` runs after one warm-up.
func time(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    try body()
    var samples: [Double] = []
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return samples.sorted()[samples.count / 2]
}

func report(_ name: String, _ value: Double, _ unit: String) {
    print("\(name)\t\(value)\t\(unit)")
}

func matmul(_ n: Int) throws {
    let a = try Tensor.randn([n, n], seed: 1), b = try Tensor.randn([n, n], seed: 2)
    let repeats = n <= 128 ? 200 : (n <= 512 ? 20 : 8)
    let s = try time(repeats) { _ = try a.matmul(b) }
    report("matmul \(n)", 2 * Double(n * n * n) / s / 1e9, "GFLOP/s")
}

func elementwise() throws {
    let n = 1_000_000
    let x = try Tensor.randn([n], seed: 3), y = try Tensor.randn([n], seed: 4)
    let rows = try x.reshaped([1000, 1000])
    let ms = 1e3
    report("add 1M", try time(50) { _ = try x + y } * ms, "ms")
    report("multiply 1M", try time(50) { _ = try x * y } * ms, "ms")
    report("add scalar 1M", time(50) { _ = x + 1 } * ms, "ms")
    report("exp 1M", time(30) { _ = x.exp() } * ms, "ms")
    report("tanh 1M", time(30) { _ = x.tanh() } * ms, "ms")
    report("relu 1M", time(50) { _ = x.relu() } * ms, "ms")
    report("sum 1M", try time(50) { _ = try x.sum() } * ms, "ms")
    report("max 1M", try time(50) { _ = try x.max() } * ms, "ms")
    report("sum rows 1000x1000", try time(50) { _ = try rows.sum(axis: 1) } * ms, "ms")
    report("sum cols 1000x1000", try time(50) { _ = try rows.sum(axis: 0) } * ms, "ms")
    report("softmax 1000x1000", try time(20) { _ = try rows.softmax(axis: -1) } * ms, "ms")
}

/// One SGD step of a 2-layer MLP: x [256, 512] -> relu(x W1 + b1) [256, 512] -> W2 + b2 [256, 10],
/// cross entropy, backward, update.
func mlpStep() throws {
    let batch = 256, width = 512, classes = 10
    let x = try Tensor.randn([batch, width], seed: 5)
    let labels = Tensor((0..<batch).map { Float($0 % classes) })
    let w1 = Parameter(try Tensor.randn([width, width], seed: 6, std: 0.04))
    let b1 = Parameter(try Tensor.zeros([width]))
    let w2 = Parameter(try Tensor.randn([width, classes], seed: 7, std: 0.04))
    let b2 = Parameter(try Tensor.zeros([classes]))
    let opt = try SGD(parameters: [w1, b1, w2, b2], learningRate: 0.01)
    let s = try time(30) {
        opt.zeroGrad()
        let h = try (x.matmul(w1.tensor) + b1.tensor).relu()
        let logits = try h.matmul(w2.tensor) + b2.tensor
        try logits.crossEntropy(targets: labels).backward()
        try opt.step()
    }
    report("mlp step 256x512", s * 1e3, "ms")
}

func threads() throws {
    let saved = Gemm.singleThreadBelow
    for n in [32, 48, 64, 96, 128, 192, 256] {
        let a = try Tensor.randn([n, n], seed: 1), b = try Tensor.randn([n, n], seed: 2)
        Gemm.singleThreadBelow = Int.max
        let one = try time(300) { _ = try a.matmul(b) }
        Gemm.singleThreadBelow = 0
        let all = try time(300) { _ = try a.matmul(b) }
        print("n=\(n)\t1 thread \(String(Int(one * 1e6))) us\t\(Gemm.maxThreads) threads \(String(Int(all * 1e6))) us")
    }
    Gemm.singleThreadBelow = saved
}

/// Forward plus backward of single ops on 1M elements (no numpy peer: numpy has no autograd).
func autograd() throws {
    let p = Parameter(try Tensor.randn([1000, 1000], seed: 8))
    for (name, op) in [("gelu", { (t: Tensor) throws -> Tensor in t.gelu() }), ("tanh", { $0.tanh() }),
                       ("softmax", { try $0.softmax() }), ("layer_norm", { try $0.layerNorm() }),
                       ("x*x", { try $0 * $0 })] as [(String, (Tensor) throws -> Tensor)] {
        if let only = ProcessInfo.processInfo.environment["ONLY"], only != name { continue }
        let s = try time(10) { _ = try Autograd.gradients(of: try op(p.tensor).sum(), wrt: [p]) }
        report("\(name) fwd+bwd 1M", s * 1e3, "ms")
    }
}

// SPAR_BLAS_THREADS=n overrides the thread count for large products (to compare with numpy under
// OPENBLAS_NUM_THREADS=n).
if let n = ProcessInfo.processInfo.environment["SPAR_BLAS_THREADS"].flatMap(Int.init), n > 0 { Gemm.maxThreads = n }

do {
    if CommandLine.arguments.dropFirst().first == "autograd" {
        try autograd()
    } else if CommandLine.arguments.dropFirst().first == "threads" {
        try threads()
    } else if CommandLine.arguments.dropFirst().first == "model" {
        try modelBenchMain(Array(CommandLine.arguments.dropFirst(2)))
    } else if CommandLine.arguments.dropFirst().first == "llm" {
        let home = ProcessInfo.processInfo.environment["SPAR_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/spar").path
        let path = CommandLine.arguments.dropFirst(2).first ?? home + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
        try llmBench(path: path, loader: benchModelLoader)
    } else {
        for n in [128, 512, 1024] { try matmul(n) }
        try elementwise()
        try mlpStep()
    }
} catch {
    print("spar-bench: \(error)")
}
