import Engine

/// Models play in games: the game trains the model itself (through `LanguageModelPolicy`, which
/// keeps its own RL optimizer state), and a frozen snapshot can be a fixed opponent.
extension ModelValue: SelfPlayPolicyProvider {
    func selfPlayPolicy() throws -> SelfPlayPolicy {
        guard let m = model as? any TrainableLanguageModel else {
            throw ScriptError("game: \(model.summary) cannot play: a game scores and trains its players' tokens")
        }
        return LanguageModelPolicy(model: m)
    }
}
