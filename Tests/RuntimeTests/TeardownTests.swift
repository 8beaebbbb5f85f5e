import XCTest
@testable import Runtime

/// Freeing deeply nested values must not recurse once per level (a script can nest millions).
final class TeardownTests: XCTestCase {
    /// Counts how many times `dismantle` found a container it could empty.
    func testDismantleEmptiesUniquelyOwnedContainers() {
        var innermost = ListObject([.number(1)])
        weak var probe = innermost
        var chain = Value.list(innermost)
        for _ in 0..<10 { chain = .list(ListObject([chain])) }
        innermost = ListObject()
        XCTAssertNotNil(probe)
        var pending = [chain]
        chain = .null
        dismantle(&pending)
        XCTAssertNil(probe, "the innermost list should be freed")
    }

    func testSharedContainersAreNotEmptied() {
        let shared = ListObject([.number(1), .number(2)])
        var pending: [Value] = [.list(ListObject([.list(shared)]))]
        dismantle(&pending)
        XCTAssertEqual(shared.items.count, 2)
    }

    func testMillionsOfLevelsFreeWithoutCrashing() {
        var out = ""
        let s = Session(out: { out += $0 }, err: { out += $0 })
        let source = """
        var x = []
        for i in 0..<1000000 { x = [x] }
        x = nil
        var r = {}
        for i in 0..<300000 { r = {inner: r, also: [r]} }
        r = nil
        var f = fn() { 0 }
        for i in 0..<300000 { let g = f; f = fn() { g() } }
        f = nil
        print("freed")
        """
        XCTAssertEqual(s.run(source: source, path: "deep.spar"), .ok, out)
        XCTAssertEqual(out, "freed\n")
    }
}
