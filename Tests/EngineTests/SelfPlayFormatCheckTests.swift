import XCTest
@testable import Engine

/// The exact hidden-thinking format of REFERENCE.md, each rule in both directions.
final class SelfPlayFormatCheckTests: XCTestCase {
    func check(_ g: String, ok: Bool, has: [FormatViolation] = [], lacks: [FormatViolation] = [],
               file: StaticString = #filePath, line: UInt = #line) {
        let r = FormatCheck.parse(g)
        XCTAssertEqual(r.formatOK, ok, "\(g.debugDescription): \(r.violations)", file: file, line: line)
        for v in has { XCTAssertTrue(r.violations.contains(v), "\(g.debugDescription) should break \(v)", file: file, line: line) }
        for v in lacks { XCTAssertFalse(r.violations.contains(v), "\(g.debugDescription) should not break \(v)", file: file, line: line) }
    }

    func testWellFormedGenerationsPass() {
        for g in [" plan </think> <answer> reply </answer>",
                  "plan</think><answer>reply</answer>",
                  "a\nb </think>\n\n\t<answer>\nreply text\n</answer>\n",
                  "x </think> <answer> y </answer>   "] {
            check(g, ok: true)
            XCTAssertFalse(FormatCheck.parse(g).leaked)
        }
        let r = FormatCheck.parse("  my plan </think> <answer>  the reply </answer>")
        XCTAssertEqual(r.thinking, "my plan")
        XCTAssertEqual(r.answer, "the reply")
    }

    func testExactlyOneCloseThink() {
        check("a <answer> b </answer>", ok: false, has: [.closeThinkCount])
        check("a </think> c </think> <answer> b </answer>", ok: false, has: [.closeThinkCount])
        check("a </think> <answer> b </answer>", ok: true, lacks: [.closeThinkCount])
    }

    func testExactlyOneOpenAnswer() {
        check("a </think> b </answer>", ok: false, has: [.openAnswerCount])
        check("a </think> <answer> <answer> b </answer>", ok: false, has: [.openAnswerCount])
    }

    func testExactlyOneCloseAnswer() {
        check("a </think> <answer> b", ok: false, has: [.closeAnswerCount])
        check("a </think> <answer> b </answer></answer>", ok: false, has: [.closeAnswerCount])
    }

    func testNoOpenThinkInGeneration() {
        check("<think> a </think> <answer> b </answer>", ok: false, has: [.openThinkInGeneration])
        check("a </think> <answer> b <think> </answer>", ok: false, has: [.openThinkInGeneration])
        check("a </think> <answer> b </answer>", ok: true, lacks: [.openThinkInGeneration])
    }

    func testNonEmptyThinkingAndAnswer() {
        check("</think> <answer> b </answer>", ok: false, has: [.emptyThinking], lacks: [.emptyAnswer])
        check(" \n </think> <answer> b </answer>", ok: false, has: [.emptyThinking])
        check("a </think> <answer>  </answer>", ok: false, has: [.emptyAnswer], lacks: [.emptyThinking])
        check("a </think> <answer></answer>", ok: false, has: [.emptyAnswer])
    }

    func testOrder() {
        check("a <answer> b </answer> </think>", ok: false, has: [.wrongOrder])
        check("a </think> </answer> b <answer>", ok: false, has: [.wrongOrder])
        check("<answer> b </think> </answer>", ok: false, has: [.wrongOrder])
    }

    func testOnlyWhitespaceBetweenThinkingAndAnswer() {
        check("a </think> so <answer> b </answer>", ok: false, has: [.textBetweenThinkingAndAnswer])
        check("a </think> \n\t <answer> b </answer>", ok: true)
    }

    func testNothingAfterCloseAnswer() {
        check("a </think> <answer> b </answer> more", ok: false, has: [.textAfterAnswer])
        check("a </think> <answer> b </answer>.", ok: false, has: [.textAfterAnswer])
        check("a </think> <answer> b </answer>\n", ok: true)
    }

    func testAnswerExtractionUsesTagsWhenFoundElseLeaksWholeGeneration() {
        // Tags found even though the format is broken: the inside is the answer.
        let r1 = FormatCheck.parse("<think> a </think> <answer> b </answer> tail")
        XCTAssertFalse(r1.formatOK)
        XCTAssertEqual(r1.answer, "b")
        XCTAssertFalse(r1.leaked)
        // No closing tag: the whole generation, thinking included, is the public message.
        let r2 = FormatCheck.parse(" secret plan </think> <answer> reply")
        XCTAssertEqual(r2.answer, "secret plan </think> <answer> reply")
        XCTAssertTrue(r2.leaked)
        let r3 = FormatCheck.parse("just talking")
        XCTAssertEqual(r3.answer, "just talking")
        XCTAssertTrue(r3.leaked)
        XCTAssertEqual(r3.thinking, "")
        // A closing tag only before the opening one does not count as found.
        let r4 = FormatCheck.parse("x </answer> y <answer> z")
        XCTAssertTrue(r4.leaked)
        XCTAssertEqual(r4.answer, "x </answer> y <answer> z")
    }

    func testComposeRoundTripsAndDirectModeHasNoFormat() {
        let g = FormatCheck.compose(thinking: "why", answer: "what")
        let r = FormatCheck.parse(g)
        XCTAssertTrue(r.formatOK)
        XCTAssertEqual(r.thinking, "why")
        XCTAssertEqual(r.answer, "what")
        let d = FormatCheck.parseDirect("  plain </think> reply ")
        XCTAssertTrue(d.formatOK)
        XCTAssertEqual(d.answer, "plain </think> reply")
    }

    func testEveryViolationIsReachable() {
        var seen = Set<FormatViolation>()
        for g in ["a <answer> b </answer>", "a </think> <answer> <answer> b </answer>", "a </think> <answer> b",
                  "<think> a </think> <answer> b </answer>", "</think> <answer> b </answer>", "a </think> <answer> </answer>",
                  "a <answer> b </answer> </think>", "a </think> x <answer> b </answer>", "a </think> <answer> b </answer> x"] {
            seen.formUnion(FormatCheck.parse(g).violations)
        }
        XCTAssertEqual(seen, Set(FormatViolation.allCases))
    }
}
