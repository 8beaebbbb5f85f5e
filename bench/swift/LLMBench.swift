// Real-model benchmarks (`spar-bench llm [path.gguf]`): SmolLM2-135M-Instruct Q4_1 by default.
// Prints `name<TAB>value<TAB>unit` lines that bench/llm.sh shows beside llama.cpp and PyTorch.
//   load            mapping the file and building the model (tokenizer included)
//   decode b1       tokens/s generating 128 tokens greedily after a 16-token chat prompt, batch 1
//   sample 16x64    tokens/s sampling 64 new tokens for each of 16 prompts at once (prefill included)
//   rss             resident memory after both, MB
import Dispatch
import Engine
import Foundation

func residentMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
          let kb = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return 0 }
    return kb / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func llmBench(path: String, loader: (String) throws -> LlamaModel) throws {
    var model: LlamaModel?
    let load = try seconds { model = try loader(path) }
    guard let m = model else { return }
    report("load", load * 1000, "ms")
    let prompt = [1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198]
    var options = SamplingOptions(maxTokens: 1, temperature: 0)
    options.stopAtEnd = false
    _ = try m.generate(promptTokens: [prompt], options: options)  // warm the page cache and the buffers
    var best = 0.0
    for _ in 0..<3 {
        options.maxTokens = 1
        let first = try seconds { _ = try m.generate(promptTokens: [prompt], options: options) }
        options.maxTokens = 129
        let all = try seconds { _ = try m.generate(promptTokens: [prompt], options: options) }
        best = max(best, 128 / max(1e-9, all - first))
    }
    report("decode b1", best, "tok/s")
    // 16 prompts of different lengths (left-padded in the batch).
    let prompts = (0..<16).map { i in Array(prompt.prefix(8 + i % 9)) }
    var sampling = SamplingOptions(maxTokens: 64, temperature: 1, seed: 1)
    sampling.stopAtEnd = false
    var bestBatch = 0.0
    for _ in 0..<2 {
        let s = try seconds { _ = try m.generate(promptTokens: prompts, options: sampling) }
        bestBatch = max(bestBatch, 16 * 64 / s)
    }
    report("sample 16x64", bestBatch, "tok/s")
    report("rss", residentMB(), "MB")
}

/// The model with a vocabulary-sized stand-in tokenizer: the benchmark works on token ids only.
func benchModelLoader(_ path: String) throws -> LlamaModel {
    try LlamaGGUF.load(path: path) { file in
        let vocab = file.tensor(named: "token_embd.weight")?.dims.last ?? 256
        let merges = (0..<max(0, vocab - 256 - SpecialToken.allCases.count)).map { TokenPair($0 / 256, $0 % 256) }
        return try BPETokenizer(merges: merges)
    }
}
