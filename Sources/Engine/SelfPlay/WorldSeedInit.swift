extension WorldSeed {
    /// A seed from its parts, for seed sets made outside the world (scripts, tests). `key` and
    /// `request` default to the text; `category` to "benign" or "custom".
    public init(text: String, type: SeedType, category: String? = nil, key: String? = nil, request: String? = nil,
                alarming: Bool = false) {
        self.init(text: text, type: type, category: category ?? (type == .benign ? "benign" : "custom"), key: key ?? text,
                  request: request ?? text, alarming: alarming)
    }
}

extension WorldPrompt {
    /// An attack prompt from its parts (a fixed attack list made outside the world).
    public init(attack text: String, seed: WorldSeed, tactic: String) {
        self.text = text
        self.seed = seed
        self.tactic = tactic
    }
}
