import XCTest
@testable import Engine

/// Creation, printing, copy-on-write, and the errors bad input must produce.
final class TensorBasicsTests: XCTestCase {
    func testCreation() throws {
        XCTAssertEqual(try Tensor.zeros([2, 2]).scalars, [0, 0, 0, 0])
        XCTAssertEqual(try Tensor.full([3], 7).scalars, [7, 7, 7])
        XCTAssertEqual(try Tensor.arange(0, 5).scalars, [0, 1, 2, 3, 4])
        XCTAssertEqual(try Tensor.arange(1, 2, step: 0.25).scalars, [1, 1.25, 1.5, 1.75])
        XCTAssertEqual(try Tensor.arange(5, 0, step: -2).scalars, [5, 3, 1])
        XCTAssertEqual(try Tensor.eye(2).scalars, [1, 0, 0, 1])
        let nested = try Tensor(nested: [[1, 2], [3, 4], [5, 6]] as [Any])
        XCTAssertEqual(nested.shape, [3, 2])
        XCTAssertEqual(try nested.scalar(at: [2, -1]), 6)
        XCTAssertEqual(try Tensor(nested: [] as [Any]).shape, [0])
        XCTAssertEqual(try Tensor(nested: 3.5).shape, [])
        XCTAssertEqual(try Tensor.randn([4], seed: 3), try Tensor.randn([4], seed: 3))
        XCTAssertNotEqual(try Tensor.randn([4], seed: 3), try Tensor.randn([4], seed: 4))
        let u = try Tensor.rand([1000], seed: 1, low: -2, high: 3)
        XCTAssert(u.scalars.allSatisfy { $0 >= -2 && $0 < 3 })
    }

    func testCopyOnWriteAndReshapeShareStorage() throws {
        let a = try Tensor([[1, 2], [3, 4]])
        var b = a
        b.scalars[0] = 9
        XCTAssertEqual(a.scalars[0], 1)
        let r = try a.reshaped([4])
        a.scalars.withUnsafeBufferPointer { pa in
            r.scalars.withUnsafeBufferPointer { pr in XCTAssertEqual(pa.baseAddress, pr.baseAddress) }
        }
    }

    func testPrintingLikeNumpy() throws {
        XCTAssertEqual(try Tensor([[1, 2], [3, 4]]).description, "[[1, 2],\n [3, 4]] shape [2, 2]")
        XCTAssertEqual(Tensor([0.5, -1.25, 3]).description, "[ 0.50, -1.25,  3.00] shape [3]")
        XCTAssertEqual(Tensor(2.5).description, "2.5 shape []")
        XCTAssertEqual(Tensor([1e-6, 1]).description, "[1.0000e-06, 1.0000e+00] shape [2]")
        XCTAssertEqual(try Tensor.zeros([2, 1, 2]).description, "[[[0, 0]],\n\n [[0, 0]]] shape [2, 1, 2]")
        let big = try Tensor.arange(0, 2000).reshaped([2, 1000])
        XCTAssertEqual(big.description, "[[   0,    1,    2, ...,  997,  998,  999],\n [1000, 1001, 1002, ..., 1997, 1998, 1999]] shape [2, 1000]")
        XCTAssertEqual(Tensor([Float.nan, .infinity]).description, "[nan, inf] shape [2]")
        XCTAssertEqual(Parameter(Tensor([1])).tensor.summary, "<tensor [1] tracked>")
    }

    func testApproximateEquality() throws {
        let a = Tensor([1, 2, 3])
        XCTAssert(a.isClose(to: Tensor([1, 2, 3.000001])))
        XCTAssertFalse(a.isClose(to: Tensor([1, 2, 3.1])))
        XCTAssertFalse(a.isClose(to: try Tensor([[1, 2, 3]])))
        XCTAssertEqual(a.maxAbsDifference(Tensor([1, 2.5, 3])), 0.5)
        XCTAssertNil(a.maxAbsDifference(Tensor([1])))
    }

    func testShapeMismatchesNameBothShapesAndTheOp() throws {
        let a = try Tensor.zeros([2, 3]), b = try Tensor.zeros([4, 5])
        assertEngineError("add: shapes [2, 3] and [4, 5] cannot be broadcast together") { try a + b }
        assertEngineError("matmul: shapes [2, 3] and [4, 5] do not match") { try a.matmul(b) }
        assertEngineError("where: shapes [2, 3] and [4, 5]") { try Tensor.where(a, a, b) }
        assertEngineError("concat: shapes [2, 3] and [4, 5] differ outside axis 0") { try Tensor.concat([a, b]) }
        assertEngineError("stack: shapes [2, 3] and [4, 5] differ") { try Tensor.stack([a, b]) }
        assertEngineError("reshape: cannot reshape tensor of shape [2, 3] (6 elements) into [4]") { try a.reshaped([4]) }
        assertEngineError("layer_norm: weight of shape [4] does not match input of shape [2, 3]") { try a.layerNorm(weight: try Tensor.ones([4])) }
        assertEngineError("cross_entropy: logits of shape [2, 3] need targets of shape [2], got [3]") {
            try a.crossEntropy(targets: Tensor([0, 1, 2]))
        }
        assertEngineError("tensor: shape [2, 2] needs 4 values, got 3") { try Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
        assertEngineError("assign: parameter has shape [2, 3], new value has shape [4, 5]") { try Parameter(a).assign(b) }
    }

    func testBadIndicesAndSizesThrow() throws {
        let a = try Tensor.zeros([2, 3])
        assertEngineError("index: 5 on axis 1 is out of range for size 3") { try a.selected(axis: 1, index: 5) }
        assertEngineError("index -3 on axis 0 is out of range for size 2") { try a.scalar(at: [-3, 0]) }
        assertEngineError("sum: axis 2 is out of range for a tensor of rank 2") { try a.sum(axis: 2) }
        assertEngineError("slice: step must be positive") { try a.sliced(axis: 0, step: 0) }
        assertEngineError("item: tensor of shape [2, 3] has 6 elements, not 1") { try a.item() }
                assertEngineError("zeros: negative size -1 in shape [2, -1]") { try Tensor.zeros([2, -1]) }
        assertEngineError("size 2.5 is not a non-negative integer") { try Shape.size(from: 2.5, op: "zeros") }
        assertEngineError("size -1 is not a non-negative integer") { try Shape.size(from: -1, op: "zeros") }
        assertEngineError("seed nan is not a non-negative integer") { try SeededRandom.seed(from: .nan) }
        assertEngineError("embedding: index 5 is out of range for size 4") { try Tensor.embedding(try Tensor.zeros([4, 2]), Tensor([5])) }
        assertEngineError("embedding: index 1.5 is not an integer") { try Tensor.embedding(try Tensor.zeros([4, 2]), Tensor([1.5])) }
        assertEngineError("gather: tensor of shape [2, 3] needs indices of shape [2], got [3]") { try a.gatherLast(Tensor([0, 1, 2])) }
        assertEngineError("gather: index -1 is out of range for size 3") { try a.gatherLast(Tensor([0, -1])) }
        assertEngineError("cross_entropy: index 3 is out of range for size 3") { try a.crossEntropy(targets: Tensor([0, 3])) }
        assertEngineError("tensor: nested lists are ragged at [1] (length 1, expected 2)") { try Tensor(nested: [[1, 2], [3]] as [Any]) }
        assertEngineError("tensor: element at [0] is String") { try Tensor(nested: ["x"] as [Any]) }
        assertEngineError("dropout: probability 1.5 is not in [0, 1]") { try a.dropout(p: 1.5, seed: 1) }
        assertEngineError("clip: min 2.0 is greater than max 1.0") { try a.clip(min: 2, max: 1) }
        assertEngineError("arange: start") { try Tensor.arange(0, 1, step: 0) }
    }

    func testAllocationLimitIsSettable() throws {
        assertEngineError("above the limit of 4294967296 bytes") { try Tensor.zeros([1 << 20, 1 << 20]) }
        assertEngineError("is too large") { try Tensor.zeros([1 << 40, 1 << 40]) }
        let saved = Shape.maxTensorBytes
        defer { Shape.maxTensorBytes = saved }
        Shape.maxTensorBytes = 1024
        assertEngineError("randn: shape [16, 17] needs 272 elements, above the limit of 1024 bytes") { try Tensor.randn([16, 17], seed: 1) }
        assertEngineError("matmul: shape [40, 40]") { try Tensor.zeros([40, 1]).matmul(try Tensor.zeros([1, 40])) }
        XCTAssertEqual(try Tensor.zeros([16, 16]).count, 256)
    }

    func testReductionsAndComparisonsOnSmallValues() throws {
        let a = try Tensor([[1, 5, 3], [4, 2, 6]])
        XCTAssertEqual(try a.argmax(axis: 1).scalars, [1, 2])
        XCTAssertEqual(try a.argmin().scalars, [0])
        XCTAssertEqual(try a.max(axis: 0, keepDims: true).shape, [1, 3])
        XCTAssertEqual(try a.greater(Tensor(3)).scalars, [0, 1, 0, 1, 0, 1])
        XCTAssertEqual(try a.notEqual(Tensor([1, 2, 3])).scalars, [0, 1, 0, 1, 0, 1])
        XCTAssertEqual(try a.lessEqual(Tensor(2)).scalars, [1, 0, 0, 0, 1, 0])
        XCTAssertEqual(try a.sum(axis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(try a.dropout(p: 0.5, seed: 3, training: false), a)
        let d = try Tensor.ones([10000]).dropout(p: 0.25, seed: 9)
        let kept = d.scalars.filter { $0 != 0 }
        XCTAssert(kept.allSatisfy { Swift.abs($0 - 4 / 3) < 1e-6 })
        XCTAssertEqual(Double(kept.count) / 10000, 0.75, accuracy: 0.02)
        XCTAssertEqual(d, try Tensor.ones([10000]).dropout(p: 0.25, seed: 9))
    }
}
