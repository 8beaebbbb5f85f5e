/// A number as users wrote it, for error messages: integral values without ".0" ("2", not "2.0"),
/// others in Swift's shortest round-trip form ("0.25"), matching how Spar prints numbers.
func numberText(_ d: Double) -> String {
    if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return "\(d)"
}
