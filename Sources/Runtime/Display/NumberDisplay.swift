import Foundation

/// Numbers as tables, axes and progress lines show them: integers plain (`12`, `-3`), others to
/// about four significant digits (`0.1235`, `12.35`, `1235`), very small or large ones in
/// scientific form (`1.235e-05`, `1.2e+17`). Not for values that must read back exactly (that is
/// `formatNumber`).
public func displayNumber(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == d.rounded(.towardZero) && abs(d) < 1e15 { return formatNumber(d) }
    let magnitude = abs(d)
    if magnitude >= 1e15 || magnitude < 1e-4 { return String(format: "%.4g", d) }
    if magnitude >= 1000 { return formatNumber(d.rounded()) }
    return String(format: "%.4g", d)
}
