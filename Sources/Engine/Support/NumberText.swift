/// A number as Spar prints it, the one formatter for values and messages alike: integral values
/// without ".0" ("2", and "0" for -0), others in Swift's shortest form that reads back exactly
/// ("0.25", "1e-07"), and "nan", "inf", "-inf".
@inlinable
public func numberText(_ d: Double) -> String {
    if d == d.rounded(.towardZero) && Swift.abs(d) < 1e16 {
        if d == 0 { return "0" }  // also for -0
        return String(Int64(d))
    }
    return d.description
}
