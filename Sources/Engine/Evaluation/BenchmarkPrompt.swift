/// One prompt of a benchmark: the text the model is asked (for HarmBench's contextual behaviours
/// the context string, a `---` rule and the behaviour, as HarmBench's own prompts read), its
/// category, whether it is harmful or benign, and where it came from.
public struct BenchmarkPrompt: Sendable, Equatable {
    public let id: String
    public let text: String
    public let category: String
    public let type: SeedType
    public let source: String

    public init(id: String, text: String, category: String, type: SeedType, source: String = "") {
        self.id = id
        self.text = text
        self.category = category
        self.type = type
        self.source = source
    }

    /// HarmBench's layout for a behaviour that refers to a context.
    public static func withContext(_ context: String, behaviour: String) -> String {
        "\(context)\n\n---\n\n\(behaviour)"
    }
}

/// A jailbreak wrapper: text with a `{prompt}` slot (the same slot as `data.load("jailbreak_templates")`).
public struct PromptTemplate: Sendable, Equatable {
    public static let slot = "{prompt}"
    /// The name used in per-template tables; "direct" is the prompt unwrapped.
    public static let directName = "direct"

    public let name: String
    public let text: String

    public init(name: String, text: String) throws {
        guard text.contains(Self.slot) else { throw EngineError("template \(name): the text has no {prompt} slot") }
        self.name = name
        self.text = text
    }

    public func apply(_ prompt: String) -> String {
        text.replacingOccurrences(of: Self.slot, with: prompt)
    }
}
