// Language-model benchmarks (`spar-bench model [steps] [train|generate]`): training throughput and MFU of the Llama decoder
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

/// Tokens generated per second with the KV cache: 16-token prompts, 64 new tokens each, sampling at
/// temperature 1 (the end token does not stop the rows, so every row makes all 64).
func modelGeneration() throws {
    let config = benchConfig()
    let model = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: 1)
    for batch in [1, 32] {
        var rng = SeededRandom(seed: 3)
        let prompts = (0..<batch).map { _ in (0..<16).map { _ in 32 + rng.nextInt(below: 90) } }
        var options = SamplingOptions(maxTokens: 64, temperature: 1, seed: 4)
        options.stopAtEnd = false
        var made = 0
        let s = try time(3) { made = try model.generate(promptTokens: prompts, options: options).reduce(0) { $0 + $1.tokens.count } }
        report("generate batch \(batch)", Double(made) / s, "tok/s")
    }
}

func modelBenchMain(_ args: [String]) throws {
    let steps = Int(args.first ?? "") ?? 5
    if args.dropFirst().first != "generate" { try modelTraining(steps: steps) }
    if args.dropFirst().first != "train" { try modelGeneration() }
}
