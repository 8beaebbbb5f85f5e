import Foundation

/// JSON Lines with Foundation: one JSON object per non-blank line; a line that is not an object is
/// an error naming the file and line.
enum JSONLines {
    static func objects(text: String, file: String) throws -> [(line: Int, object: [String: Any])] {
        var out: [(Int, [String: Any])] = []
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let parsed: Any
            do {
                parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
            } catch {
                throw DataError.at(file, line: i + 1, "not valid JSON")
            }
            guard let object = parsed as? [String: Any] else {
                throw DataError.at(file, line: i + 1, "expected a JSON object")
            }
            out.append((i + 1, object))
        }
        return out
    }
}
