import XCTest
@testable import Runtime

/// What Tab offers: names, members after `.`, `:` commands, help topics, file names after `:load`.
final class REPLCompleterTests: XCTestCase {
    private var session: Session!
    private var completer: REPLCompleter!

    override func setUp() {
        session = Session(out: { _ in }, err: { _ in })
        _ = session.run(source: "let numbers = [3, 1, 2]\nlet config = {steps: 3, rate: 0.1}\nfn greet(who) { who }\n",
                        path: "setup.spar")
        completer = REPLCompleter(session: session)
    }

    private func words(_ beforeCursor: String, _ word: String) -> [String] {
        guard case .words(let words, _) = completer.complete(beforeCursor: beforeCursor, word: word) else {
            XCTFail("expected words for \(beforeCursor)")
            return []
        }
        return words
    }

    func testGlobalNamesAndBuiltins() {
        XCTAssertTrue(words("num", "num").contains("numbers"))
        XCTAssertTrue(words("pri", "pri").contains("print"))
        XCTAssertEqual(words("let y = gre", "gre"), ["greet"])
        XCTAssertTrue(words("zzz", "zzz").isEmpty)
    }

    func testMembersAfterADot() {
        XCTAssertTrue(words("numbers.pu", "pu").contains("push"))
        XCTAssertTrue(words("numbers.so", "so").contains("sort"))
        XCTAssertTrue(words("config.st", "st").contains("steps"))
        XCTAssertFalse(words("numbers.", "").contains("numbers"), "after a dot only members are offered")
    }

    func testCommands() {
        XCTAssertEqual(completer.complete(beforeCursor: ":he", word: ":he"), .words([":help"], appendSpace: true))
        XCTAssertEqual(words(":", ":"), REPLCommand.completableNames.sorted())
        XCTAssertEqual(completer.complete(beforeCursor: ":load ./ex", word: "ex"), .fileNames)
        XCTAssertEqual(completer.complete(beforeCursor: ":cells ex", word: "ex"), .fileNames)
        XCTAssertEqual(completer.complete(beforeCursor: ":run examples/nb", word: "nb"), .fileNames)
        XCTAssertTrue(words(":time numbers.pu", "pu").contains("push"))
    }

    func testHelpTopics() {
        XCTAssertEqual(words("?le", "le"), ["len"])
        XCTAssertTrue(words(":help pr", "pr").contains("print"))
        XCTAssertTrue(words(":help list.ma", "ma").contains("map"))
        XCTAssertTrue(words("?gre", "gre").contains("greet"), "user functions are help topics too")
    }
}
