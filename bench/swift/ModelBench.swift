// Language-model benchmarks (`spar-bench model`): training throughput and MFU of the Llama decoder
// on the config, and generation speed with the KV cache. bench/model.sh runs this beside the
// PyTorch peer (bench/model_torch.py) when torch is installed.
import Dispatch
import Engine

/// Best sgemm rate over a few square products: the "peak" that MFU divides by, measured in this run.
func sgemmPeak() throws -> Double {
    var best = 0.0
    for n in [1024, 1536, 2048] {
        let a = try Tensor.randn([n, n], seed: 1), b = try Tensor.randn([n, n], seed: 2)
        let s = try time(3) { _ = try a.matmul(b) }
        best = max(best, 2 * Double(n * n * n) / s / 1e9)
    }
    return best
}

/// The config: 4 layers, width 256, 4 heads, context 256, vocab 1024; batch 16.
func benchConfig() -> LlamaConfig {
    LlamaConfig(vocabularySize: 1024, context: 256, layers: 4, width: 256, heads: 4)
}

func modelTraining(steps: Int) throws {
    let config = benchConfig()
    let model = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: 1)
    var rng = SeededRandom(seed: 2)
    let b = 16, t = config.context
    let inputs = (0..<(b * t)).map { _ in Int32(rng.nextInt(below: config.vocabularySize)) }
    let targets = (0..<(b * t)).map { _ in Int32(rng.nextInt(below: config.vocabularySize)) }
    let batch = try TokenBatch(batch: b, length: t, inputs: inputs, targets: targets)
    let peak = try sgemmPeak()
    let s = try time(steps) { try model.trainStep(batch, learningRate: 1e-4) }
    let tokensPerSecond = Double(b * t) / s
    let mfu = config.trainingFLOPsPerToken * tokensPerSecond / (peak * 1e9)
    report("sgemm peak", peak, "GFLOP/s")
    report("train params", Double(config.parameterCount) / 1e6, "M")
    report("train step", s * 1e3, "ms")
    report("train tokens/s", tokensPerSecond, "tok/s")
    report("train MFU", mfu * 100, "%")
}

func modelBenchMain(_ args: [String]) throws {
    let steps = Int(args.first ?? "") ?? 5
    try modelTraining(steps: steps)
}
