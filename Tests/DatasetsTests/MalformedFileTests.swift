import XCTest
@testable import Datasets

/// Malformed files are errors naming the file and the line.
final class MalformedFileTests: XCTestCase {
    func testCSVErrorsNameTheLine() throws {
        let ok = try CSVTable(text: "# version\na,b\n\"x\ny\",2\n\n3,4\n", file: "f.csv")
        XCTAssertEqual(ok.rows.map(\.line), [3, 6], "a row starts on its first line; comments and blank lines count")
        XCTAssertEqual(ok.rows[0].fields, ["x\ny", "2"])

        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2\n\"multi\nline\",2\n5,6,7\n", file: "f.csv")) {
            XCTAssertEqual("\($0)", "f.csv:5: expected 2 fields (a,b), found 3")
        }
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2\n3,\"never closed\n4,5\n", file: "f.csv")) {
            XCTAssertEqual("\($0)", "f.csv:3: a quoted field starting on this row is never closed")
        }
        XCTAssertThrowsError(try CSVTable(text: "a,b\n1,2\nx\"y,3\"z\n", file: "f.csv")) {
            XCTAssertTrue("\($0)".hasPrefix("f.csv:3: malformed CSV row"), "\($0)")
        }
        XCTAssertThrowsError(try CSVTable(text: "", file: "f.csv")) { XCTAssertEqual("\($0)", "f.csv: no header row") }
        let table = try CSVTable(text: "a,b\n1,2\n", file: "f.csv")
        XCTAssertThrowsError(try table.column("c")) { XCTAssertEqual("\($0)", "f.csv:1: no column 'c' (columns: a, b)") }
    }

    func testLoaderErrorsNameTheDataFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spar-data-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        func write(_ relative: String, _ text: String) throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try write(HarmBench.file("val"), "Behavior,FunctionalCategory,SemanticCategory,Tags,ContextString,BehaviorID\nx,standard,illegal,,,\n")
        XCTAssertThrowsError(try SafetyDatasets.load("harmbench", root: root, options: .init(split: "val"))) {
            XCTAssertEqual("\($0)", "\(root)/\(HarmBench.file("val")):2: a behaviour needs its text and BehaviorID")
        }
        try write(AdvBench.file, "seeds:\n- value: one\n  harm_categories: [a]\n- harm_categories: [b]\n")
        XCTAssertThrowsError(try SafetyDatasets.load("advbench", root: root)) {
            XCTAssertEqual("\($0)", "\(root)/\(AdvBench.file):4: missing 'value'")
        }
        try write(AdvBench.file, "seeds:\n- value: one\n  harm_categories: [a\n")
        XCTAssertThrowsError(try SafetyDatasets.load("advbench", root: root)) {
            XCTAssertTrue("\($0)".hasPrefix("\(root)/\(AdvBench.file):4: malformed YAML"), "\($0)")
        }
        try write("\(DoNotAnswer.folder)/a.jsonl", "{\"prompt\": \"q\"}\n\n{\"prompt\": \"r\"\n")
        XCTAssertThrowsError(try SafetyDatasets.load("donotanswer", root: root)) {
            XCTAssertEqual("\($0)", "\(root)/\(DoNotAnswer.folder)/a.jsonl:3: not valid JSON")
        }
        try write("\(PyRITHumanLabels.folder)/refusal_scorer/refusal.csv", "# v\nobjective,assistant_response,human_score,data_type\nq,r,2,text\n")
        XCTAssertThrowsError(try SafetyDatasets.load("refusal_human", root: root)) {
            XCTAssertTrue("\($0)".hasSuffix("refusal.csv:3: human_score must be 0 or 1, not '2'"), "\($0)")
        }
        XCTAssertThrowsError(try SafetyDatasets.load("strongreject", root: root)) {
            XCTAssertTrue("\($0)".contains("strongreject_dataset.csv: cannot read the file (is the safety-data asset fetched?"), "\($0)")
        }
    }
}
