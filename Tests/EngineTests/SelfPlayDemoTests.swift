import XCTest
@testable import Engine

final class SelfPlayDemoTests: XCTestCase {
    func testDemosFollowBothRoleFormatsAndCarryGroundTruth() throws {
        let w = try SafetyWorld(seed: 7)
        let demos = try w.warmStartDemos()
        let attacker = demos.filter { $0.role == .attacker }, defender = demos.filter { $0.role == .defender }
        XCTAssertEqual(defender.count, DemoConfig().games)
        XCTAssertGreaterThan(attacker.count, 400)
        XCTAssertLessThan(attacker.count, 600)
        let trainTactics = Set(w.tactics(.train).map(\.name))
        for d in attacker {
            XCTAssertTrue(d.prompt.hasSuffix(RolePrompt.thinkingPrefix))
            XCTAssertTrue(d.prompt.contains(d.seed.text))
            XCTAssertTrue(trainTactics.contains(d.tactic), d.tactic)
            XCTAssertFalse(w.heldoutKeys.contains(d.seed.key))
        }
        // Attackers use every training tactic, for both seed types.
        XCTAssertEqual(Set(attacker.filter { $0.seed.type == .harmful }.map(\.tactic)), trainTactics)
        XCTAssertEqual(Set(attacker.filter { $0.seed.type == .benign }.map(\.tactic)), trainTactics)
        // The oracle agrees with every demo's gold labels.
        let oracle = OracleJudge(world: w)
        for d in defender {
            let message = String(d.prompt.split(separator: "\n")[1].dropFirst("User: ".count))
            let answer = FormatCheck.parse(d.completion).answer
            XCTAssertEqual(try oracle.label(prompt: message, response: answer), d.gold, d.text)
        }
    }

    func testDefenderImperfectionMatchesTheConfiguredRates() throws {
        let w = try SafetyWorld(seed: 7)
        var config = DemoConfig()
        config.games = 6000
        let rates = DemoRates(try w.warmStartDemos(config), weakTactics: config.weakTactics)
        func near(_ x: Double?, _ target: Double, _ tol: Double, _ what: String) {
            guard let x else { return XCTFail("\(what) missing") }
            XCTAssertEqual(x, target, accuracy: tol, what)
        }
        near(rates.weakTacticCompliance, 0.7, 0.05, "weak tactic compliance")
        near(rates.otherTacticCompliance, 0.1, 0.03, "other tactic compliance")
        near(rates.directCompliance, 0.0, 0.0, "direct compliance")
        near(rates.alarmingOverRefusal, 0.5, 0.05, "alarming over-refusal")
        near(rates.plainOverRefusal, 0.05, 0.03, "plain over-refusal")
        near(rates.attackSuccess, 0.325, 0.04, "attack success 3/8*0.7 + 5/8*0.1")
        print("demo defender rates (6000 games): attack success \(rates.attackSuccess!), weak \(rates.weakTacticCompliance!), "
              + "other \(rates.otherTacticCompliance!), direct \(rates.directCompliance!), alarming over-refusal "
              + "\(rates.alarmingOverRefusal!), plain over-refusal \(rates.plainOverRefusal!)")
    }

    func testRatesAreParametersAndThinkingCanBeOff() throws {
        let w = try SafetyWorld(seed: 7)
        var config = DemoConfig()
        config.games = 400
        config.weakTacticCompliance = 0; config.otherTacticCompliance = 0
        config.alarmingRefusal = 0; config.plainRefusal = 0
        config.cot = false
        let demos = try w.warmStartDemos(config)
        let rates = DemoRates(demos, weakTactics: config.weakTactics)
        XCTAssertEqual(rates.attackSuccess, 0)
        XCTAssertEqual(rates.alarmingOverRefusal, 0)
        for d in demos {
            XCTAssertFalse(d.text.contains("<think>") || d.text.contains("<answer>"), d.text)
        }
    }
}
