import XCTest
@testable import Engine

/// Every op against numpy's output (Fixtures/ops.json, made by make_fixtures.py).
/// Tolerance: rtol 1e-5 and atol 1e-5 for Float32 results of one or two roundings (element-wise,
/// shape ops, reductions of a few elements); rtol 1e-4 / atol 1e-4 for ops that sum many products or
/// call transcendental functions (matmul, softmax, norms, sums of thousands), whose numpy
/// implementations order operations differently.
final class FixtureTests: XCTestCase {
    func run(_ op: String, _ x: [Tensor], _ args: [String: Any]) throws -> Tensor {
        let axis = args["axis"] as? Int
        let keep = args["keepdims"] as? Bool ?? false
        let number = Float(args["number"] as? Double ?? 0)
        switch op {
        case "add": return try x[0] + x[1]
        case "subtract": return try x[0] - x[1]
        case "multiply": return try x[0] * x[1]
        case "divide": return try x[0] / x[1]
        case "pow": return try x[0] ** x[1]
        case "add_number": return x[0] + number
        case "multiply_number": return x[0] * number
        case "pow_number": return x[0] ** number
        case "exp": return x[0].exp()
        case "log": return x[0].log()
        case "sqrt": return x[0].sqrt()
        case "tanh": return x[0].tanh()
        case "sigmoid": return x[0].sigmoid()
        case "relu": return x[0].relu()
        case "gelu": return x[0].gelu()
        case "silu": return x[0].silu()
        case "clip": return try x[0].clip(min: Float(args["min"] as? Double ?? 0), max: Float(args["max"] as? Double ?? 0))
        case "less": return try x[0].less(x[1])
        case "equal": return try x[0].equal(x[1])
        case "greater_equal": return try x[0].greaterEqual(x[1])
        case "where": return try Tensor.where(x[0], x[1], x[2])
        case "matmul": return try x[0].matmul(x[1])
        case "reshape": return try x[0].reshaped(args["shape"] as? [Int] ?? [])
        case "permute": return try x[0].permuted(args["axes"] as? [Int] ?? [])
        case "transpose": return try x[0].transposed()
        case "slice": return try x[0].sliced(axis: axis ?? 0, start: args["start"] as? Int, end: args["end"] as? Int, step: args["step"] as? Int ?? 1)
        case "select": return try x[0].selected(axis: axis ?? 0, index: args["index"] as? Int ?? 0)
        case "concat": return try Tensor.concat(x, axis: axis ?? 0)
        case "stack": return try Tensor.stack(x, axis: axis ?? 0)
        case "sum": return try x[0].sum(axis: axis, keepDims: keep)
        case "mean": return try x[0].mean(axis: axis, keepDims: keep)
        case "max": return try x[0].max(axis: axis, keepDims: keep)
        case "min": return try x[0].min(axis: axis, keepDims: keep)
        case "argmax": return try x[0].argmax(axis: axis, keepDims: keep)
        case "var": return try x[0].variance(axis: axis, keepDims: keep, correction: args["correction"] as? Int ?? 0)
        case "softmax": return try x[0].softmax(axis: axis ?? -1)
        case "log_softmax": return try x[0].logSoftmax(axis: axis ?? -1)
        case "layer_norm": return try x[0].layerNorm(weight: x[1], bias: x[2])
        case "rms_norm": return try x[0].rmsNorm(weight: x[1])
        case "embedding": return try Tensor.embedding(x[0], x[1])
        case "gather": return try x[0].gatherLast(x[1])
        case "cross_entropy": return try x[0].crossEntropy(targets: x[1], ignoreIndex: args["ignore_index"] as? Int ?? -100)
        default: throw EngineError("fixture op \(op) has no runner")
        }
    }

    func testEveryOpMatchesNumpy() throws {
        let root = try Fixtures.ops()
        let cases = try XCTUnwrap(root["cases"] as? [[String: Any]])
        XCTAssertGreaterThan(cases.count, 45)
        let loose: Set<String> = ["matmul", "softmax", "log_softmax", "layer_norm", "rms_norm", "cross_entropy", "pow", "pow_number", "gelu", "var", "sum", "mean"]
        for c in cases {
            let name = c["name"] as? String ?? "?", op = c["op"] as? String ?? "?"
            let inputs = try (c["inputs"] as? [Any] ?? []).map(Fixtures.tensor)
            let expected = try Fixtures.tensor(c["expected"])
            let got = try run(op, inputs, c["args"] as? [String: Any] ?? [:])
            let tol: Float = loose.contains(op) ? 1e-4 : 1e-5
            XCTAssertEqual(got.shape, expected.shape, name)
            XCTAssert(got.isClose(to: expected, rtol: tol, atol: tol),
                      "\(name): max difference \(got.maxAbsDifference(expected) ?? .nan)")
        }
    }

    func testOptimizersMatchNumpy() throws {
        let root = try Fixtures.ops()
        let o = try XCTUnwrap(root["optimizers"] as? [String: Any])
        let p0 = try Fixtures.tensor(o["p0"])
        let grads = try (o["grads"] as? [Any] ?? []).map(Fixtures.tensor)
        func check(_ key: String, _ make: (Parameter, [String: Any]) throws -> Optimizer) throws {
            let spec = try XCTUnwrap(o[key] as? [String: Any])
            let p = Parameter(p0)
            let opt = try make(p, spec)
            for (i, expected) in try (spec["steps"] as? [Any] ?? []).map(Fixtures.tensor).enumerated() {
                p.grad = grads[i]
                try opt.step()
                XCTAssert(p.value.isClose(to: expected, rtol: 1e-5, atol: 1e-6), "\(key) step \(i + 1): \(p.value) vs \(expected)")
            }
        }
        func f(_ v: Any?) -> Float { Float(v as? Double ?? .nan) }
        func betas(_ v: Any?) -> (Float, Float) { let b = v as? [Double] ?? []; return (Float(b[0]), Float(b[1])) }
        try check("sgd") { p, s in try SGD(parameters: [p], learningRate: f(s["lr"]), momentum: f(s["momentum"]), weightDecay: f(s["weight_decay"])) }
        try check("adam") { p, s in try Adam(parameters: [p], learningRate: f(s["lr"]), betas: betas(s["betas"]), eps: f(s["eps"]), weightDecay: f(s["weight_decay"])) }
        try check("adamw") { p, s in try AdamW(parameters: [p], learningRate: f(s["lr"]), betas: betas(s["betas"]), eps: f(s["eps"]), weightDecay: f(s["weight_decay"])) }

        let clip = try XCTUnwrap(o["clip"] as? [String: Any])
        let params = try (clip["grads"] as? [Any] ?? []).map { g -> Parameter in
            let t = try Fixtures.tensor(g)
            let p = Parameter(try Tensor.zeros(t.shape)); p.grad = t; return p
        }
        let norm = try clipGradientNorm(params + [Parameter(Tensor(1))], maxNorm: f(clip["max_norm"]))
        XCTAssertEqual(norm, f(clip["norm"]), accuracy: 1e-5)
        for (p, e) in zip(params, try (clip["clipped"] as? [Any] ?? []).map(Fixtures.tensor)) {
            XCTAssert(try XCTUnwrap(p.grad).isClose(to: e, rtol: 1e-5, atol: 1e-6))
        }
    }

    func testScheduleAndRandomNumbersMatchReference() throws {
        let root = try Fixtures.ops()
        let s = try XCTUnwrap(root["schedule"] as? [String: Any])
        let schedule = try LearningRateSchedule.checkedCosine(
            peak: Float(s["peak"] as? Double ?? 0), warmupSteps: s["warmup"] as? Int ?? 0,
            totalSteps: s["total"] as? Int ?? 0, minimum: Float(s["minimum"] as? Double ?? 0))
        for pair in s["rates"] as? [[Double]] ?? [] {
            XCTAssertEqual(schedule.rate(at: Int(pair[0])), Float(pair[1]), accuracy: 1e-7, "step \(pair[0])")
        }
        XCTAssertEqual(LearningRateSchedule.constant(0.5).rate(at: 1000), 0.5)
        let r = try XCTUnwrap(root["random"] as? [String: [Double]])
        let normal = try Tensor.randn([10], seed: 7), uniform = try Tensor.rand([10], seed: 7)
        XCTAssert(normal.isClose(to: Tensor(r["randn_seed_7", default: []].map { Float($0) }), rtol: 1e-6, atol: 1e-6))
        XCTAssert(uniform.isClose(to: Tensor(r["rand_seed_7", default: []].map { Float($0) }), rtol: 1e-6, atol: 1e-7))
    }
}
