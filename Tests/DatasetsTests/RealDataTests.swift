import Assets
import XCTest
@testable import Datasets

/// The whole fetched safety-data asset (CI fetches it first; skipped with the command otherwise).
final class RealDataTests: XCTestCase {
    func root() throws -> String {
        guard let root = AssetStore.path(for: "safety-data") else { throw XCTSkip(AssetStore.missingMessage("safety-data")) }
        return root
    }

    func testCountsOfEverySet() throws {
        let root = try root()
        func count(_ name: String, _ options: SafetyDatasets.Options = .init()) throws -> Int {
            try SafetyDatasets.load(name, root: root, options: options).count
        }
        XCTAssertEqual(try count("harmbench", .init(split: "test")), 320)
        XCTAssertEqual(try count("harmbench", .init(split: "val")), 80)
        XCTAssertEqual(try count("advbench"), 520)
        XCTAssertEqual(try count("strongreject"), 313)
        XCTAssertEqual(try count("strongreject", .init(subset: "small")), 60)
        XCTAssertEqual(try count("donotanswer"), 939)
        XCTAssertEqual(try count("refusal_human"), 169)
        let harm = try SafetyDatasets.load("harm_human", root: root)
        XCTAssertEqual(harm.count, 1385, "990 harm-scale rows + 395 objective rows (counted with Python csv)")
        XCTAssertEqual(harm.filter { $0.label == nil }.count, 145, "mean exactly 0.5: unknown")
        let templates = try SafetyDatasets.templates(root: root)
        XCTAssertEqual(templates.templates.count + templates.skipped, 655)
        XCTAssertEqual(templates.skipped, 3, "dt_stereotypes_targeted, many_shot_template, translator_bot")
        let test = try SafetyDatasets.load("harmbench", root: root, options: .init(split: "test"))
        XCTAssertEqual(test.filter { $0.field("functional_category") == .string("contextual") }.count, 81)
        XCTAssertTrue(test.filter { $0.field("functional_category") == .string("contextual") }.allSatisfy {
            if case .string(let c)? = $0.field("context") { return !c.isEmpty } else { return false }
        })
        XCTAssertEqual(Set(test.map(\.id)).count, 320, "ids are unique")
    }

    /// The hand-assigned benign objectives all occur in the refusal sets (no typo hides one).
    func testBenignObjectivesOccur() throws {
        let refusal = try SafetyDatasets.load("refusal_human", root: try root())
        let objectives = Set(refusal.map(\.prompt))
        XCTAssertEqual(RefusalObjectiveTypes.benign.subtracting(objectives), [])
        XCTAssertEqual(Set(refusal.filter { $0.type == .benign }.map(\.prompt)).count, 50)
    }
}
