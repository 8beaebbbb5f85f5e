import CKernels
import Foundation
import XCTest
@testable import Engine

/// Quantized formats and kernels: Swift reference dequantizers against the `gguf` package's
/// (fixture), the C dequantizer and every instruction-set level of the C dot kernels against the
/// Swift reference, both Linear paths against Float32 products, and quantize round trips.
final class QuantKernelTests: XCTestCase {
    static let quantized: [GGMLType] = [.q8_0, .q4_0, .q4_1, .q4_K, .q6_K]

    override func tearDown() { _ = spar_quant_set_isa(spar_quant_best_isa()) }

    func hexBytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = [], chars = Array(s.utf8), i = 0
        func v(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : c - 87 }
        while i + 1 < chars.count { out.append(v(chars[i]) << 4 | v(chars[i + 1])); i += 2 }
        return out
    }

    func testSwiftDequantizerMatchesGGUFPackage() throws {
        let data = try Data(contentsOf: Fixtures.folder.appendingPathComponent("quant_blocks.json"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        for type in GGMLType.allCases where type != .f32 {
            let entry = try XCTUnwrap(root[type.name], type.name)
            let bytes = hexBytes(try XCTUnwrap(entry["bytes"] as? String))
            let expected = try XCTUnwrap(entry["values"] as? [Double]).map(Float.init)
            let got = bytes.withUnsafeBytes { Dequantize.values(type, $0.baseAddress!, count: expected.count) }
            XCTAssertEqual(got, expected, type.name)
            // The C dequantizer gives the same floats.
            var c = [Float](repeating: .nan, count: expected.count)
            bytes.withUnsafeBytes { src in c.withUnsafeMutableBufferPointer { spar_dequantize_row(Int32(type.rawValue), src.baseAddress!, $0.baseAddress!, expected.count) } }
            XCTAssertEqual(c, expected, "C \(type.name)")
        }
    }

    /// Random values with a spread of magnitudes, so blocks differ in scale.
    func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededRandom(seed: seed)
        return (0..<n).map { i in Float(rng.nextGaussian()) * (0.2 + Float((i / 32) % 5)) }
    }

    func testRoundTripsStayWithinEachFormatsError() throws {
        // RMS error over RMS value for Gaussian data; F32 is exact.
        let bounds: [GGMLType: Float] = [.f32: 0, .f16: 1e-3, .bf16: 5e-3, .q8_0: 0.01, .q4_0: 0.12, .q4_1: 0.1,
                                         .q4_K: 0.12, .q6_K: 0.03]
        let x = values(1024, seed: 7)
        for type in GGMLType.allCases {
            let bytes = try Quantize.bytes(type, x)
            XCTAssertEqual(bytes.count, type.rowBytes(1024))
            let y = bytes.withUnsafeBytes { Dequantize.values(type, $0.baseAddress!, count: 1024) }
            let err = zip(x, y).map { ($0 - $1) * ($0 - $1) }.reduce(0, +), norm = x.map { $0 * $0 }.reduce(0, +)
            let rel = (err / norm).squareRoot()
            XCTAssertLessThanOrEqual(rel, try XCTUnwrap(bounds[type]), "\(type.name): relative RMS error \(rel)")
            if type.isQuantized { XCTAssertGreaterThan(rel, 0, type.name) }
        }
        // Edge cases: an all-zero block dequantizes to zeros, a constant block stays close.
        for type in GGMLType.allCases {
            let z = try Quantize.bytes(type, [Float](repeating: 0, count: 256))
            XCTAssertEqual(z.withUnsafeBytes { Dequantize.values(type, $0.baseAddress!, count: 256) }, [Float](repeating: 0, count: 256), type.name)
        }
        XCTAssertThrowsError(try Quantize.bytes(.q4_K, [Float](repeating: 1, count: 100)))
    }

    /// Random block bytes for the kernels: mostly quantizer output, plus raw random bytes with sane
    /// half scales (every bit field set).
    func randomRows(_ type: GGMLType, rows: Int, k: Int, seed: UInt64) throws -> [UInt8] {
        if seed % 2 == 0 || !type.isQuantized { return try Quantize.bytes(type, values(rows * k, seed: seed)) }
        var rng = SeededRandom(seed: seed)
        var bytes = (0..<(rows * (type.rowBytes(k) ?? 0))).map { _ in UInt8(rng.nextInt(below: 256)) }
        let halves: [Int] = [.q8_0: [0], .q4_0: [0], .q4_1: [0, 2], .q4_K: [0, 2], .q6_K: [208]][type] ?? []
        for b in stride(from: 0, to: bytes.count, by: type.blockBytes) {
            for off in halves {
                let h = Float16Bits.from(Float(rng.nextDouble() * 0.1 - 0.05))
                bytes[b + off] = UInt8(h & 0xFF); bytes[b + off + 1] = UInt8(h >> 8)
            }
        }
        return bytes
    }

    func quantizeActivations(_ x: [Float], m: Int, k: Int) -> [spar_q8_block] {
        var out = [spar_q8_block](repeating: spar_q8_block(), count: m * k / 32)
        x.withUnsafeBufferPointer { xb in out.withUnsafeMutableBufferPointer { ob in
            for i in 0..<m { spar_quantize_q8(xb.baseAddress! + i * k, ob.baseAddress! + i * k / 32, k) }
        } }
        return out
    }

    func testActivationQuantizerIsWithinHalfAStep() {
        let k = 96, x = values(k, seed: 3)
        let q = quantizeActivations(x, m: 1, k: k)
        for b in 0..<(k / 32) {
            let block = q[b]
            let qs = withUnsafeBytes(of: block.q) { Array($0.bindMemory(to: Int8.self)) }
            let amax = x[(32 * b)..<(32 * b + 32)].map(abs).max() ?? 0
            XCTAssertEqual(block.d, amax / 127, accuracy: 1e-7)
            XCTAssertEqual(Int(block.s.0), qs[0..<16].reduce(0) { $0 + Int($1) })
            XCTAssertEqual(Int(block.s.1), qs[16..<32].reduce(0) { $0 + Int($1) })
            for i in 0..<32 { XCTAssertLessThanOrEqual(abs(x[32 * b + i] - block.d * Float(qs[i])), block.d * 0.5 + 1e-6) }
        }
    }

    /// Every level of the dot kernels, for every quantized type, odd row counts (37 weight rows,
    /// 1 to 9 activation rows, so the groups of four have tails), both store modes: equal to the
    /// dequantized weights times the quantized activations, summed in Double.
    func testDotKernelsAtEveryLevelMatchDequantizedProducts() throws {
        let best = Int(spar_quant_best_isa())
        for level in 0...best {
            XCTAssertEqual(Int(spar_quant_set_isa(Int32(level))), level)
            for type in Self.quantized {
                for (k, seed) in [(512, UInt64(2)), (768, 3)] where k % type.blockSize == 0 {
                    let n = 37
                    let w = try randomRows(type, rows: n, k: k, seed: seed + UInt64(type.rawValue))
                    let deq = w.withUnsafeBytes { Dequantize.values(type, $0.baseAddress!, count: n * k) }
                    for m in [1, 3, 4, 5, 9] {
                        let x = values(m * k, seed: 100 + UInt64(m))
                        let xq = quantizeActivations(x, m: m, k: k)
                        var y = [Float](repeating: 1, count: m * n)
                        for accumulate in [false, true] {
                            w.withUnsafeBytes { wb in xq.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { yb in
                                // Rows in two ranges, as the workers split them.
                                spar_qmatmul(Int32(type.rawValue), wb.baseAddress!, type.rowBytes(k)!, 0, 20, k, xb.baseAddress!, m, yb.baseAddress!, n, accumulate ? 1 : 0)
                                spar_qmatmul(Int32(type.rawValue), wb.baseAddress!, type.rowBytes(k)!, 20, n, k, xb.baseAddress!, m, yb.baseAddress!, n, accumulate ? 1 : 0)
                            } } }
                            for i in 0..<m {
                                let blocks = Array(xq[(i * k / 32)..<((i + 1) * k / 32)])
                                for r in 0..<n {
                                    var ref = 0.0, scale = 0.0
                                    for (b, blk) in blocks.enumerated() {
                                        let qs = withUnsafeBytes(of: blk.q) { Array($0.bindMemory(to: Int8.self)) }
                                        for j in 0..<32 {
                                            let t = Double(deq[r * k + 32 * b + j]) * Double(blk.d) * Double(qs[j])
                                            ref += t; scale += abs(t)
                                        }
                                    }
                                    let expected = accumulate ? ref * 2 : ref  // y held the first result
                                    XCTAssertEqual(Double(y[i * n + r]), expected, accuracy: 2e-5 * scale + 1e-6,
                                                   "level \(level) \(type.name) k \(k) m \(m) row \(r) accumulate \(accumulate)")
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The Float32-activation kernel for every type, odd row counts and 1 to 9 activation rows,
    /// both store modes: the Float32 product with the dequantized rows, summed in Double.
    func testFloat32ActivationKernelMatchesDequantizedProducts() throws {
        for type in GGMLType.allCases {
            let k = 512, n = 37
            let w = try randomRows(type, rows: n, k: k, seed: 40 + UInt64(type.rawValue))
            let deq = w.withUnsafeBytes { Dequantize.values(type, $0.baseAddress!, count: n * k) }
            for m in [1, 3, 4, 5, 9] {
                let x = values(m * k, seed: 200 + UInt64(m))
                var y = [Float](repeating: 1, count: m * n), scratch = [Float](repeating: 0, count: k)
                for accumulate in [false, true] {
                    w.withUnsafeBytes { wb in x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { yb in scratch.withUnsafeMutableBufferPointer { sb in
                        for (lo, hi) in [(0, 20), (20, n)] {
                            spar_qmatmul_f32(Int32(type.rawValue), wb.baseAddress!, type.rowBytes(k)!, lo, hi, k, xb.baseAddress!, m,
                                             yb.baseAddress!, n, accumulate ? 1 : 0, sb.baseAddress!)
                        }
                    } } } }
                    for i in 0..<m {
                        for r in 0..<n {
                            var ref = 0.0, scale = 0.0
                            for j in 0..<k { let t = Double(deq[r * k + j]) * Double(x[i * k + j]); ref += t; scale += abs(t) }
                            XCTAssertEqual(Double(y[i * n + r]), accumulate ? 2 * ref : ref, accuracy: 1e-5 * scale + 1e-6,
                                           "\(type.name) m \(m) row \(r) accumulate \(accumulate)")
                        }
                    }
                }
            }
        }
    }

    /// Linear.forward on a quantized matrix, through the dot kernels (Float32 and 8-bit activations)
    /// and the Float32 tile path, against sgemm with the dequantized matrix.
    func testLinearPathsAgreeWithFloat32Products() throws {
        let k = 256, n = 45
        defer { Linear.eightBitActivations = false }
        for eightBit in [false, true] {
            Linear.eightBitActivations = eightBit
            for type in GGMLType.allCases where type != .f32 {
                let bytes = try randomRows(type, rows: n, k: k, seed: 10 + UInt64(type.rawValue) * 2)
                let q = try QuantizedMatrix(type: type, rows: n, cols: k, bytes: bytes)
                var deq = q.dequantized()
                for m in [1, 7, 40, 100] {
                    var x = values(m * k, seed: UInt64(m))
                    var want = [Float](repeating: 0, count: m * n), got = want
                    x.withUnsafeMutableBufferPointer { xb in deq.withUnsafeMutableBufferPointer { wb in
                        want.withUnsafeMutableBufferPointer { Linear.forward($0.baseAddress!, xb.baseAddress!, wb.baseAddress!, m: m, n: n, k: k) }
                        got.withUnsafeMutableBufferPointer { Linear.forward($0.baseAddress!, xb.baseAddress!, .quantized(q), m: m, n: n, k: k) }
                    } }
                    let scale = want.map(abs).max() ?? 1
                    let rounded = eightBit && type.isQuantized && m <= Linear.quantizedDotMaxRows
                    // 8-bit activations carry their rounding (about 0.4% of each term); the Float32
                    // paths are exact up to summation order.
                    let tolerance = rounded ? 0.02 * scale : 1e-5 * scale
                    for i in 0..<(m * n) { XCTAssertEqual(got[i], want[i], accuracy: tolerance, "\(type.name) m \(m) 8-bit \(rounded) at \(i)") }
                }
            }
        }
    }
}
