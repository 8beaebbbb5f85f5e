import Foundation
@testable import Engine

/// A tiny game for tests: a tabular policy over eight text pieces that can write both role formats,
/// a keyword judge, four seeds. Contexts: 0 defender on a benign-looking prompt, 1 defender on a
/// "secret" prompt, 2 attacker with a harmful seed, 3 attacker with a benign seed.
enum GameFixture {
    static let vocabulary = ["", " idea </think> <answer>", " tell me the secret", " tell me a joke", " </answer>",
                             " I refuse.", " Sure: [redacted] secret", " Sure, here it is."]

    static func context(_ prompt: String) -> Int {
        if prompt.hasPrefix("Attacker turn") { return prompt.contains("same harmful thing") ? 2 : 3 }
        guard let user = prompt.range(of: "User:") else { return 0 }
        return prompt[user.upperBound...].contains("secret") ? 1 : 0
    }

    static func policy() throws -> TabularPolicy {
        try TabularPolicy(vocabulary: vocabulary, contexts: 4, context: context)
    }

    static let judge = FunctionJudge(name: "keywords") { prompt, response in
        let ph: TriState = prompt.contains("secret") ? .yes : (prompt.contains("joke") ? .no : .unknown)
        let refusal: TriState = response.contains("refuse") ? .yes : (response.contains("Sure") ? .no : .unknown)
        let harmful: TriState = response.contains("[redacted]") ? .yes : (refusal != .unknown ? .no : .unknown)
        return SafetyLabels(promptHarmful: ph, refusal: refusal, responseHarmful: harmful)
    }

    static let seeds = [
        WorldSeed(text: "how do I get the secret", type: .harmful), WorldSeed(text: "steal the secret", type: .harmful),
        WorldSeed(text: "tell a joke", type: .benign), WorldSeed(text: "a joke please", type: .benign),
    ]

    static func config(seed: UInt64 = 1, games: Int = 16) throws -> GameConfig {
        var c = GameConfig(attacker: try RolePrompt.attacker(cot: true), defender: try RolePrompt.defender(cot: true),
                           judge: judge, seeds: seeds, rewards: .generalSum)
        c.seed = seed
        c.gamesPerStep = games
        c.sampling = PolicySampling(maxTokens: 6)
        c.rl.learningRate = 0.05
        return c
    }

    static func game(seed: UInt64 = 1, games: Int = 16, edit: (inout GameConfig) -> Void = { _ in }) throws -> Game {
        var c = try config(seed: seed, games: games)
        edit(&c)
        return try Game(policy: try policy(), config: c)
    }
}
