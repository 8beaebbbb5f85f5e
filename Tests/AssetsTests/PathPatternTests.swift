import XCTest
@testable import Assets

final class PathPatternTests: XCTestCase {
    func testStarsAndDoubleStars() {
        let csv = PathPattern("pyrit/datasets/scorer_evals/harm/*.csv")
        XCTAssertTrue(csv.matches("pyrit/datasets/scorer_evals/harm/violence.csv"))
        XCTAssertFalse(csv.matches("pyrit/datasets/scorer_evals/harm/violence_metrics.jsonl"))
        XCTAssertFalse(csv.matches("pyrit/datasets/scorer_evals/harm/sub/violence.csv"), "* stays in one segment")

        let yaml = PathPattern("t/**/*.yaml")
        XCTAssertTrue(yaml.matches("t/a.yaml"), "** matches zero segments")
        XCTAssertTrue(yaml.matches("t/in_the_wild/x/y.yaml"))
        XCTAssertFalse(yaml.matches("t/in_the_wild/y.yml"))
        XCTAssertFalse(yaml.matches("u/a.yaml"))

        let all = PathPattern("m/model/**")
        XCTAssertTrue(all.matches("m/model/1_Pooling/config.json"))
        XCTAssertFalse(all.matches("m/modelx/config.json"))

        XCTAssertTrue(PathPattern("a/b.txt").matches("a/b.txt"))
        XCTAssertFalse(PathPattern("a/b.txt").matches("a/b.txt2"))
        XCTAssertTrue(PathPattern("a/*").matches("a/"), "an empty last segment is still a segment")
        XCTAssertTrue(PathPattern("x/*a*b").matches("x/zzazzb"))
        XCTAssertFalse(PathPattern("x/*a*b").matches("x/zzazzbz"))
    }

    func testDestinations() {
        XCTAssertEqual(ExtractRule("p/x/*", strip: "p/x/").destination(of: "p/x/f.gguf"), "f.gguf")
        XCTAssertEqual(ExtractRule("p/*", into: "p-1.0/").destination(of: "p/f"), "p-1.0/p/f")
    }
}
