import XCTest
@testable import Engine

/// Training, checkpoints, snapshots and bad input of the Llama model.
final class ModelTrainingTests: XCTestCase {
    func small(context: Int = 32, seed: UInt64 = 1, tied: Bool = true) throws -> LlamaModel {
        let config = LlamaConfig(vocabularySize: 266, context: context, layers: 2, width: 32, heads: 4, kvHeads: 2,
                                 ffnHidden: 64, tiedOutput: tied)
        return try LlamaModel(config: config, tokenizer: ByteTokenizer(), seed: seed)
    }

    /// Repeating one small batch drives the loss near zero.
    func testOverfitOneBatch() throws {
        let m = try small()
        let batch = try TokenBatch(sequences: [Array("the quick brown fox".utf8).map(Int.init),
                                               Array("jumps over the dog!".utf8).map(Int.init)])
        var first = 0.0, last = 0.0
        for step in 0..<150 {
            let (loss, _) = try m.trainStep(batch, learningRate: 1e-2, stepName: step + 1)
            if step == 0 { first = loss }
            last = loss
        }
        XCTAssertGreaterThan(first, 5)   // about log(266) at the start
        XCTAssertLessThan(last, 0.05)
    }

    /// fit on pairs learns the completions and scores only them; greedy generation then answers.
    func testFitOnPairs() throws {
        let m = try small(seed: 2)
        let pairs = [(prompt: "2+2=", completion: "4"), (prompt: "3+3=", completion: "6"), (prompt: "1+4=", completion: "5")]
        var options = FitOptions(steps: 120, learningRate: 1e-2, batch: 3)
        options.weightDecay = 0
        var lines: [String] = []
        var calls = 0
        let history = try m.fit(pairs: pairs, options: options) { p in
            calls += 1
            if p.isReport { lines.append(p.line) }
        }
        XCTAssertEqual(calls, 120)
        XCTAssertEqual(history.count, 120)
        XCTAssertEqual(lines.count, 10)
        XCTAssertTrue(lines[0].hasPrefix("step 12/120  loss "), lines[0])
        XCTAssertLessThan(history.last ?? 9, 0.05)
        for p in pairs {
            let g = try m.generate(prompts: [p.prompt], options: SamplingOptions(maxTokens: 4, temperature: 0))[0]
            XCTAssertEqual(g.text, p.completion)
            XCTAssertEqual(g.finishReason, "end")
        }
    }

    func testFitOnTextsLowersLoss() throws {
        let m = try small()
        let text = String(repeating: "a cat sat on a mat. ", count: 20)
        let history = try m.fit(texts: [text], options: FitOptions(steps: 200, learningRate: 1e-2, batch: 4))
        XCTAssertEqual(history.count, 200)
        XCTAssertGreaterThan(history[0], 5)
        // The text repeats every 20 characters: once learned (measured: a plateau near 1.6 until step
        // 60, then 0.15 by step 120), the next character is almost certain.
        XCTAssertLessThan(history.suffix(5).reduce(0, +) / 5, 0.5)
    }

    func testSaveLoadSameLogits() throws {
        let m = try small(tied: false)
        _ = try m.fit(texts: ["hello there, general"], options: FitOptions(steps: 3, batch: 2))
        let path = NSTemporaryDirectory() + "spar-model-\(UUID().uuidString).safetensors"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try m.save(to: path)
        let loaded = try LlamaModel.load(path: path)
        XCTAssertEqual(loaded.config, m.config)
        XCTAssertEqual(loaded.tokenizer.serialized(), m.tokenizer.serialized())
        let batch = try TokenBatch(sequences: [Array("some text".utf8).map(Int.init)])
        XCTAssertEqual(try loaded.logits(batch), try m.logits(batch))
    }

    func testSnapshotIsFrozenAndIndependent() throws {
        let m = try small()
        let snap = m.snapshot()
        let batch = try TokenBatch(sequences: [Array("abcdef".utf8).map(Int.init)])
        let before = try snap.logits(batch)
        _ = try m.fit(texts: ["xyz xyz xyz"], options: FitOptions(steps: 3, batch: 2))
        XCTAssertEqual(try snap.logits(batch), before)
        XCTAssertNotEqual(try m.logits(batch), before)
        assertEngineError("frozen") { try snap.fit(texts: ["a b"]) }
        assertEngineError("frozen") { try snap.forwardBackward(batch, logprobGradient: [0, 0, 0, 0, 0]) }
        XCTAssertTrue(snap.summary.contains("frozen"))
    }

    func testBadTrainingInput() throws {
        let m = try small(context: 8)
        assertEngineError("training set is empty") { try m.fit(texts: []) }
        assertEngineError("training set is empty") { try m.fit(pairs: []) }
        assertEngineError("longer than the model's context") { try m.fit(pairs: [(prompt: "abcdef", completion: "ghijk")]) }
        assertEngineError("steps") { try m.fit(texts: ["abc"], options: FitOptions(steps: 0)) }
        assertEngineError("smaller than the tokenizer's vocabulary") {
            try LlamaModel(config: LlamaConfig(vocabularySize: 100), tokenizer: ByteTokenizer(), seed: 1)
        }
        assertEngineError("heads 3 must be positive and divide the width") {
            try LlamaModel(config: LlamaConfig(vocabularySize: 300, width: 32, heads: 3), tokenizer: ByteTokenizer(), seed: 1)
        }
        assertEngineError("kv_heads 3") {
            try LlamaModel(config: LlamaConfig(vocabularySize: 300, width: 32, heads: 4, kvHeads: 3), tokenizer: ByteTokenizer(), seed: 1)
        }
        assertEngineError("is above the limit of 1000000000") {
            try LlamaModel(config: LlamaConfig(vocabularySize: 300, layers: 200, width: 8192, heads: 8), tokenizer: ByteTokenizer(), seed: 1)
        }
        assertEngineError("longer than the model's context of 8") {
            try m.tokenLogprobs(try TokenBatch(sequences: [Array(repeating: 65, count: 10)]))
        }
        // A non-finite weight makes the loss non-finite: the error names the step.
        m.weights[m.layout.blocks[0].wq.offset ?? 0].pointee = .nan
        assertEngineError("at step 1") { try m.fit(texts: ["some text here"], options: FitOptions(steps: 2, batch: 1)) }
    }

    func testMalformedCheckpoints() throws {
        let dir = NSTemporaryDirectory() + "spar-ckpt-\(UUID().uuidString)/"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = dir + "good.safetensors"
        let m = try small()
        try m.save(to: good)
        // Truncated file.
        let data = try Data(contentsOf: URL(fileURLWithPath: good))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: dir + "cut.safetensors"))
        assertEngineError("cut.safetensors") { try LlamaModel.load(path: dir + "cut.safetensors") }
        // A safetensors file without model metadata.
        try SafeTensors.save([(name: "x", tensor: try Tensor(shape: [1], scalars: [1]))], to: dir + "plain.safetensors")
        assertEngineError("plain.safetensors is not a Spar model checkpoint: its metadata has no \"spar.model\"") {
            try LlamaModel.load(path: dir + "plain.safetensors")
        }
        // Right metadata, a tensor of the wrong shape, a missing tensor, an extra tensor.
        var contents = try SafeTensors.load(good)
        let metadata = contents.metadata
        contents.tensors[1].tensor = try Tensor(shape: [3], scalars: [1, 1, 1])
        try SafeTensors.save(contents.tensors, metadata: metadata, to: dir + "shape.safetensors")
        assertEngineError("has shape [3], the config needs [32]") { try LlamaModel.load(path: dir + "shape.safetensors") }
        contents = try SafeTensors.load(good)
        contents.tensors.removeLast()
        try SafeTensors.save(contents.tensors, metadata: metadata, to: dir + "missing.safetensors")
        assertEngineError("\"model.norm.weight\" is missing") { try LlamaModel.load(path: dir + "missing.safetensors") }
        contents = try SafeTensors.load(good)
        contents.tensors.append((name: "lm_head.weight", tensor: try Tensor(shape: [1], scalars: [0])))
        try SafeTensors.save(contents.tensors, metadata: metadata, to: dir + "extra.safetensors")
        assertEngineError("unexpected tensor \"lm_head.weight\"") { try LlamaModel.load(path: dir + "extra.safetensors") }
        // A broken config.
        var broken = metadata
        broken["spar.config"] = "{\"layers\": 2}"
        try SafeTensors.save(try SafeTensors.load(good).tensors, metadata: broken, to: dir + "config.safetensors")
        assertEngineError("config.safetensors") { try LlamaModel.load(path: dir + "config.safetensors") }
        assertEngineError("cannot read") { try LlamaModel.load(path: dir + "absent.safetensors") }
    }
}
