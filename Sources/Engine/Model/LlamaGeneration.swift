/// Batched generation with a KV cache.
///
/// Prompts of different lengths are left-padded to the longest (padding is masked and rotary
/// positions start after it, so each row computes what it would alone); the prompts are read in one
/// pass, then one position per step. A row finishes at the end token, a stop string, `maxTokens`, or
/// when the model's context is full; the batch stops when every row has finished.
extension LlamaModel {
    /// Completes each prompt. The same seed gives the same completions. `onStep` runs before each new
    /// position is read; throwing from it (e.g. on Ctrl-C) stops the generation.
    public func generate(prompts: [String], options: SamplingOptions = SamplingOptions(),
                         onStep: (() throws -> Void)? = nil) throws -> [Generation] {
        let encoded = try prompts.enumerated().map { i, p -> [Int] in
            do { return try promptIDs(p) } catch { throw EngineError("generate: prompt \(i) is empty") }
        }
        return try generate(promptTokens: encoded, options: options, onStep: onStep)
    }

    /// Completes prompts given as token ids.
    public func generate(promptTokens: [[Int]], options: SamplingOptions = SamplingOptions(),
                         onStep: (() throws -> Void)? = nil) throws -> [Generation] {
        try options.validate()
        guard !promptTokens.isEmpty else { return [] }
        let v = tokenizer.vocabularySize
        for (i, p) in promptTokens.enumerated() {
            guard !p.isEmpty else { throw EngineError("generate: prompt \(i) has no tokens") }
            if let bad = p.first(where: { $0 < 0 || $0 >= v }) {
                throw EngineError("generate: prompt \(i) has token id \(bad), outside the tokenizer's vocabulary 0..<\(v)")
            }
            guard p.count < config.context else {
                throw EngineError("generate: prompt \(i) is \(p.count) tokens; the model's context of \(config.context) leaves no room to generate")
            }
        }
        let b = promptTokens.count
        let promptLength = promptTokens.map(\.count).max() ?? 1
        let capacity = Swift.min(config.context, promptLength + options.maxTokens)
        let pads = promptTokens.map { promptLength - $0.count }
        let padID = tokenizer.id(of: .pad) ?? 0
        var results = Array(repeating: Generation(text: "", tokens: [], logprobs: [], finishReason: "length"), count: b)
        if options.maxTokens == 0 { return results }
        let bytes = 8.0 * Double(config.layers * b * capacity * config.keyValueWidth)
        guard bytes <= Self.maxActivationBytes else {
            throw EngineError("generate: a KV cache for \(b) prompts of \(capacity) positions needs \(Int(bytes / 1e6)) MB; use fewer prompts")
        }
        let cache = KVCache(config, batch: b, capacity: capacity, pads: pads)
        let scratch = InferenceScratch(config, batch: b, rows: b * promptLength)
        // Padding is never sampled, unless the checkpoint pads with its end token (SmolLM2 does).
        let pad = tokenizer.id(of: .pad)
        var sampler = TokenSampler(options: options, allowed: v, banned: pad == tokenizer.id(of: .end) ? nil : pad)
        let end = options.stopAtEnd ? tokenizer.id(of: .end) : nil
        var done = [Bool](repeating: false, count: b)
        var input = [Int32](repeating: Int32(padID), count: b * promptLength)
        for (row, p) in promptTokens.enumerated() {
            for (i, t) in p.enumerated() { input[row * promptLength + pads[row] + i] = Int32(t) }
        }
        decodeStep(input, newPositions: promptLength, cache: cache, scratch: scratch)
        while true {
            var next = [Int32](repeating: Int32(padID), count: b)
            for row in 0..<b where !done[row] {
                let (token, lp) = sampler.pick(scratch.logits.pointer + row * config.vocabularySize, vocab: config.vocabularySize)
                results[row].tokens.append(token)
                results[row].logprobs.append(lp)
                next[row] = Int32(token)
                if token == end {
                    done[row] = true; results[row].finishReason = "end"
                } else if !options.stop.isEmpty {
                    let text = try tokenizer.decode(results[row].tokens)
                    if let cut = Self.firstStop(in: text, options.stop) {
                        results[row].text = String(text[..<cut]); done[row] = true; results[row].finishReason = "stop"
                    }
                }
                if !done[row] && results[row].tokens.count >= options.maxTokens {
                    done[row] = true; results[row].finishReason = "length"
                } else if !done[row] && cache.filled >= capacity {
                    done[row] = true; results[row].finishReason = "context"
                }
            }
            if done.allSatisfy({ $0 }) { break }
            try onStep?()
            decodeStep(next, newPositions: 1, cache: cache, scratch: scratch)
        }
        for row in 0..<b where results[row].finishReason != "stop" {
            let body = results[row].finishReason == "end" ? Array(results[row].tokens.dropLast()) : results[row].tokens
            results[row].text = try tokenizer.decode(body)
        }
        return results
    }

    /// Where the earliest of `stops` begins in `text`, if any.
    static func firstStop(in text: String, _ stops: [String]) -> String.Index? {
        var best: String.Index? = nil
        for s in stops {
            if let r = text.range(of: s), best.map({ r.lowerBound < $0 }) ?? true { best = r.lowerBound }
        }
        return best
    }
}
