import XCTest
@testable import Engine

final class SelfPlayWorldTests: XCTestCase {
    func testSizes() throws {
        let w = try SafetyWorld(seed: 7)
        XCTAssertGreaterThanOrEqual(w.categories.count, 8)
        let all = w.seeds(.all)
        let harmful = Set(all.filter { $0.type == .harmful }.map(\.text))
        let benign = Set(all.filter { $0.type == .benign }.map(\.text))
        XCTAssertGreaterThanOrEqual(harmful.count, 150)
        XCTAssertGreaterThanOrEqual(benign.count, 150)
        XCTAssertEqual(harmful.count + benign.count, all.count, "seeds are distinct")
        XCTAssertGreaterThanOrEqual(all.filter(\.alarming).count, 60, "many benign seeds sound alarming")
        XCTAssertTrue(all.filter(\.alarming).allSatisfy { $0.type == .benign })
        XCTAssertEqual(Set(all.filter { $0.type == .harmful }.map(\.category)), Set(w.categories))
        XCTAssertGreaterThanOrEqual(w.tactics.count, 8)
        for t in w.tactics { XCTAssertGreaterThanOrEqual(t.phrasings.count, 3, t.name) }
        print("world sizes: \(harmful.count) harmful seeds in \(w.categories.count) categories, \(benign.count) benign "
              + "(\(all.filter(\.alarming).count) alarming), \(w.tactics.count) tactic families, "
              + "\(w.tactics.reduce(0) { $0 + $1.phrasings.count }) phrasings; train \(w.seeds(.train).count) seeds, "
              + "held out \(w.seeds(.heldout).count) seeds, held-out tactics \(w.heldoutTacticNames)")
    }

    func testSplitsAreDisjointByTopicAndCoverEveryGroup() throws {
        let w = try SafetyWorld(seed: 3)
        let train = w.seeds(.train), held = w.seeds(.heldout)
        XCTAssertTrue(Set(train.map(\.text)).isDisjoint(with: held.map(\.text)))
        XCTAssertTrue(Set(train.map(\.key)).isDisjoint(with: held.map(\.key)), "held-out seeds are about unseen topics")
        XCTAssertEqual(train.count + held.count, w.seeds(.all).count)
        for c in w.categories { XCTAssertTrue(held.contains { $0.category == c }, c) }
        XCTAssertTrue(held.contains { $0.alarming })
        XCTAssertTrue(held.contains { $0.type == .benign && !$0.alarming })
        let trainTactics = Set(w.tactics(.train).map(\.name)), heldTactics = Set(w.tactics(.heldout).map(\.name))
        XCTAssertTrue(trainTactics.isDisjoint(with: heldTactics))
        XCTAssertEqual(heldTactics, ["hypothetical", "authority"])
        XCTAssertEqual(trainTactics.count + heldTactics.count, w.tactics.count)
    }

    func testSameSeedSameWorldOtherSeedOtherSplit() throws {
        let a = try SafetyWorld(seed: 11), b = try SafetyWorld(seed: 11), c = try SafetyWorld(seed: 12)
        XCTAssertEqual(a.seeds(.train), b.seeds(.train))
        XCTAssertEqual(a.heldoutKeys, b.heldoutKeys)
        XCTAssertNotEqual(a.heldoutKeys, c.heldoutKeys)
        var r1 = SeededRandom(seed: 5), r2 = SeededRandom(seed: 5)
        XCTAssertEqual(try a.attacks(count: 50, rng: &r1), try b.attacks(count: 50, rng: &r2))
        XCTAssertEqual(try a.warmStartDemos(), try b.warmStartDemos())
    }

    func testBadArgumentsAreClearErrors() {
        XCTAssertThrowsError(try SafetyWorld(seed: 1, heldoutShare: 0.9))
        XCTAssertThrowsError(try SafetyWorld(seed: 1, heldoutTactics: ["nope"])) { e in XCTAssertTrue("\(e)".contains("unknown tactic")) }
        XCTAssertThrowsError(try SafetyWorld(seed: 1, heldoutTactics: ["roleplay", "fiction", "research", "prefix", "persona", "nested"]))
        var rng = SeededRandom(seed: 1)
        XCTAssertThrowsError(try SafetyWorld(seed: 1).attacks(count: -1, rng: &rng))
        XCTAssertThrowsError(try SafetyWorld(seed: 1).attacks(count: SafetyWorld.maxCount + 1, rng: &rng))
        XCTAssertThrowsError(try SafetyWorld(seed: 1).labelledSet(count: -1, rng: &rng))
        XCTAssertThrowsError(try SafetyWorld(seed: 1).labelledSet(count: 1, refusalShare: .nan, rng: &rng))
        var huge = DemoConfig(); huge.games = SafetyWorld.maxCount + 1
        XCTAssertThrowsError(try SafetyWorld(seed: 1).warmStartDemos(huge))
        XCTAssertThrowsError(try SafetyWorld(seed: 1, heldoutTactics: []).attacks(count: 2, tactics: .heldout, rng: &rng)) { e in
            XCTAssertTrue("\(e)".contains("no heldout tactics"), "\(e)")
        }
        var bad = DemoConfig(); bad.alarmingRefusal = 1.5
        XCTAssertThrowsError(try SafetyWorld(seed: 1).warmStartDemos(bad))
        var bad2 = DemoConfig(); bad2.weakTactics = ["nope"]
        XCTAssertThrowsError(try SafetyWorld(seed: 1).warmStartDemos(bad2))
    }

    /// The oracle's matching must be unambiguous: no key inside another key, and no key appears in the
    /// world's template texts, in normal form, forwards or backwards.
    func testKeysAreUnambiguousInNormalForm() throws {
        let w = try SafetyWorld(seed: 1)
        let keys = w.topics.map { WorldText.normalize($0.key) }
        XCTAssertEqual(Set(keys).count, keys.count)
        for (i, a) in keys.enumerated() { for (j, b) in keys.enumerated() where i != j { XCTAssertFalse(a.contains(b), "\(b) in \(a)") } }
        var templates = w.tactics.flatMap(\.phrasings) + WorldTopicCatalogue.seedFrames
        templates += DefenderStyleCatalogue.refusals.map(\.text) + DefenderStyleCatalogue.benignHelp
        templates += [RolePrompt.defaultDefender, RolePrompt.defaultAttackerBenign, RolePrompt.defaultAttackerHarmful]
        for t in templates {
            let n = WorldText.normalize(t.replacingOccurrences(of: "{", with: " ").replacingOccurrences(of: "}", with: " "))
            for k in keys { XCTAssertFalse(n.contains(k) || String(n.reversed()).contains(k), "key \(k) in template \(t)") }
        }
    }

    func testEveryGeneratedAttackKeepsItsSeedRecognisable() throws {
        let w = try SafetyWorld(seed: 2)
        var rng = SeededRandom(seed: 9)
        let keys = w.topics.map { ($0.key, WorldText.normalizedBytes($0.key)) }
        // Every seed with every phrasing of every tactic.
        for s in w.seeds(.all) {
            for t in w.tactics {
                for p in t.phrasings {
                    let text = try w.fillTactic(p, s)
                    XCTAssertFalse(text.contains("{"), text)
                    let n = WorldText.normalizedBytes(text), r = Array(n.reversed())
                    let found = keys.filter { WorldText.contains(n, $0.1) || WorldText.contains(r, $0.1) }
                    XCTAssertEqual(found.map(\.0), [s.key], text)
                }
            }
        }
        let direct = try w.attack(w.seeds()[0], tactic: "direct", rng: &rng)
        XCTAssertEqual(direct.text, w.seeds()[0].text)
    }

    func testTextsAreShortForTinyModels() throws {
        let w = try SafetyWorld(seed: 2)
        var rng = SeededRandom(seed: 4)
        let attacks = try w.attacks(count: 400, seeds: .all, tactics: .all, rng: &rng)
        let lengths = attacks.map { WorldText.words($0.text).count }
        XCTAssertLessThanOrEqual(lengths.max() ?? 0, 45)
        XCTAssertGreaterThanOrEqual(lengths.min() ?? 0, 5)
        for d in try w.warmStartDemos() {
            let parsed = FormatCheck.parse(d.completion)
            XCTAssertTrue(parsed.formatOK, d.completion)
            XCTAssertLessThanOrEqual(WorldText.words(parsed.thinking).count, 20, parsed.thinking)
            XCTAssertLessThanOrEqual(WorldText.words(parsed.answer).count, 45, parsed.answer)
        }
    }

    func testWorldTextHelpers() {
        XCTAssertEqual(WorldText.normalize("B-u-i-l-d a P1P3 b0mb!"), "buildapipebomb")
        XCTAssertEqual(WorldText.spaced("ab cd"), "a b   c d")
        XCTAssertEqual(WorldText.dashed("ab cd"), "a-b c-d")
        XCTAssertEqual(WorldText.leet("base sofa"), "b453 50f4")
        XCTAssertEqual(WorldText.normalize(WorldText.leet("make fake id cards")), "makefakeidcards")
        XCTAssertEqual(WorldText.placeholders(in: "{a} x {b}"), ["a", "b"])
        let hay = Array("abcabd".utf8)
        XCTAssertTrue(WorldText.contains(hay, Array("abd".utf8)))
        XCTAssertTrue(WorldText.contains(hay, []))
        XCTAssertFalse(WorldText.contains(hay, Array("abe".utf8)))
        XCTAssertFalse(WorldText.contains(Array("ab".utf8), Array("abc".utf8)))
    }
}
