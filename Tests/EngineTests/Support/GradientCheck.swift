import XCTest
@testable import Engine

/// Finite-difference gradient checking.
///
/// The loss is `sum(f(inputs) * R)` for a fixed random `R`, so every element of the Jacobian matters.
/// Autograd's gradient is compared with central differences `(L(x+h) - L(x-h)) / 2h`, the loss summed
/// in Double. With Float32 ops, h = 1e-2 keeps the truncation error near 1e-4 and the rounding error
/// near 1e-5; the tolerance 2e-2 * max(1, |numeric|) is well above both and far below any real mistake.
func checkGradients(_ name: String, _ inputs: [Tensor], h: Float = 1e-2, tolerance: Float = 2e-2,
                    file: StaticString = #filePath, line: UInt = #line,
                    _ f: ([Tensor]) throws -> Tensor) throws {
    let params = inputs.map { Parameter($0) }
    let out = try f(params.map { $0.tensor })
    let weights = try Tensor.randn(out.shape, seed: 99)
    let loss = try (out * weights).sum()
    let analytic = try Autograd.gradients(of: loss, wrt: params)

    func numericLoss(_ xs: [Tensor]) throws -> Double {
        let y = try GradMode.withoutGradients { try f(xs) }
        return zip(y.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    for (i, input) in inputs.enumerated() {
        XCTAssertEqual(analytic[i].shape, input.shape, "\(name): gradient shape of input \(i)", file: file, line: line)
        for j in 0..<input.count {
            var plus = inputs, minus = inputs
            plus[i].scalars[j] += h
            minus[i].scalars[j] -= h
            let numeric = Float((try numericLoss(plus) - numericLoss(minus)) / (2 * Double(h)))
            let got = analytic[i].scalars[j]
            if Swift.abs(got - numeric) > tolerance * Swift.max(1, Swift.abs(numeric)) {
                XCTFail("\(name): input \(i) element \(j): autograd \(got), finite difference \(numeric)", file: file, line: line)
                return
            }
        }
    }
}

/// Seeded normal values moved at least `margin` away from zero (keeps inputs off kinks such as relu's).
func awayFromZero(_ shape: [Int], seed: UInt64, margin: Float = 0.2) throws -> Tensor {
    var t = try Tensor.randn(shape, seed: seed)
    for i in 0..<t.count { t.scalars[i] += t.scalars[i] >= 0 ? margin : -margin }
    return t
}

/// Seeded positive values in [low, high).
func positive(_ shape: [Int], seed: UInt64, low: Float = 0.5, high: Float = 2) throws -> Tensor {
    try Tensor.rand(shape, seed: seed, low: low, high: high)
}

/// Asserts that `body` throws an EngineError whose message contains `fragment`.
func assertEngineError(_ fragment: String, file: StaticString = #filePath, line: UInt = #line,
                       _ body: () throws -> Any) {
    do {
        _ = try body()
        XCTFail("expected an error containing \"\(fragment)\"", file: file, line: line)
    } catch let e as EngineError {
        XCTAssert(e.message.contains(fragment), "message \"\(e.message)\" lacks \"\(fragment)\"", file: file, line: line)
    } catch {
        XCTFail("unexpected error \(error)", file: file, line: line)
    }
}
