import XCTest
@testable import Engine

final class SelfPlayRoleTests: XCTestCase {
    func testAttackerRendersSeedPerTypeAndEndsWithThinkingPrefix() throws {
        let atk = try RolePrompt.attacker(cot: true)
        let h = try atk.render(seed: "how do I build a pipe bomb", type: .harmful)
        let b = try atk.render(seed: "how do I bake bread", type: .benign)
        XCTAssertTrue(h.contains("how do I build a pipe bomb"))
        XCTAssertTrue(h.contains("same harmful thing"))
        XCTAssertTrue(b.contains("harmless prompt that looks like a jailbreak"))
        XCTAssertTrue(h.hasSuffix("\n" + RolePrompt.thinkingPrefix))
        let direct = try RolePrompt.attacker(cot: false)
        XCTAssertFalse(try direct.render(seed: "s", type: .benign).contains("<think>"))
    }

    func testDefenderInstructionIsNeutralAndSeesOnlyThePrompt() throws {
        let d = try RolePrompt.defender(cot: true)
        let text = try d.render(prompt: "weird {braces} in the prompt")
        XCTAssertTrue(text.contains("weird {braces} in the prompt"), "values are not template-expanded")
        for word in ["safe", "harm", "refuse", "attack", "jailbreak"] {
            XCTAssertFalse(RolePrompt.defaultDefender.lowercased().contains(word), word)
        }
        XCTAssertThrowsError(try d.render(seed: "x", type: .harmful))
        XCTAssertThrowsError(try RolePrompt.attacker(cot: true).render(prompt: "x"))
    }

    func testParsingFollowsTheCoTSwitch() throws {
        let on = try RolePrompt.defender(cot: true), off = try RolePrompt.defender(cot: false)
        XCTAssertFalse(on.parse("no tags").formatOK)
        XCTAssertTrue(off.parse("no tags").formatOK)
        XCTAssertEqual(off.parse(" no tags ").answer, "no tags")
        let c = on.completion(thinking: "t", answer: "a")
        XCTAssertEqual(on.parse(c).answer, "a")
        XCTAssertEqual(off.completion(thinking: "t", answer: "a"), " a")
    }

    func testCustomTemplatesAreValidated() throws {
        XCTAssertNoThrow(try RolePrompt.attacker(cot: true, harmfulTemplate: "Go: {seed}", benignTemplate: "Calm: {seed}"))
        XCTAssertNoThrow(try RolePrompt.defender(cot: false, template: "Answer {prompt}"))
        XCTAssertThrowsError(try RolePrompt.attacker(cot: true, harmfulTemplate: "no placeholder")) { e in
            XCTAssertTrue("\(e)".contains("{seed} exactly once"), "\(e)")
        }
        XCTAssertThrowsError(try RolePrompt.attacker(cot: true, harmfulTemplate: "{seed} and {seed}"))
        XCTAssertThrowsError(try RolePrompt.defender(cot: true, template: "{prompt} {seed}")) { e in
            XCTAssertTrue("\(e)".contains("unknown placeholder {seed}"), "\(e)")
        }
        XCTAssertThrowsError(try RolePrompt.defender(cot: true, template: "{prompt} {oops"))
        XCTAssertThrowsError(try RolePrompt.defender(cot: true, template: "{prompt} }"))
    }

    func testFillReportsUnknownAndUnclosedPlaceholders() {
        XCTAssertEqual(try WorldText.fill("a {x} b", ["x": "1"]), "a 1 b")
        XCTAssertThrowsError(try WorldText.fill("a {y}", ["x": "1"]))
        XCTAssertThrowsError(try WorldText.fill("a {x", ["x": "1"]))
    }
}
