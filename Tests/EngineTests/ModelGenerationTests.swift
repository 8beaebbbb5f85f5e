import XCTest
@testable import Engine

/// Generation with the KV cache, sampling options, and scoring, against the plain forward pass.
final class ModelGenerationTests: XCTestCase {
    func model(kvHeads: Int = 2, seed: UInt64 = 3, context: Int = 32) throws -> LlamaModel {
        let config = LlamaConfig(vocabularySize: 300, context: context, layers: 2, width: 32, heads: 4, kvHeads: kvHeads, ffnHidden: 64)
        let m = try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: seed)
        // Larger weights than the training init, so the greedy path is not one repeated token.
        var rng = SeededRandom(seed: seed)
        for slot in m.layout.slots where slot.shape.count == 2 {
            for i in 0..<slot.count { m.weights[slot.offset + i].pointee = Float(rng.nextGaussian()) * 0.25 }
        }
        return m
    }

    /// Greedy decoding by recomputing the whole (left-padded) prefix with the training forward pass.
    func greedyWithoutCache(_ m: LlamaModel, _ prompts: [[Int]], steps: Int) throws -> [[Int]] {
        var seqs = prompts
        var out = Array(repeating: [Int](), count: prompts.count)
        let v = m.config.vocabularySize, allowed = m.tokenizer.vocabularySize, pad = m.tokenizer.id(of: .pad)
        for _ in 0..<steps {
            let t = seqs.map(\.count).max() ?? 1
            var inputs = [Int32](repeating: 0, count: seqs.count * t)
            let pads = seqs.map { t - $0.count }
            for (b, s) in seqs.enumerated() { for (i, x) in s.enumerated() { inputs[b * t + pads[b] + i] = Int32(x) } }
            let batch = try TokenBatch(batch: seqs.count, length: t, inputs: inputs,
                                       targets: Array(repeating: -1, count: seqs.count * t), pads: pads)
            let logits = try m.logits(batch)
            for b in 0..<seqs.count {
                let row = (b * t + t - 1) * v
                var best = 0
                for j in 0..<allowed where j != pad && logits[row + j] > logits[row + best] { best = j }
                seqs[b].append(best); out[b].append(best)
            }
        }
        return out
    }

    func testKVCacheGreedyEqualsRecomputation() throws {
        for kv in [1, 2, 4] {
            let m = try model(kvHeads: kv)
            let prompts = [[72, 101, 108, 108, 111], [87, 104], [10, 20, 30, 40, 50, 60, 70, 80]]
            var options = SamplingOptions(maxTokens: 12, temperature: 0)
            options.stopAtEnd = false
            let cached = try m.generate(promptTokens: prompts, options: options).map(\.tokens)
            let plain = try greedyWithoutCache(m, prompts, steps: 12)
            XCTAssertEqual(cached, plain, "kv heads \(kv)")
            XCTAssertGreaterThan(Set(cached.flatMap { $0 }).count, 3, "the greedy path should not be trivial")
        }
    }

    /// The same with causal attention blocks of 3 query rows in the recomputation.
    func testKVCacheEqualsRecomputationWithSmallAttentionBlocks() throws {
        let saved = AttentionKernel.block
        AttentionKernel.block = 3
        defer { AttentionKernel.block = saved }
        try testKVCacheGreedyEqualsRecomputation()
    }

    /// A batched generation gives each prompt what it gets alone (padding is invisible).
    func testBatchedGenerationEqualsSingle() throws {
        let m = try model()
        let prompts = ["The cat", "A", "Once upon a time"]
        let options = SamplingOptions(maxTokens: 10, temperature: 0)
        let together = try m.generate(prompts: prompts, options: options)
        for (i, p) in prompts.enumerated() {
            XCTAssertEqual(try m.generate(prompts: [p], options: options)[0].tokens, together[i].tokens)
        }
    }

    func testSameSeedSameSamples() throws {
        let m = try model()
        let options = SamplingOptions(maxTokens: 16, temperature: 1, topK: 50, topP: 0.9, seed: 7)
        let a = try m.generate(prompts: ["ab", "cd"], options: options)
        let b = try m.generate(prompts: ["ab", "cd"], options: options)
        XCTAssertEqual(a, b)
        var other = options; other.seed = 8
        XCTAssertNotEqual(try m.generate(prompts: ["ab", "cd"], options: other).map(\.tokens), a.map(\.tokens))
    }

    /// top_k 1 is greedy whatever the temperature; the returned log-probs are the model's own.
    func testTopKOneIsGreedyAndLogprobsMatchScoring() throws {
        let m = try model()
        let greedy = try m.generate(prompts: ["xy"], options: SamplingOptions(maxTokens: 8, temperature: 0))[0]
        let k1 = try m.generate(prompts: ["xy"], options: SamplingOptions(maxTokens: 8, temperature: 5, topK: 1, seed: 2))[0]
        XCTAssertEqual(greedy.tokens, k1.tokens)
        let sampled = try m.generate(prompts: ["xy"], options: SamplingOptions(maxTokens: 8, temperature: 1, seed: 4))[0]
        let scored = try m.logprobs(prompts: [m.tokenizer.encode("xy")], completions: [sampled.tokens])[0]
        XCTAssertEqual(scored.count, sampled.logprobs.count)
        for (a, b) in zip(scored, sampled.logprobs) { XCTAssertEqual(a, b, accuracy: 1e-4) }
    }

    /// logprob(prompt, completion) equals the forward pass's log-probabilities of the concatenation.
    func testLogprobAgreesWithForward() throws {
        let m = try model()
        let p = m.tokenizer.encode("Hello"), c = m.tokenizer.encode(" world")
        let lp = try m.logprob(prompt: "Hello", completion: " world")
        let all = try m.tokenLogprobs(try TokenBatch(sequences: [p + c]))
        XCTAssertEqual(lp.count, c.count)
        for j in 0..<c.count { XCTAssertEqual(lp[j], all[p.count - 1 + j], accuracy: 1e-6) }
        // And from the logits directly: log softmax at the target.
        let logits = try m.logits(try TokenBatch(sequences: [p + c]))
        let v = m.config.vocabularySize, row = p.count - 1
        let z = Array(logits[(row * v)..<((row + 1) * v)]).map(Double.init)
        let mx = z.max() ?? 0
        let lse = mx + log(z.reduce(0) { $0 + exp($1 - mx) })
        XCTAssertEqual(Double(lp[0]), z[c[0]] - lse, accuracy: 1e-4)
        // Scoring in a batch beside a longer pair changes nothing.
        let batch = try m.logprobs(prompts: [p, m.tokenizer.encode("A much longer prompt")], completions: [c, c])
        for (a, b) in zip(batch[0], lp) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testStopStringsAndLimits() throws {
        let m = try model()
        let free = try m.generate(prompts: ["q"], options: SamplingOptions(maxTokens: 20, temperature: 0))[0]
        XCTAssertEqual(free.tokens.count, 20)
        XCTAssertEqual(free.finishReason, "length")
        // Stop at a piece of what greedy decoding produces anyway.
        let piece = String(free.text.dropFirst(3).prefix(2))
        guard !piece.isEmpty else { return XCTFail("greedy text too short: \(free.text)") }
        let stopped = try m.generate(prompts: ["q"], options: SamplingOptions(maxTokens: 20, temperature: 0, stop: [piece]))[0]
        XCTAssertEqual(stopped.finishReason, "stop")
        XCTAssertFalse(stopped.text.contains(piece))
        XCTAssertTrue(free.text.hasPrefix(stopped.text))
        // The context bounds generation.
        let small = try model(context: 8)
        let full = try small.generate(prompts: ["abc"], options: SamplingOptions(maxTokens: 50, temperature: 0))[0]
        // 8 positions can be read; the logits of the last one still predict one more token.
        XCTAssertEqual(full.tokens.count, 8 - 3 + 1)
        XCTAssertEqual(full.finishReason, "context")
    }

    /// A throwing step hook (Ctrl-C in the REPL) stops generation after that many steps.
    func testStepHookCanStopGeneration() throws {
        let m = try model()
        var steps = 0
        assertEngineError("stop here") {
            try m.generate(prompts: ["a"], options: SamplingOptions(maxTokens: 50, temperature: 0)) {
                steps += 1
                if steps == 3 { throw EngineError("stop here") }
            }
        }
        XCTAssertEqual(steps, 3)
    }

    func testBadGenerationInput() throws {
        let m = try model(context: 8)
        assertEngineError("context of 8") { try m.generate(prompts: ["123456789"]) }
        assertEngineError("outside the tokenizer's vocabulary") { try m.generate(promptTokens: [[1, 290]]) }
        assertEngineError("top_p") { try m.generate(prompts: ["a"], options: SamplingOptions(topP: 0)) }
        assertEngineError("temperature") { try m.generate(prompts: ["a"], options: SamplingOptions(temperature: -1)) }
        assertEngineError("longer than the model's context") { try m.logprob(prompt: "123456", completion: "7890") }
        assertEngineError("outside the vocabulary") { try m.tokenLogprobs(try TokenBatch(sequences: [[1, 400]])) }
    }
}
