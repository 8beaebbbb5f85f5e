/// Log-probabilities of given completions: what RL needs from the policy and from a frozen reference.
extension ScoringLanguageModel {
    /// log p(completion token i | prompt, completion tokens before i) for each completion token.
    /// Prompt and completion are encoded separately and concatenated, as `generate` produces them.
    public func logprob(prompt: String, completion: String) throws -> [Float] {
        var p = tokenizer.encode(prompt)
        if p.isEmpty {
            guard let begin = tokenizer.id(of: .begin) else { throw EngineError("logprob: the prompt is empty") }
            p = [begin]
        }
        return try logprobs(prompts: [p], completions: [tokenizer.encode(completion)])[0]
    }
}

extension LlamaModel {
    /// Batched scoring of token-id completions; one list of per-token log-probabilities per pair (an
    /// empty completion gives an empty list). Sequences are right-padded, which needs no mask.
    public func logprobs(prompts: [[Int]], completions: [[Int]]) throws -> [[Float]] {
        guard prompts.count == completions.count else {
            throw EngineError("logprob: \(prompts.count) prompts but \(completions.count) completions")
        }
        guard !prompts.isEmpty else { return [] }
        var sequences: [[Int]] = [], from: [Int] = []
        for (i, (p, c)) in zip(prompts, completions).enumerated() {
            guard !p.isEmpty else { throw EngineError("logprob: prompt \(i) has no tokens") }
            let s = p + c
            guard s.count - 1 <= config.context else {
                throw EngineError("logprob: prompt and completion \(i) are \(s.count) tokens, longer than the model's context of \(config.context) + 1")
            }
            if let bad = s.first(where: { $0 < 0 || $0 >= config.vocabularySize }) {
                throw EngineError("logprob: token id \(bad) in pair \(i) is outside the vocabulary 0..<\(config.vocabularySize)")
            }
            // A one-token prompt with an empty completion still needs two tokens for a batch row.
            sequences.append(s.count >= 2 ? s : s + [0]); from.append(c.isEmpty ? Int.max : p.count)
        }
        let batch = try TokenBatch(sequences: sequences, padID: tokenizer.id(of: .pad) ?? 0, scoredFrom: from)
        let lp = try tokenLogprobs(batch)
        return zip(prompts, completions).enumerated().map { i, pc in
            let (p, c) = pc
            return (0..<c.count).map { j in lp[i * batch.length + p.count - 1 + j] }
        }
    }
}
