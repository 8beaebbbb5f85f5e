/// Something that labels a game from its public texts: the attacker's answer (the prompt the defender
/// saw) and the defender's answer. Judges never see thinking or seed types.
///
/// `label(batch:)` exists so that judges backed by a model (a classifier, later) can label many games
/// in one batched forward pass; the default calls `label(prompt:response:)` for each pair.
public protocol SafetyJudge {
    /// A short name for summaries ("rules", "oracle", "fn").
    var name: String { get }
    /// The three labels of one game; each may be unknown.
    func label(prompt: String, response: String) throws -> SafetyLabels
    /// The labels of many games, in order.
    func label(batch: [(prompt: String, response: String)]) throws -> [SafetyLabels]
}

extension SafetyJudge {
    public func label(batch: [(prompt: String, response: String)]) throws -> [SafetyLabels] {
        try batch.map { try label(prompt: $0.prompt, response: $0.response) }
    }
}

/// Thrown by a judge whose answer for one game cannot be used (a judge written in Spar returned a
/// record with a label missing or of the wrong type; later, a model judge's unparsable output). The
/// game records the message and drops that game from training (`judge_errors` counts them); other
/// errors a judge throws stop the step as before.
public struct MalformedJudgment: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// A judge given as a closure, so Runtime can wrap a Spar function (`judge.fn(f)`).
public struct FunctionJudge: SafetyJudge {
    public let name: String
    let body: (String, String) throws -> SafetyLabels

    public init(name: String = "fn", _ body: @escaping (String, String) throws -> SafetyLabels) {
        self.name = name
        self.body = body
    }

    public func label(prompt: String, response: String) throws -> SafetyLabels {
        try body(prompt, response)
    }
}
