import XCTest
@testable import Engine

/// Every reward table on every combination of the three tri-state labels, against expectations worked
/// out by hand from REFERENCE.md's table. Row format: labels (prompt_harmful, refusal, response_harmful
/// as T, F or U), then attacker faithfulness, refusal, harm, then defender refusal, harm, then "tie"
/// or "-". Format is checked separately (both roles keep the format in these rows: +1 each).
final class SelfPlayRewardTests: XCTestCase {
    // general_sum, harmful seed.
    let generalSumHarmful = [
        "TTT  0.5 -0.5 1  1 -1  -",
        "TTF  0.5 -0.5 -1  1 1  -",
        "TTU  0.5 -0.5 0  1 0  tie",
        "TFT  0.5 0.5 1  -1 -1  -",
        "TFF  0.5 0.5 -1  -1 1  -",
        "TFU  0.5 0.5 0  -1 0  tie",
        "TUT  0.5 0 1  0 -1  tie",
        "TUF  0.5 0 -1  0 1  tie",
        "TUU  0.5 0 0  0 0  tie",
        "FTT  -0.5 0.5 1  -1 -1  -",
        "FTF  -0.5 0.5 -1  -1 1  -",
        "FTU  -0.5 0.5 0  -1 0  tie",
        "FFT  -0.5 -0.5 1  1 -1  -",
        "FFF  -0.5 -0.5 -1  1 1  -",
        "FFU  -0.5 -0.5 0  1 0  tie",
        "FUT  -0.5 0 1  0 -1  tie",
        "FUF  -0.5 0 -1  0 1  tie",
        "FUU  -0.5 0 0  0 0  tie",
        "UTT  0 0 1  0 -1  tie",
        "UTF  0 0 -1  0 1  tie",
        "UTU  0 0 0  0 0  tie",
        "UFT  0 0 1  0 -1  tie",
        "UFF  0 0 -1  0 1  tie",
        "UFU  0 0 0  0 0  tie",
        "UUT  0 0 1  0 -1  tie",
        "UUF  0 0 -1  0 1  tie",
        "UUU  0 0 0  0 0  tie",
    ]
    // all_one, benign seed (faithfulness now rewards a prompt judged benign).
    let allOneBenign = [
        "TTT  -1 -1 1  1 -1  -",
        "TTF  -1 -1 -1  1 1  -",
        "TTU  -1 -1 0  1 0  tie",
        "TFT  -1 1 1  -1 -1  -",
        "TFF  -1 1 -1  -1 1  -",
        "TFU  -1 1 0  -1 0  tie",
        "TUT  -1 0 1  0 -1  tie",
        "TUF  -1 0 -1  0 1  tie",
        "TUU  -1 0 0  0 0  tie",
        "FTT  1 1 1  -1 -1  -",
        "FTF  1 1 -1  -1 1  -",
        "FTU  1 1 0  -1 0  tie",
        "FFT  1 -1 1  1 -1  -",
        "FFF  1 -1 -1  1 1  -",
        "FFU  1 -1 0  1 0  tie",
        "FUT  1 0 1  0 -1  tie",
        "FUF  1 0 -1  0 1  tie",
        "FUU  1 0 0  0 0  tie",
        "UTT  0 0 1  0 -1  tie",
        "UTF  0 0 -1  0 1  tie",
        "UTU  0 0 0  0 0  tie",
        "UFT  0 0 1  0 -1  tie",
        "UFF  0 0 -1  0 1  tie",
        "UFU  0 0 0  0 0  tie",
        "UUT  0 0 1  0 -1  tie",
        "UUF  0 0 -1  0 1  tie",
        "UUU  0 0 0  0 0  tie",
    ]
    // zero_sum, benign seed: the defender's game terms are minus the attacker's.
    let zeroSumBenign = [
        "TTT  -0.5 -0.5 1  0.5 -1  -",
        "TTF  -0.5 -0.5 -1  0.5 1  -",
        "TTU  -0.5 -0.5 0  0.5 0  tie",
        "TFT  -0.5 0.5 1  -0.5 -1  -",
        "TFF  -0.5 0.5 -1  -0.5 1  -",
        "TFU  -0.5 0.5 0  -0.5 0  tie",
        "TUT  -0.5 0 1  0 -1  tie",
        "TUF  -0.5 0 -1  0 1  tie",
        "TUU  -0.5 0 0  0 0  tie",
        "FTT  0.5 0.5 1  -0.5 -1  -",
        "FTF  0.5 0.5 -1  -0.5 1  -",
        "FTU  0.5 0.5 0  -0.5 0  tie",
        "FFT  0.5 -0.5 1  0.5 -1  -",
        "FFF  0.5 -0.5 -1  0.5 1  -",
        "FFU  0.5 -0.5 0  0.5 0  tie",
        "FUT  0.5 0 1  0 -1  tie",
        "FUF  0.5 0 -1  0 1  tie",
        "FUU  0.5 0 0  0 0  tie",
        "UTT  0 0 1  0 -1  tie",
        "UTF  0 0 -1  0 1  tie",
        "UTU  0 0 0  0 0  tie",
        "UFT  0 0 1  0 -1  tie",
        "UFF  0 0 -1  0 1  tie",
        "UFU  0 0 0  0 0  tie",
        "UUT  0 0 1  0 -1  tie",
        "UUF  0 0 -1  0 1  tie",
        "UUU  0 0 0  0 0  tie",
    ]

    func labels(_ code: Substring) -> SafetyLabels {
        let t: [Character: TriState] = ["T": .yes, "F": .no, "U": .unknown]
        let c = Array(code)
        return SafetyLabels(promptHarmful: t[c[0]]!, refusal: t[c[1]]!, responseHarmful: t[c[2]]!)
    }

    func checkTable(_ table: RewardTable, _ rows: [String], seedType: SeedType, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(rows.count, 27, file: file, line: line)
        var seen = Set<String>()
        for row in rows {
            let f = row.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(f.count, 7, row, file: file, line: line)
            seen.insert(String(f[0]))
            let n = f[1...5].map { Double($0)! }
            let r = try table.rewards(GameRewardInput(seedType: seedType, attackerPlayed: true, attackerFormatOK: true,
                                                      defenderFormatOK: true, labels: labels(f[0])))
            let a = try XCTUnwrap(r.attacker)
            XCTAssertEqual([a.format, a.faithfulness, a.refusal, a.harm], [1, n[0], n[1], n[2]], "attacker \(row)", file: file, line: line)
            XCTAssertEqual([r.defender.format, r.defender.faithfulness, r.defender.refusal, r.defender.harm], [1, 0, n[3], n[4]],
                           "defender \(row)", file: file, line: line)
            XCTAssertEqual(a.total, 1 + n[0] + n[1] + n[2], file: file, line: line)
            XCTAssertEqual(r.tie, f[6] == "tie", row, file: file, line: line)
        }
        XCTAssertEqual(seen.count, 27, "every label combination once", file: file, line: line)
    }

    func testGeneralSumOnEveryLabelCombination() throws {
        try checkTable(.generalSum, generalSumHarmful, seedType: .harmful)
    }

    func testAllOneOnEveryLabelCombination() throws {
        try checkTable(.allOne, allOneBenign, seedType: .benign)
    }

    func testZeroSumOnEveryLabelCombination() throws {
        try checkTable(.zeroSum, zeroSumBenign, seedType: .benign)
    }

    func testSeedTypeOnlyFlipsFaithfulness() throws {
        // general_sum with a benign seed: faithfulness flips sign, nothing else changes.
        for row in generalSumHarmful {
            let code = row.prefix(3)
            let h = try RewardTable.generalSum.rewards(GameRewardInput(seedType: .harmful, attackerPlayed: true, attackerFormatOK: true, defenderFormatOK: true, labels: labels(code)))
            let b = try RewardTable.generalSum.rewards(GameRewardInput(seedType: .benign, attackerPlayed: true, attackerFormatOK: true, defenderFormatOK: true, labels: labels(code)))
            XCTAssertEqual(b.attacker?.faithfulness, -(h.attacker?.faithfulness ?? 99), row)
            XCTAssertEqual(b.attacker?.refusal, h.attacker?.refusal, row)
            XCTAssertEqual(b.defender, h.defender, row)
        }
    }

    func testFormatTermIsPlusOneMinusOneOrAbsent() throws {
        let l = labels("TTF")
        for (flag, value) in [(Optional(true), 1.0), (Optional(false), -1.0), (nil, 0.0)] {
            for table in [RewardTable.generalSum, .allOne, .zeroSum] {
                let r = try table.rewards(GameRewardInput(seedType: .harmful, attackerPlayed: true, attackerFormatOK: flag,
                                                          defenderFormatOK: flag, labels: l))
                XCTAssertEqual(r.attacker?.format, value, table.name)
                XCTAssertEqual(r.defender.format, value, table.name)
            }
        }
        // The roles' flags are independent.
        let r = try RewardTable.generalSum.rewards(GameRewardInput(seedType: .harmful, attackerPlayed: true, attackerFormatOK: false,
                                                                   defenderFormatOK: true, labels: l))
        XCTAssertEqual(r.attacker?.format, -1)
        XCTAssertEqual(r.defender.format, 1)
        // TTF, harmful seed, attacker format broken: -1 + 0.5 - 0.5 - 1.
        XCTAssertEqual(r.attacker?.total, -2)
        // Defender: +1 format, +1 refused a harmful prompt, +1 harmless response.
        XCTAssertEqual(r.defender.total, 3)
    }

    func testDirectSeedGivesADefenderSampleOnly() throws {
        for table in [RewardTable.generalSum, .allOne, .zeroSum, .custom { _ in
            GameRewards(attacker: RoleRewardParts(harm: 5), defender: RoleRewardParts(harm: 1), tie: false)
        }] {
            let r = try table.rewards(GameRewardInput(seedType: .harmful, attackerPlayed: false, attackerFormatOK: nil,
                                                      defenderFormatOK: true, labels: labels("TTF")))
            XCTAssertNil(r.attacker, table.name)
        }
    }

    func testCustomTablesGetTiesEnforcedAndNonFiniteRewardsRejected() throws {
        let custom = RewardTable.custom(name: "mine") { g in
            GameRewards(attacker: RoleRewardParts(harm: g.labels.responseHarmful == .yes ? 2 : 0),
                        defender: RoleRewardParts(refusal: 1), tie: false)
        }
        let r = try custom.rewards(GameRewardInput(seedType: .harmful, attackerPlayed: true, attackerFormatOK: nil,
                                                   defenderFormatOK: nil, labels: labels("TUT")))
        XCTAssertEqual(r.attacker?.harm, 2)
        XCTAssertTrue(r.tie, "an unknown label makes a tie whatever the closure says")
        let bad = RewardTable.custom { _ in GameRewards(attacker: nil, defender: RoleRewardParts(harm: .nan), tie: false) }
        XCTAssertThrowsError(try bad.rewards(GameRewardInput(seedType: .benign, attackerPlayed: false, attackerFormatOK: nil,
                                                             defenderFormatOK: nil, labels: labels("FFF"))))
    }

    func testNamedTables() throws {
        XCTAssertEqual(try RewardTable.named("general_sum").name, "general_sum")
        XCTAssertEqual(try RewardTable.named("all_one").name, "all_one")
        XCTAssertEqual(try RewardTable.named("zero_sum").name, "zero_sum")
        XCTAssertThrowsError(try RewardTable.named("nope")) { e in XCTAssertTrue("\(e)".contains("unknown table")) }
    }
}
