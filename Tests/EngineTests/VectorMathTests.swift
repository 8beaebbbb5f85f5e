import Foundation
import XCTest
@testable import Engine

/// The dispatched C kernels of VectorMath against Foundation (libm, in Double where it matters)
/// over their whole useful range, at the extremes, and on lengths that leave a vector tail.
final class VectorMathTests: XCTestCase {
    /// Evenly spaced points from `low` to `high` (an odd count, so the SIMD loops have a remainder).
    private func grid(_ low: Float, _ high: Float, step: Float) -> [Float] {
        var xs: [Float] = []
        var x = low
        while x < high { xs.append(x); x += step }
        return xs + [high]
    }

    private func worstRelative(_ got: [Float], _ want: [Double], floor: Double = 1e-30) -> Double {
        zip(got, want).map { abs(Double($0) - $1) / max(abs($1), floor) }.max() ?? 0
    }

    func testExpWithinTwoUlpOverItsRange() {
        let xs = grid(-86.5, 88.7, step: 0.00731)
        let got = VectorMath.apply(xs, VectorMath.exp)
        XCTAssertLessThan(worstRelative(got, xs.map { Foundation.exp(Double($0)) }), 2.5e-7)
        XCTAssertEqual(VectorMath.apply([0, 1], VectorMath.exp), [1, Foundation.exp(Float(1))])
    }

    func testExpExtremes() {
        let xs: [Float] = [88.72, 88.73, 100, .infinity, .greatestFiniteMagnitude, -86.5, -86.7, -100,
                           -.infinity, -.greatestFiniteMagnitude, .nan, 1e-30, -1e-30]
        let y = VectorMath.apply(xs, VectorMath.exp)
        XCTAssertEqual(Double(y[0]) / Foundation.exp(Double(xs[0])), 1, accuracy: 3e-7)
        XCTAssertEqual(Array(y[1...4]), [.infinity, .infinity, .infinity, .infinity])
        XCTAssertEqual(Double(y[5]) / Foundation.exp(Double(xs[5])), 1, accuracy: 3e-7)
        XCTAssertEqual(Array(y[6...9]), [0, 0, 0, 0])
        XCTAssert(y[10].isNaN)
        XCTAssertEqual(y[11], 1)
        XCTAssertEqual(y[12], 1)
    }

    func testShiftedExpIsExpOfTheDifference() {
        let xs = grid(-20, 20, step: 0.0371)
        var got = [Float](repeating: 0, count: xs.count)
        xs.withUnsafeBufferPointer { src in
            got.withUnsafeMutableBufferPointer { dst in
                VectorMath.exp(src.baseAddress!, minus: 7.5, dst.baseAddress!, xs.count)
            }
        }
        XCTAssertLessThan(worstRelative(got, xs.map { Foundation.exp(Double($0 - 7.5)) }), 2.5e-7)
    }

    func testTanhOverItsRangeAndBeyond() {
        let xs = grid(-12, 12, step: 0.000937)
        let got = VectorMath.apply(xs, VectorMath.tanh)
        XCTAssertLessThan(worstRelative(got, xs.map { Foundation.tanh(Double($0)) }), 1e-6)
        let edge: [Float] = [50, -50, .infinity, -.infinity, .nan, 1e-5, -1e-5, 0]
        let y = VectorMath.apply(edge, VectorMath.tanh)
        XCTAssertEqual(Array(y[0...3]), [1, -1, 1, -1])
        XCTAssert(y[4].isNaN)
        XCTAssertEqual(y[5], 1e-5, accuracy: 1e-12)
        XCTAssertEqual(y[6], -1e-5, accuracy: 1e-12)
        XCTAssertEqual(y[7], 0)
    }

    func testSigmoidAndSilu() {
        let xs = grid(-80, 80, step: 0.0173)
        let s = VectorMath.apply(xs, VectorMath.sigmoid)
        let exact = xs.map { 1 / (1 + Foundation.exp(-Double($0))) }
        XCTAssertLessThan(worstRelative(s, exact), 5e-7)
        let silu = VectorMath.apply(xs, VectorMath.silu)
        XCTAssertLessThan(worstRelative(silu, zip(xs, exact).map { Double($0) * $1 }), 5e-7)
        let edge = VectorMath.apply([-200, 200, 0, -.infinity, .infinity, .nan], VectorMath.sigmoid)
        XCTAssertEqual(Array(edge[0...4]), [0, 1, 0.5, 0, 1])
        XCTAssert(edge[5].isNaN)
        let siluEdge = VectorMath.apply([-200, 200, -.infinity, .infinity, .nan], VectorMath.silu)
        XCTAssertEqual(Array(siluEdge[0...3]), [0, 200, 0, .infinity])
        XCTAssert(siluEdge[4].isNaN)
    }

    func testGeluMatchesItsTanhFormula() {
        let xs = grid(-12, 12, step: 0.00377)
        let got = VectorMath.apply(xs, VectorMath.gelu)
        let c = (2 / Double.pi).squareRoot()
        let want = xs.map { Double($0) }.map { 0.5 * $0 * (1 + Foundation.tanh(c * ($0 + 0.044715 * $0 * $0 * $0))) }
        // Relative to max(|y|, 1e-6): deep in the left tail a one-ulp error in u grows by 2|u|, and
        // below 1e-6 only the absolute error counts. (The baseline clone, without FMA, reaches 2e-6.)
        XCTAssertLessThan(worstRelative(got, want, floor: 1e-6), 3e-6)
        let edge = VectorMath.apply([1e20, -1e20, .infinity, -.infinity, .nan, 0], VectorMath.gelu)
        XCTAssertEqual(Array(edge[0...3]), [1e20, 0, .infinity, 0])
        XCTAssert(edge[4].isNaN)
        XCTAssertEqual(edge[5], 0)
    }

    /// The backward kernels against a central difference of the forward formula in Double.
    func testSiluAndGeluDerivatives() {
        let xs = grid(-30, 30, step: 0.0531)
        let g = xs.indices.map { Float(1 + $0 % 3) }
        let c = (2 / Double.pi).squareRoot()
        let siluD: (Double) -> Double = { $0 / (1 + Foundation.exp(-$0)) }
        let geluD: (Double) -> Double = { 0.5 * $0 * (1 + Foundation.tanh(c * ($0 + 0.044715 * $0 * $0 * $0))) }
        for (kernel, f) in [(VectorMath.siluBackward, siluD), (VectorMath.geluBackward, geluD)]
            as [((UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void, (Double) -> Double)] {
            var got = [Float](repeating: 0, count: xs.count)
            g.withUnsafeBufferPointer { pg in
                xs.withUnsafeBufferPointer { px in
                    got.withUnsafeMutableBufferPointer { d in kernel(pg.baseAddress!, px.baseAddress!, d.baseAddress!, xs.count) }
                }
            }
            for i in xs.indices {
                let x = Double(xs[i]), h = 1e-5
                let want = Double(g[i]) * (f(x + h) - f(x - h)) / (2 * h)
                XCTAssertEqual(Double(got[i]), want, accuracy: 1e-5 * max(1, abs(want)), "x = \(x)")
            }
        }
    }

    func testInPlaceAndEmpty() {
        var xs = grid(-5, 5, step: 0.1)
        let copy = xs
        xs.withUnsafeMutableBufferPointer { p in VectorMath.tanh(p.baseAddress!, p.baseAddress!, p.count) }
        XCTAssertEqual(xs, VectorMath.apply(copy, VectorMath.tanh))
        XCTAssertEqual(VectorMath.apply([], VectorMath.exp), [])
    }
}
