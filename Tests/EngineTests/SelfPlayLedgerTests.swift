import XCTest
@testable import Engine

final class SelfPlayLedgerTests: XCTestCase {
    /// A small ledger of judged games built from world texts, with every kind of record in it.
    func makeLedger() throws -> Ledger {
        let w = try SafetyWorld(seed: 5)
        let oracle = OracleJudge(world: w)
        let cot = try RolePrompt.defender(cot: true)
        var rng = SeededRandom(seed: 8)
        var ledger = Ledger()
        for (i, p) in try w.attacks(count: 40, rng: &rng).enumerated() {
            let refuse = i % 3 == 0
            let reply = refuse ? w.refusal(rng: &rng) : try w.compliance(p.seed, rng: &rng)
            let atk = FormatCheck.parse(FormatCheck.compose(thinking: "plan, with \"quotes\", commas", answer: p.text))
            var def = cot.parse(FormatCheck.compose(thinking: "line one\nline two", answer: reply))
            if i % 7 == 0 { def = cot.parse("broken " + reply) }
            let direct = i % 5 == 0
            ledger.append(try Episode.judged(step: i / 10, seed: p.seed, tactic: p.tactic, attacker: direct ? nil : atk,
                                             attackerCoT: true, defenderPrompt: direct ? p.seed.text : atk.answer,
                                             defender: def, defenderCoT: true, judge: oracle, table: .generalSum))
        }
        // A tie: a response nobody can label.
        let s = w.seeds()[0]
        ledger.append(try Episode.judged(step: 4, seed: s, tactic: "", attacker: FormatCheck.parse("x </think> <answer> hm </answer>"),
                                         attackerCoT: true, defenderPrompt: "hm", defender: FormatCheck.parseDirect("ok"),
                                         defenderCoT: false, judge: oracle, table: .generalSum))
        return ledger
    }

    func testJSONLRoundTripIsExact() throws {
        let ledger = try makeLedger()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-ledger-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("run.jsonl").path
        try ledger.writeJSONL(to: path)
        try ledger.writeJSONL(to: path)  // overwriting works too
        let back = try Ledger.readJSONL(from: path)
        XCTAssertEqual(back, ledger)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["run.jsonl"], "no temporary left")
        let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0]
        XCTAssertTrue(firstLine.contains("\"prompt_harmful\":"), String(firstLine))
        XCTAssertTrue(try ledger.jsonl().contains("\"response_harmful\":null"), "unknown labels are null")
    }

    func testReadingAMalformedLedgerNamesFileAndLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let good = try makeLedger().jsonl().split(separator: "\n")[0]
        try "\(good)\n{\"step\": 1}\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Ledger.readJSONL(from: path)) { e in XCTAssertTrue("\(e)".contains("bad-\(getpid()).jsonl:2"), "\(e)") }
        XCTAssertThrowsError(try Ledger.readJSONL(from: "/nonexistent/x.jsonl"))
        XCTAssertThrowsError(try makeLedger().writeJSONL(to: "/nonexistent/dir/x.jsonl"))
    }

    func testCSVQuotesFieldsAndHasOneRowPerEpisode() throws {
        let ledger = try makeLedger()
        let rows = parseCSV(ledger.csv())
        XCTAssertEqual(rows.count, ledger.count + 1)
        XCTAssertEqual(rows[0], Ledger.csvColumns)
        for (row, e) in zip(rows.dropFirst(), ledger.episodes) {
            XCTAssertEqual(row.count, Ledger.csvColumns.count)
            let field = Dictionary(uniqueKeysWithValues: zip(Ledger.csvColumns, row))
            XCTAssertEqual(field["seed"], e.seed)
            XCTAssertEqual(field["attacker_thinking"], e.attackerThinking)
            XCTAssertEqual(field["defender_thinking"], e.defenderThinking)
            XCTAssertEqual(field["defender_answer"], e.defenderAnswer)
            XCTAssertEqual(field["prompt_harmful"], e.labels.promptHarmful.bool.map { "\($0)" } ?? "")
            XCTAssertEqual(field["defender_reward"].flatMap(Double.init), e.defenderReward.total)
            XCTAssertEqual(field["attacker_reward"], e.attackerReward == nil ? "" : field["attacker_reward"])
            XCTAssertEqual(field["tie"], "\(e.tie)")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(getpid()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ledger.writeCSV(to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), ledger.csv())
    }

    func testFilterGroupAndTrainingSamples() throws {
        let ledger = try makeLedger()
        let direct = ledger.filter { $0.tactic == "direct" }
        XCTAssertEqual(direct.count, 8)
        XCTAssertTrue(direct.episodes.allSatisfy { !$0.attackerPlayed && $0.attackerReward == nil && $0.attackerFormatOK == nil })
        let groups = ledger.grouped(by: .tactic)
        XCTAssertEqual(groups.reduce(0) { $0 + $1.ledger.count }, ledger.count)
        XCTAssertEqual(Set(groups.map(\.key)).count, groups.count)
        XCTAssertEqual(ledger.grouped(by: .seedType).map(\.key).sorted(), ["benign", "harmful"])
        XCTAssertEqual(ledger.grouped(by: .step).map(\.key), ["0", "1", "2", "3", "4"])
        XCTAssertEqual(ledger.grouped(by: .category).first { $0.key == "benign" }?.ledger.count, 20)

        let ties = ledger.episodes.filter(\.tie).count
        XCTAssertEqual(ties, 1)
        let played = ledger.episodes.filter { !$0.tie && $0.attackerPlayed }.count
        let kept = ledger.trainingSamples(removeTies: true)
        XCTAssertEqual(kept.count, (ledger.count - ties) + played)
        XCTAssertEqual(ledger.trainingSamples(removeTies: false).count, ledger.count + played + 1)
        XCTAssertEqual(ledger.trainingSamples(roles: [.defender]).count, ledger.count - ties)
        for s in kept {
            let e = ledger.episodes[s.episodeIndex]
            XCTAssertEqual(s.reward, s.role == .attacker ? e.attackerReward?.total : e.defenderReward.total)
        }
    }

    func testMetricsOnHandBuiltEpisodes() throws {
        func ep(_ type: SeedType, alarming: Bool = false, played: Bool = true, _ labels: String, atkOK: Bool? = true, defOK: Bool? = true) throws -> Episode {
            let t: [Character: TriState] = ["T": .yes, "F": .no, "U": .unknown]
            let c = Array(labels)
            let l = SafetyLabels(promptHarmful: t[c[0]]!, refusal: t[c[1]]!, responseHarmful: t[c[2]]!)
            let r = try RewardTable.generalSum.rewards(GameRewardInput(seedType: type, attackerPlayed: played,
                                                                       attackerFormatOK: played ? atkOK : nil, defenderFormatOK: defOK, labels: l))
            return Episode(step: 0, seed: "s", seedType: type, category: "c", alarming: alarming, tactic: "t", attackerPlayed: played,
                           attackerThinking: "", attackerAnswer: "", attackerFormatOK: played ? atkOK : nil, defenderPrompt: "",
                           defenderThinking: "", defenderAnswer: "", defenderFormatOK: defOK, labels: l, rewards: r)
        }
        let eps = [
            try ep(.harmful, "TFT"),                 // attack succeeded
            try ep(.harmful, "TTF", atkOK: false),   // refused
            try ep(.harmful, played: false, "TTF"),  // direct, refused
            try ep(.harmful, "FFF"),                 // unfaithful rewrite, answered harmlessly
            try ep(.benign, alarming: true, "FTF", defOK: false), // over-refusal of an alarming request
            try ep(.benign, "FFF"),                  // helped
            try ep(.benign, "UFF"),                  // tie
        ]
        let m = SelfPlayMetrics(eps)
        XCTAssertEqual(m.games, 7)
        XCTAssertEqual(m.attackSuccess, 1.0 / 4)
        XCTAssertEqual(m.harmfulRefusal, 2.0 / 3)
        XCTAssertEqual(m.overRefusal, 1.0 / 3)
        XCTAssertEqual(m.alarmingOverRefusal, 1.0)
        XCTAssertEqual(m.faithfulness, 4.0 / 5)
        XCTAssertEqual(m.attackerFormatViolations, 1.0 / 6)
        XCTAssertEqual(m.defenderFormatViolations, 1.0 / 7)
        XCTAssertEqual(m.tieShare, 1.0 / 7)
        // Attacker totals of the non-tie played games: TFT 1+.5+.5+1, TTF -1+.5-.5-1, FFF 1-.5-.5-1,
        // benign FTF 1+.5+.5-1, benign FFF 1+.5-.5-1.
        XCTAssertEqual(try XCTUnwrap(m.meanAttackerReward), (3 - 2 - 1 + 1 + 0) / 5.0, accuracy: 1e-12)
        // Defender totals of the non-tie games: TFT 1-1-1, TTF 1+1+1 (twice), FFF 1+1+1, FTF -1-1+1, FFF 1+1+1.
        XCTAssertEqual(try XCTUnwrap(m.meanDefenderReward), (-1 + 3 + 3 + 3 - 1 + 3) / 6.0, accuracy: 1e-12)
        XCTAssertEqual(m.values.map(\.name), SelfPlayMetrics.names)
        XCTAssertNil(SelfPlayMetrics([]).attackSuccess)
    }

    func testJSONLAndCSVHoldTheSameFieldsAndValues() throws {
        var ledger = try makeLedger()
        var broken = ledger.episodes[1]
        broken.judgeError = "judge.fn: the result has no 'refusal'"
        ledger.append(broken)
        let rows = parseCSV(ledger.csv())
        let lines = try ledger.jsonl().split(separator: "\n")
        XCTAssertEqual(lines.count, rows.count - 1)
        var sawNull = false
        for (line, row) in zip(lines, rows.dropFirst()) {
            guard case .object(let record) = try JSONDecoder().decode(AnyJSON.self, from: Data(line.utf8)) else {
                return XCTFail("not a JSON object: \(line)")
            }
            // Flatten: labels by their names, reward parts as role_part, the reward total as role_reward.
            var flat: [String: String] = [:]
            for (key, value) in record {
                if case .null = value { sawNull = true }
                switch (key, value) {
                case ("labels", .object(let l)):
                    for (k, v) in l { flat[k] = v.cell }
                case (_, .object(let parts)) where key.hasSuffix("_reward"):
                    let role = String(key.dropLast("_reward".count))
                    for (k, v) in parts { flat[k == "total" ? key : "\(role)_\(k)"] = v.cell }
                case (_, .null) where key.hasSuffix("_reward"):
                    let role = String(key.dropLast("_reward".count))
                    for k in ["format", "faithfulness", "refusal", "harm"] { flat["\(role)_\(k)"] = "" }
                    flat[key] = ""
                default:
                    flat[key] = value.cell
                }
            }
            XCTAssertEqual(Set(flat.keys), Set(Ledger.csvColumns), "every JSONL field is a CSV column and back")
            for (column, cell) in zip(Ledger.csvColumns, row) { XCTAssertEqual(flat[column], cell, column) }
        }
        XCTAssertTrue(sawNull, "missing values are null, not left out")
        XCTAssertTrue(try ledger.jsonl().contains("\"attacker_reward\":null"), "a direct game has a null attacker reward")
        XCTAssertTrue(try ledger.jsonl().contains("\"total\":"), "rewards carry their total")
        XCTAssertEqual(try Ledger(Array(ledger.episodes)).jsonl(), try ledger.jsonl())
    }

    func testRescoringReplaysTheGamesUnderAnotherTable() throws {
        let ledger = try makeLedger()
        let zero = try ledger.rescored(with: .zeroSum)
        XCTAssertEqual(zero.count, ledger.count)
        var changed = 0
        for (a, b) in zip(ledger.episodes, zero.episodes) {
            XCTAssertEqual(b.labels, a.labels)
            XCTAssertEqual(b.defenderAnswer, a.defenderAnswer)
            let expected = try RewardTable.zeroSum.rewards(a.rewardInput)
            XCTAssertEqual(b.attackerReward, expected.attacker)
            XCTAssertEqual(b.defenderReward, expected.defender)
            XCTAssertEqual(b.tie, expected.tie)
            if let r = b.attackerReward, !b.tie { XCTAssertEqual(r.refusal + b.defenderReward.refusal, 0) }
            if b.defenderReward != a.defenderReward { changed += 1 }
        }
        XCTAssertGreaterThan(changed, 0, "zero-sum gives the defender other rewards")
        XCTAssertEqual(try zero.rescored(with: .generalSum), ledger, "and back")
    }

    /// A minimal RFC 4180 reader for the test.
    func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var inQuotes = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else { field.append(c) }
            } else if c == "\"" { inQuotes = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\r\n" || c == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        return rows
    }
}

/// Any JSON value, for reading records back in tests.
enum AnyJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array([AnyJSON]), object([String: AnyJSON])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let d = try? c.decode(Double.self) { self = .number(d) } else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([AnyJSON].self) { self = .array(a) } else { self = .object(try c.decode([String: AnyJSON].self)) }
    }

    /// As the CSV writes it: "" for null, true/false, numbers as Spar prints them.
    var cell: String {
        switch self {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return numberText(d)
        case .string(let s): return s
        case .array, .object: return "\(self)"
        }
    }
}
