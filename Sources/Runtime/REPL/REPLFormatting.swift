#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Small text and time helpers for the REPL's own output (`:time`, `:help`, `:who`).

/// Wall-clock time that never goes backwards, for `:time`.
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}

/// A duration with a unit that keeps three or four significant digits: `412 µs`, `12.3 ms`, `2.51 s`.
func formatDuration(nanoseconds: UInt64) -> String {
    let seconds = Double(nanoseconds) / 1e9
    func digits(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }  // value is a small, finite duration
        let scaled = value >= 10 ? (value * 10).rounded() / 10 : (value * 100).rounded() / 100
        return String(scaled)
    }
    if seconds >= 1 { return digits(seconds) + " s" }
    if seconds >= 1e-3 { return digits(seconds * 1e3) + " ms" }
    return digits(seconds * 1e6) + " µs"
}

/// Words joined with spaces into lines no wider than `width`. The first line starts with `indent`,
/// later ones with `continuationIndent` (the same by default).
func wrapWords(_ words: [String], width: Int, indent: String, continuationIndent: String? = nil) -> String {
    var text = ""
    var lineIndent = indent
    var line = indent
    for word in words {
        if line.count > lineIndent.count && line.count + 1 + word.count > width {
            text += line + "\n"
            lineIndent = continuationIndent ?? indent
            line = lineIndent
        }
        line += (line.count > lineIndent.count ? " " : "") + word
    }
    if line.count > lineIndent.count { text += line + "\n" }
    return text
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
