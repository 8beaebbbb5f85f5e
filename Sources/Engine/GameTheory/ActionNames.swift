/// Names for a player's actions, used in payoff tables and messages.
///
/// Names are optional: without them a row player's actions are called `r0, r1, …` and a column
/// player's `c0, c1, …` (zero-based, like Spar's list indices). Given names must be one per action,
/// non-empty and distinct, so that a table or a best response names exactly one action.
public enum ActionNames {
    /// The names to use: `names` checked against `count`, or the defaults `prefix0, prefix1, …`.
    /// `player` ("row", "column") names the player in error messages.
    public static func resolve(_ names: [String]?, count: Int, prefix: String, player: String) throws -> [String] {
        guard let names else { return (0..<count).map { "\(prefix)\($0)" } }
        guard names.count == count else {
            throw EngineError("\(names.count) \(player) action names given but the \(player) player has \(count) actions")
        }
        var seen = Set<String>()
        for (i, n) in names.enumerated() {
            guard !n.isEmpty else { throw EngineError("\(player) action name \(i) is empty") }
            guard seen.insert(n).inserted else { throw EngineError("\(player) action name \"\(n)\" is used twice") }
        }
        return names
    }
}
