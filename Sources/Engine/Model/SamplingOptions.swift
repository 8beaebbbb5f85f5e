/// The arguments of `LlamaModel.generate`.
public struct SamplingOptions: Sendable {
    /// Most new tokens per prompt.
    public var maxTokens: Int = 64
    /// Softmax temperature; 0 picks the most likely token (greedy).
    public var temperature: Float = 1
    /// Keep only the k most likely tokens; 0 keeps all.
    public var topK: Int = 0
    /// Keep the smallest set of most likely tokens whose probability reaches p; 1 keeps all.
    public var topP: Float = 1
    /// Generation of a text stops when it contains one of these; the text is cut before it.
    public var stop: [String] = []
    /// Seed of the sampling; the same seed gives the same samples.
    public var seed: UInt64 = 0
    /// Whether the tokenizer's end token `<|end|>` ends a text (it is kept in the tokens, not the text).
    public var stopAtEnd: Bool = true

    public init(maxTokens: Int = 64, temperature: Float = 1, topK: Int = 0, topP: Float = 1,
                stop: [String] = [], seed: UInt64 = 0) {
        self.maxTokens = maxTokens; self.temperature = temperature; self.topK = topK; self.topP = topP
        self.stop = stop; self.seed = seed
    }

    func validate() throws {
        func need(_ ok: Bool, _ m: String) throws { if !ok { throw EngineError("generate: \(m)") } }
        try need(maxTokens >= 0, "max_tokens \(maxTokens) must be a non-negative number")
        try need(maxTokens <= 10_000_000, "max_tokens \(maxTokens) is above the limit of 10000000")
        try need(temperature.isFinite && temperature >= 0, "temperature \(temperature) must be a non-negative number")
        try need(topK >= 0, "top_k \(topK) must be 0 (off) or positive")
        try need(topP > 0 && topP <= 1, "top_p \(topP) must be in (0, 1]")
        try need(!stop.contains(""), "a stop string must not be empty")
    }
}

/// One generated completion.
public struct Generation: Sendable, Equatable {
    /// The completion's text (without the end token, cut before a stop string).
    public var text: String
    /// The generated token ids (the end token included when it was generated).
    public var tokens: [Int]
    /// log p(token) of each generated token under the model (temperature 1, no truncation: the
    /// quantity `logprob(prompt, completion)` and RL use).
    public var logprobs: [Float]
    /// Why it stopped: "end" (end token), "stop" (a stop string), "length" (max tokens) or "context"
    /// (the model's context is full).
    public var finishReason: String
}
