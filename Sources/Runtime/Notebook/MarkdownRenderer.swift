/// Renders the small, safe subset of Markdown that notebook prose uses into HTML (well-formed XML):
/// headings (`#`..`######`), paragraphs, bullet (`-` `*` `+`) and numbered (`1.`) lists, fenced
/// code blocks (```), block quotes (`>`), and inline `code`, *emphasis*, **strong** and
/// [links](https://example.org).
///
/// Safe means: all text is escaped, no raw HTML passes through, and links keep only http(s),
/// mailto, in-page (#...) and relative targets, so a report cannot run script or load anything.
public enum MarkdownRenderer {
    public static func html(_ markdown: String) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var quote: [String] = []
        var index = 0

        func flushParagraph() {
            if !paragraph.isEmpty { out += "<p>" + inline(paragraph.joined(separator: "\n")) + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            guard let l = list else { return }
            let tag = l.ordered ? "ol" : "ul"
            out += "<\(tag)>\n" + l.items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</\(tag)>\n"
            list = nil
        }
        func flushQuote() {
            if !quote.isEmpty { out += "<blockquote>\n" + html(quote.joined(separator: "\n")) + "</blockquote>\n" }
            quote = []
        }
        func flushAll() { flushParagraph(); flushList(); flushQuote() }

        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces()
            index += 1
            if trimmed.hasPrefix("```") {
                flushAll()
                var code: [String] = []
                while index < lines.count && !lines[index].trimmingSpaces().hasPrefix("```") {
                    code.append(lines[index])
                    index += 1
                }
                index += 1  // the closing fence (or the end)
                out += "<pre><code>" + xmlEscape(code.joined(separator: "\n")) + "</code></pre>\n"
            } else if trimmed.isEmpty {
                flushAll()
            } else if trimmed.hasPrefix(">") {
                flushParagraph(); flushList()
                let rest = trimmed.dropFirst()
                quote.append(String(rest.hasPrefix(" ") ? rest.dropFirst() : rest))
            } else if let (level, text) = heading(trimmed) {
                flushAll()
                out += "<h\(level)>" + inline(text) + "</h\(level)>\n"
            } else if let (ordered, text) = listItem(trimmed) {
                flushParagraph(); flushQuote()
                if let l = list, l.ordered != ordered { flushList() }
                if list == nil { list = (ordered, []) }
                list?.items.append(text)
            } else if list != nil && (line.hasPrefix("  ") || line.hasPrefix("\t")) {
                // An indented line continues the last list item.
                if let last = list?.items.popLast() { list?.items.append(last + "\n" + trimmed) }
            } else {
                flushList(); flushQuote()
                paragraph.append(trimmed)
            }
        }
        flushAll()
        return out
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (hashes, String(rest).trimmingSpaces())
    }

    private static func listItem(_ line: String) -> (Bool, String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)).trimmingSpaces())
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return (true, String(rest.dropFirst(2)).trimmingSpaces())
    }

    /// Inline markup of one block's text.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, "\\`*_[]()#+-.!>".contains(chars[i + 1]) {
                out += xmlEscape(String(chars[i + 1]))
                i += 2
                continue
            }
            if c == "`", let close = find("`", in: chars, from: i + 1) {
                out += "<code>" + xmlEscape(String(chars[(i + 1)..<close])) + "</code>"
                i = close + 1
                continue
            }
            if c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                let width = double ? 2 : 1
                let leftOK = c == "*" || i == 0 || !isWordChar(chars[i - 1])
                if leftOK, i + width < chars.count, chars[i + width] != " ",
                   let close = findDelimiter(c, width: width, in: chars, from: i + width),
                   c == "*" || close + width >= chars.count || !isWordChar(chars[close + width]) {
                    let tag = double ? "strong" : "em"
                    out += "<\(tag)>" + inline(String(chars[(i + width)..<close])) + "</\(tag)>"
                    i = close + width
                    continue
                }
            }
            if c == "[", let closeText = find("]", in: chars, from: i + 1),
               closeText + 1 < chars.count, chars[closeText + 1] == "(",
               let closeURL = closingParenthesis(in: chars, from: closeText + 2) {
                let label = String(chars[(i + 1)..<closeText])
                let target = String(chars[(closeText + 2)..<closeURL]).trimmingSpaces()
                if isSafeLink(target) {
                    out += "<a href=\"\(xmlEscape(target))\">" + inline(label) + "</a>"
                } else {
                    out += inline(label)
                }
                i = closeURL + 1
                continue
            }
            out += xmlEscape(String(c))
            i += 1
        }
        return out
    }

    /// The `)` that closes a link target, allowing balanced parentheses inside it.
    private static func closingParenthesis(in chars: [Character], from start: Int) -> Int? {
        var depth = 0
        var j = start
        while j < chars.count {
            if chars[j] == "(" { depth += 1 }
            if chars[j] == ")" {
                if depth == 0 { return j }
                depth -= 1
            }
            j += 1
        }
        return nil
    }

    private static func find(_ c: Character, in chars: [Character], from start: Int) -> Int? {
        var j = start
        while j < chars.count {
            if chars[j] == c { return j }
            j += 1
        }
        return nil
    }

    /// The start of a closing run of `width` delimiters that follows a non-space character.
    private static func findDelimiter(_ c: Character, width: Int, in chars: [Character], from start: Int) -> Int? {
        var j = start + 1
        while j + width <= chars.count {
            if chars[j - 1] != " " && chars[j..<(j + width)].allSatisfy({ $0 == c })
                && (width == 2 || j + 1 >= chars.count || chars[j + 1] != c) {
                return j
            }
            j += 1
        }
        return nil
    }

    /// http(s), mailto, in-page anchors and relative paths; nothing with another scheme, and no
    /// protocol-relative `//host/...` (browsers read `/\host` and `\host` the same way), which
    /// would load from any server.
    static func isSafeLink(_ target: String) -> Bool {
        let lower = target.lowercased()
        if lower.hasPrefix("//") || lower.hasPrefix("/\\") || lower.hasPrefix("\\") { return false }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") || lower.hasPrefix("#") {
            return true
        }
        guard !target.isEmpty else { return false }
        // A relative path: no scheme (no ':' before the first '/', '?' or '#').
        let head = target.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !head.contains(":") && !target.contains(where: { $0.isWhitespace })
    }
}
