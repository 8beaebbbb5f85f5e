import Foundation

/// Seconds since an arbitrary start, for the step breakdown (generation, judge, update).
func monotonicSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

extension Game {
    /// Plays `seeds` seed draws of one match (each `samplesPerSeed` times) and returns the games with
    /// their token-level turns. Generation is batched: all attacker turns in one call, then all
    /// defender turns. `seedPool` and `directShare` override the config (evaluations use them).
    public func play(seeds draws: Int, match: Match, step: Int, rng: inout SeededRandom,
                     seedPool: [WorldSeed]? = nil, directShare: Double? = nil) throws -> Rollout {
        guard draws >= 0 else { throw EngineError("play: the number of games must not be negative") }
        var out = Rollout()
        guard draws > 0 else { return out }
        let pool = seedPool ?? config.seeds
        let harmful = pool.filter { $0.type == .harmful }, benign = pool.filter { $0.type == .benign }
        guard !pool.isEmpty else { throw EngineError("play: the seed set is empty") }
        let direct = directShare ?? config.directShare

        // 1. Draw seeds (and, for a fixed attack list, attacks) and decide which go straight through.
        struct Draw { let seed: WorldSeed; let attack: WorldPrompt?; let direct: Bool }
        var plan: [Draw] = []
        for _ in 0..<draws {
            switch match.attacker {
            case .attacks(let list):
                guard !list.isEmpty else { throw EngineError("play: the attack list is empty") }
                let a = list[rng.nextInt(below: list.count)]
                plan.append(Draw(seed: a.seed, attack: a, direct: false))
            case .direct, .policy:
                let wantHarmful = rng.nextDouble() < config.harmfulShare
                let from = wantHarmful ? (harmful.isEmpty ? benign : harmful) : (benign.isEmpty ? harmful : benign)
                let seed = from[rng.nextInt(below: from.count)]
                var goesDirect = true
                if case .policy = match.attacker { goesDirect = rng.nextDouble() < direct }
                plan.append(Draw(seed: seed, attack: nil, direct: goesDirect))
            }
        }
        let k = config.rl.samplesPerSeed
        var games: [(draw: Draw, group: Int)] = []
        for (g, d) in plan.enumerated() { for _ in 0..<k { games.append((d, g)) } }

        // 2. Attacker turns, batched.
        var start = monotonicSeconds()
        var attackerTurns = [RoleTurn?](repeating: nil, count: games.count)
        var attackerParsed = [ParsedTurn?](repeating: nil, count: games.count)
        if case .policy(let ref) = match.attacker {
            let idx = games.indices.filter { !games[$0].draw.direct }
            if !idx.isEmpty {
                let prompts = try idx.map { try config.attacker.render(seed: games[$0].draw.seed.text, type: games[$0].draw.seed.type) }
                var options = config.sampling
                options.seed = rng.next()
                let samples = try resolve(ref).sample(prompts: prompts, options: options)
                guard samples.count == idx.count else { throw EngineError("play: the policy returned \(samples.count) samples for \(idx.count) prompts") }
                for (j, i) in idx.enumerated() {
                    attackerTurns[i] = RoleTurn(prompt: prompts[j], sample: samples[j], live: ref.isLive)
                    attackerParsed[i] = config.attacker.parse(samples[j].text)
                }
            }
        }

        // 3. Defender turns on the attacker's answer only (or the seed, or the fixed attack).
        let messages: [String] = games.indices.map { i in
            if let a = attackerParsed[i] { return a.answer }
            if let attack = games[i].draw.attack { return attack.text }
            return games[i].draw.seed.text
        }
        let defenderPrompts = try messages.map { try config.defender.render(prompt: $0) }
        var options = config.sampling
        options.seed = rng.next()
        let defenderSamples = try resolve(match.defender).sample(prompts: defenderPrompts, options: options)
        guard defenderSamples.count == games.count else {
            throw EngineError("play: the policy returned \(defenderSamples.count) samples for \(games.count) prompts")
        }
        out.generateSeconds = monotonicSeconds() - start

        // 4. Judge and score.
        start = monotonicSeconds()
        for i in games.indices {
            let d = games[i].draw
            let defenderTurn = config.defender.parse(defenderSamples[i].text)
            var attackerTurn = attackerParsed[i]
            var tactic = ""
            if let attack = d.attack {
                attackerTurn = ParsedTurn(thinking: "", answer: attack.text, violations: [], leaked: false)
                tactic = attack.tactic
            } else if let written = attackerTurn {
                tactic = config.tactics.label(modelAttack: written.answer)
            }
            let cot = attackerParsed[i] != nil && config.attacker.cot
            out.episodes.append(try Episode.judged(step: step, seed: d.seed, tactic: tactic, attacker: attackerTurn, attackerCoT: cot,
                                                   defenderPrompt: messages[i], defender: defenderTurn, defenderCoT: config.defender.cot,
                                                   judge: config.judge, table: config.rewards))
            out.attackerTurns.append(attackerTurns[i])
            out.defenderTurns.append(RoleTurn(prompt: defenderPrompts[i], sample: defenderSamples[i], live: match.defender.isLive))
            out.groups.append(games[i].group)
            out.trainable.append(match.train)
        }
        out.judgeSeconds = monotonicSeconds() - start
        return out
    }

    /// Plays one step's matches: `draws` seed draws split over the matches by their shares.
    func play(seeds draws: Int, matches: [Match], step: Int, rng: inout SeededRandom) throws -> Rollout {
        guard !matches.isEmpty else { throw EngineError("schedule: a step has no matches") }
        let total = matches.reduce(0) { $0 + max($1.share, 0) }
        guard total > 0 else { throw EngineError("schedule: match shares must be positive") }
        // Largest remainder, so the counts add up to `draws`.
        let exact = matches.map { max($0.share, 0) / total * Double(draws) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down)) > (exact[$1] - exact[$1].rounded(.down)) }
        var left = draws - counts.reduce(0, +)
        for i in order where left > 0 { counts[i] += 1; left -= 1 }
        var out = Rollout()
        var groupOffset = 0
        for (m, n) in zip(matches, counts) {
            for role in m.train {
                let ok: Bool
                switch role {
                case .attacker: if case .policy(let r) = m.attacker { ok = r.isLive } else { ok = false }
                case .defender: ok = m.defender.isLive
                }
                guard ok else { throw EngineError("schedule: the \(role.rawValue) trains but is not played by the live model") }
            }
            let r = try play(seeds: n, match: m, step: step, rng: &rng)
            out.append(contentsOf: r, groupOffset: groupOffset)
            out.generateSeconds += r.generateSeconds
            out.judgeSeconds += r.judgeSeconds
            groupOffset += n
        }
        return out
    }
}
