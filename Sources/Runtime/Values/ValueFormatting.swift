/// Formats a number as Spar prints it: integral values without ".0", others in shortest round-trip form.
public func formatNumber(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == d.rounded(.towardZero) && abs(d) < 1e16 {
        if d == 0 { return "0" }  // also for -0
        return String(Int64(d))
    }
    return d.description
}
