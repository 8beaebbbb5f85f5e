import Engine

/// Models play in games: the game trains the model itself (through `LlamaPolicy`, which keeps its
/// own RL optimizer state), and a frozen snapshot can be a fixed opponent.
extension ModelValue: SelfPlayPolicyProvider {
    func selfPlayPolicy() throws -> SelfPlayPolicy { LlamaPolicy(model: model) }
}
