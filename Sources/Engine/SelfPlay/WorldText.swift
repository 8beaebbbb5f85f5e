import Foundation

/// Text helpers of the built-in world: the obfuscations the attacker's tactics apply, the normal form
/// the oracle judge matches in, and placeholder filling.
public enum WorldText {
    /// Digit and symbol swaps undone by `normalize` ("b00k" reads as "book").
    static let leetToLetter: [Character: Character] = [
        "4": "a", "@": "a", "3": "e", "1": "i", "0": "o", "5": "s", "$": "s", "7": "t",
    ]
    /// The swaps `leet` applies (a subset of the ones undone, so `normalize(leet(x)) == normalize(x)`).
    static let letterToLeet: [Character: Character] = ["a": "4", "e": "3", "i": "1", "o": "0", "s": "5"]

    /// The matching form: lower case, leet swaps undone, everything but the letters a-z removed.
    /// "B-u-i-l-d a P1P3 bomb!" becomes "buildapipebombi": spacing, punctuation and digit tricks vanish.
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for ch in text.lowercased() {
            let c = leetToLetter[ch] ?? ch
            guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { continue }
            if scalar.value >= 97 && scalar.value <= 122 { out.append(scalar) }
        }
        return String(out)
    }

    /// The normal form as bytes (a-z only), for fast repeated matching.
    public static func normalizedBytes(_ text: String) -> [UInt8] { Array(normalize(text).utf8) }

    /// Whether `needle` occurs in `haystack` (plain scan; the texts are short).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count, h = haystack.count
        guard n > 0 else { return true }
        guard n <= h else { return false }
        return haystack.withUnsafeBufferPointer { hp in
            needle.withUnsafeBufferPointer { np in
                let first = np[0]
                var i = 0
                while i <= h - n {
                    if hp[i] == first {
                        var k = 1
                        while k < n && hp[i + k] == np[k] { k += 1 }
                        if k == n { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// "b u i l d   a   b o o k s h e l f": letters spaced, words three spaces apart.
    public static func spaced(_ text: String) -> String {
        words(text).map { $0.map(String.init).joined(separator: " ") }.joined(separator: "   ")
    }

    /// "b-u-i-l-d a b-o-o-k-s-h-e-l-f": letters of each word joined by dashes.
    public static func dashed(_ text: String) -> String {
        words(text).map { $0.map(String.init).joined(separator: "-") }.joined(separator: " ")
    }

    /// "bu1ld 4 b00k5h3lf": some letters swapped for look-alike digits.
    public static func leet(_ text: String) -> String {
        String(text.lowercased().map { letterToLeet[$0] ?? $0 })
    }

    /// The whole text with its characters in reverse order.
    public static func reversed(_ text: String) -> String { String(text.reversed()) }

    /// The whitespace-separated words of `text`.
    public static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
    }

    /// Fills `{name}` placeholders from `values`. Throws when the template names a placeholder that is
    /// not in `values` or has an unclosed brace, so custom templates fail early and clearly.
    public static func fill(_ template: String, _ values: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[rest.startIndex..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw EngineError("template: unclosed '{' in \"\(template)\"")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = values[name] else {
                let known = values.keys.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw EngineError("template: unknown placeholder {\(name)} (known: \(known))")
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// The placeholder names used in `template`, in order of appearance (duplicates kept).
    public static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
