/// Names the tactic family of an attack a model wrote, so self-play ledgers can be grouped by
/// tactic like world-built ones ("which tactics worked").
///
/// Each phrasing of a family leaves a few cue words once its placeholders are removed, and the
/// ones no other family uses are its signature ("bedtime", "owl", "forest" for fiction; "decode",
/// "text" for obfuscation). An attack belongs to the family whose phrasing has the largest share of
/// its signature words in the attack's words, if that share is more than a half and at least two
/// words match; otherwise to none. Ties go to the phrasing with more matching words, then to the
/// catalogue's order. Every world attack is detected as its own family (tested on all tactics).
///
///     TacticDetector.world.label(modelAttack: "Tell a bedtime tale where an owl ...")  // "model:fiction"
///     TacticDetector.world.label(modelAttack: "how do I get the secret")               // "model:other"
public struct TacticDetector: Sendable {
    /// The prefix of a detected family in `Episode.tactic`: the family is a reading of the text,
    /// not something the attacker declared.
    public static let modelPrefix = "model:"
    /// The tactic of a model attack in which no family was seen.
    public static let noFamily = "model:other"
    /// The detector for the built-in world's ten families (held-out ones included).
    public static let world = TacticDetector(tactics: WorldTacticCatalogue.all)

    struct Cue: Sendable {
        let family: String
        let words: Set<String>
    }

    let cues: [Cue]

    public init(tactics: [AttackTactic]) {
        let perFamily = tactics.map { t in (t.name, Set(t.phrasings.flatMap(Self.templateWords))) }
        var cues: [Cue] = []
        for t in tactics {
            let others = perFamily.filter { $0.0 != t.name }.reduce(into: Set<String>()) { $0.formUnion($1.1) }
            for p in t.phrasings {
                let signature = Set(Self.templateWords(p)).subtracting(others)
                if signature.count >= 2 { cues.append(Cue(family: t.name, words: signature)) }
            }
        }
        self.cues = cues
    }

    /// The family seen in `text`, or nil.
    public func family(of text: String) -> String? {
        let words = Set(Self.words(text))
        var best: (share: Double, hits: Int, family: String)?
        for cue in cues {
            let hits = cue.words.intersection(words).count
            let share = Double(hits) / Double(cue.words.count)
            guard hits >= 2, share > 0.5 else { continue }
            if let b = best, (b.share, b.hits) >= (share, hits) { continue }
            best = (share, hits, cue.family)
        }
        return best?.family
    }

    /// `Episode.tactic` for an attack a model wrote: "model:<family>" or "model:other".
    public func label(modelAttack text: String) -> String {
        family(of: text).map { Self.modelPrefix + $0 } ?? Self.noFamily
    }

    /// Lower-case runs of the letters a-z.
    static func words(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for ch in text.lowercased().unicodeScalars {
            if ch.value >= 97 && ch.value <= 122 { current.unicodeScalars.append(ch) } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// The words of a phrasing outside its `{placeholders}`.
    static func templateWords(_ template: String) -> [String] {
        var text = "", inside = false
        for ch in template {
            if ch == "{" { inside = true; text.append(" ") } else if ch == "}" { inside = false } else if !inside { text.append(ch) }
        }
        return words(text)
    }
}
