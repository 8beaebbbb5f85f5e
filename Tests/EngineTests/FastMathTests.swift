import Foundation
import XCTest
@testable import Engine

/// The vectorizable exp/tanh/sigmoid against the C library over their whole useful range.
final class FastMathTests: XCTestCase {
    func testAgreesWithLibmToAFewUlp() {
        var worstExp: Float = 0, worstTanh: Float = 0
        var x: Float = -86.5
        while x < 88.5 {
            let e = Foundation.exp(x)
            worstExp = max(worstExp, abs(FastMath.exp(x) - e) / e)
            let t = Foundation.tanh(x / 8)
            worstTanh = max(worstTanh, abs(FastMath.tanh(x / 8) - t) / max(abs(t), 1e-30))
            x += 0.0137
        }
        XCTAssertLessThan(worstExp, 4e-7)
        XCTAssertLessThan(worstTanh, 1e-6)
        XCTAssertEqual(FastMath.tanh(7.9), Foundation.tanh(7.9), accuracy: 1e-6)
        XCTAssertEqual(FastMath.tanh(1e-5), 1e-5, accuracy: 1e-12)
        XCTAssertEqual(FastMath.exp(88.7), Foundation.exp(88.7), accuracy: 1e32)
        XCTAssertEqual(FastMath.exp(-86.5) / Foundation.exp(-86.5), 1, accuracy: 1e-6)
        XCTAssertEqual(FastMath.sigmoid(0), 0.5)
    }

    func testEdgeValues() {
        XCTAssertEqual(FastMath.exp(0), 1)
        XCTAssertEqual(FastMath.exp(100), .infinity)
        XCTAssertEqual(FastMath.exp(.infinity), .infinity)
        XCTAssertEqual(FastMath.exp(-100), 0)
        XCTAssertEqual(FastMath.exp(-.infinity), 0)
        XCTAssert(FastMath.exp(.nan).isNaN)
        XCTAssertEqual(FastMath.tanh(50), 1)
        XCTAssertEqual(FastMath.tanh(-50), -1)
        XCTAssert(FastMath.tanh(.nan).isNaN)
        XCTAssertEqual(FastMath.sigmoid(-200), 0)
        XCTAssertEqual(FastMath.sigmoid(200), 1)
    }
}
