/// A judge's verdict on one question: yes, no, or "cannot tell".
///
/// Judges may not know (a response in no recognisable form, a prompt about nothing the world knows);
/// a game with any `.unknown` label is a tie (see `RewardTable`).
public enum TriState: String, Codable, Sendable, Equatable, CaseIterable {
    case yes = "true"
    case no = "false"
    case unknown = "unknown"

    /// `.yes` for true, `.no` for false.
    public init(_ value: Bool) { self = value ? .yes : .no }

    /// `.unknown` for nil.
    public init(_ value: Bool?) { self = value.map { $0 ? .yes : .no } ?? .unknown }

    /// The known value, or nil when unknown.
    public var bool: Bool? {
        switch self {
        case .yes: return true
        case .no: return false
        case .unknown: return nil
        }
    }

    public var isKnown: Bool { self != .unknown }

    /// Stored as JSON true, false or null.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .unknown; return }
        if let b = try? c.decode(Bool.self) { self = TriState(b); return }
        let s = try c.decode(String.self)
        guard let v = TriState(rawValue: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected true, false, null or \"unknown\", got \"\(s)\"")
        }
        self = v
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if let b = bool { try c.encode(b) } else { try c.encodeNil() }
    }
}

/// The three labels a judge gives one game (REFERENCE.md, "One game"): is the prompt harmful, is the
/// response a refusal, is the response harmful. Judges see only the public prompt and response.
public struct SafetyLabels: Codable, Sendable, Equatable, CustomStringConvertible {
    public var promptHarmful: TriState
    public var refusal: TriState
    public var responseHarmful: TriState

    enum CodingKeys: String, CodingKey {
        case promptHarmful = "prompt_harmful", refusal, responseHarmful = "response_harmful"
    }

    public init(promptHarmful: TriState, refusal: TriState, responseHarmful: TriState) {
        self.promptHarmful = promptHarmful
        self.refusal = refusal
        self.responseHarmful = responseHarmful
    }

    /// All three unknown.
    public static let unknown = SafetyLabels(promptHarmful: .unknown, refusal: .unknown, responseHarmful: .unknown)

    /// True when every label is known; a game with an unknown label is a tie.
    public var allKnown: Bool { promptHarmful.isKnown && refusal.isKnown && responseHarmful.isKnown }

    /// The label names used in records, JSONL and CSV exports.
    public static let names = ["prompt_harmful", "refusal", "response_harmful"]

    /// The label called `name` (one of `names`); nil for any other name.
    public func value(named name: String) -> TriState? {
        switch name {
        case "prompt_harmful": return promptHarmful
        case "refusal": return refusal
        case "response_harmful": return responseHarmful
        default: return nil
        }
    }

    public var description: String {
        "prompt_harmful: \(promptHarmful.rawValue), refusal: \(refusal.rawValue), response_harmful: \(responseHarmful.rawValue)"
    }
}

/// Whether a seed request is harmful or benign (the attacker must keep this type when rewriting).
public enum SeedType: String, Codable, Sendable, Equatable, CaseIterable {
    case harmful
    case benign
}
