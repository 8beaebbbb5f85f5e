import Foundation

/// Printing like numpy: nested brackets with aligned values, then the shape; tensors of more than
/// `summarizeAbove` elements show the first and last three entries of each long axis around "...".
///
///     [[ 1, 2.5],
///      [-3,   4]] shape [2, 2]
extension Tensor: CustomStringConvertible {
    /// Element count above which printing abbreviates (numpy's default threshold).
    nonisolated(unsafe) public static var summarizeAbove = 1000

    public var description: String { "\(formattedValues()) shape \(shape)" }

    /// A one-line summary: `<tensor [2, 2]>`.
    public var summary: String { "<tensor \(shape)\(isTracked ? " tracked" : "")>" }

    /// Just the bracketed values, without the shape.
    public func formattedValues() -> String {
        // No elements: numpy prints "[]" whatever the shape, which may be [0, 1e12] or [1e12, 0].
        if count == 0 && rank > 0 { return "[]" }
        let abbreviate = count > Tensor.summarizeAbove
        let edge = 3
        // Which indices of each axis are shown (nil stands for "...").
        let shownPerAxis: [[Int?]] = shape.map { n in
            abbreviate && n > 2 * edge ? Array(0..<edge) + [nil] + Array((n - edge)..<n) : Array(0..<n)
        }
        // Collect the shown values to choose one format for all of them.
        var shownValues: [Float] = []
        let strides = Shape.strides(shape)
        func collect(_ axis: Int, _ offset: Int) {
            if axis == rank { shownValues.append(scalars[offset]); return }
            for i in shownPerAxis[axis] { if let i { collect(axis + 1, offset + i * strides[axis]) } }
        }
        if count > 0 { collect(0, 0) }
        let format = ValueFormat(shownValues)
        let width = shownValues.map { format.string($0).count }.max() ?? 1

        func render(_ axis: Int, _ offset: Int, indent: Int) -> String {
            if axis == rank {
                let s = format.string(scalars[offset])
                return String(repeating: " ", count: Swift.max(0, width - s.count)) + s
            }
            let parts = shownPerAxis[axis].map { i -> String in
                guard let i else { return "..." }
                return render(axis + 1, offset + i * strides[axis], indent: indent + 1)
            }
            let lastAxis = axis == rank - 1
            let newlines = lastAxis ? "" : String(repeating: "\n", count: rank - axis - 1)
            let separator = lastAxis ? ", " : "," + newlines + String(repeating: " ", count: indent + 1)
            return "[" + parts.joined(separator: separator) + "]"
        }
        if rank == 0 { return format.string(scalars.first ?? 0) }
        return render(0, 0, indent: 0)
    }
}

/// One number format for all printed values: integers when all are integral, otherwise fixed-point
/// with up to 4 decimals, or scientific when magnitudes are very large or very small.
private struct ValueFormat {
    enum Style { case integer, fixed(Int), scientific }
    let style: Style

    init(_ values: [Float]) {
        let finite = values.filter { $0.isFinite }
        let maxAbs = finite.map { Swift.abs($0) }.max() ?? 0
        let minNonZero = finite.filter { $0 != 0 }.map { Swift.abs($0) }.min() ?? 1
        if finite.allSatisfy({ $0 == $0.rounded() }) && maxAbs < 1e9 {
            style = .integer
        } else if maxAbs >= 1e8 || minNonZero < 1e-4 {
            style = .scientific
        } else {
            // Fewest decimals (up to 4) that show every value as it would print with 4.
            var decimals = 1
            for v in finite {
                var s = String(format: "%.4f", v)
                while s.hasSuffix("0") { s.removeLast() }
                let d = s.firstIndex(of: ".").map { s.distance(from: $0, to: s.endIndex) - 1 } ?? 0
                decimals = Swift.max(decimals, d)
            }
            style = .fixed(decimals)
        }
    }

    func string(_ v: Float) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        switch style {
        case .integer: return String(Int64(v))
        case .fixed(let d): return String(format: "%.\(d)f", v)
        case .scientific: return String(format: "%.4e", v)
        }
    }
}
