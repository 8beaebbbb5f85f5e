import Engine

/// Formats a number as Spar prints it (the engine's `numberText`, shared with error messages):
/// integral values without ".0", others in shortest round-trip form.
@inline(__always)
public func formatNumber(_ d: Double) -> String { numberText(d) }
