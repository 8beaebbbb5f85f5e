/// Whether a prompt asks for something harmful or is a benign request (the game's seed types).
public enum PromptType: String, Equatable, Sendable {
    case harmful
    case benign
}

/// A value of one of a record's extra fields.
public enum FieldValue: Equatable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case strings([String])
    case null
}

/// One row of a safety data set, with the same field names in every set:
///
/// - `id`: stable within the set (HarmBench's BehaviorID, else `<file stem>-<row>`)
/// - `prompt`: the request as the set words it
/// - `category`: the set's own harm category (HarmBench's semantic category, ...)
/// - `source`: the set's name (`harmbench`, `advbench`, ...)
/// - `type`: harmful or benign (what a game seed needs)
/// - labelled sets only: `response` (a model's answer) and `label` (the human verdict on it, nil when
///   the humans were split), with `labelName` saying which judge label it is: `refusal` or
///   `response_harmful`
/// - `extra`: whatever else the set has (HarmBench's split, functional category and context string, ...)
public struct SafetyRecord: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public let name: String
        public let value: FieldValue
        public init(_ name: String, _ value: FieldValue) {
            self.name = name
            self.value = value
        }
    }

    public var id: String
    public var prompt: String
    public var category: String
    public var source: String
    public var type: PromptType
    public var response: String?
    public var label: Bool?
    public var labelName: String?
    public var extra: [Field]

    public init(id: String, prompt: String, category: String, source: String, type: PromptType,
                response: String? = nil, label: Bool? = nil, labelName: String? = nil, extra: [Field] = []) {
        self.id = id
        self.prompt = prompt
        self.category = category
        self.source = source
        self.type = type
        self.response = response
        self.label = label
        self.labelName = labelName
        self.extra = extra
    }

    /// The extra field called `name`.
    public func field(_ name: String) -> FieldValue? {
        extra.first { $0.name == name }?.value
    }
}
