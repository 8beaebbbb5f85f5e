import Foundation

/// Methods of strings. Strings are immutable values; every method returns a new value.
enum StringMethods {
    static func text(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return ""
    }

    static let table: [String: MethodEntry] = [
        "split": MethodEntry(help: "s.split(sep): a list of the parts between occurrences of sep; without sep splits on whitespace") { _, recv, args in
            try args.expect(0, 1)
            let s = text(recv)
            if args.positional.isEmpty {
                return .list(s.split(whereSeparator: { $0.isWhitespace }).map { .string(String($0)) })
            }
            let sep = try args.string(0)
            guard !sep.isEmpty else { throw ScriptError("split separator must not be empty") }
            return .list(s.components(separatedBy: sep).map { .string($0) })
        },
        "join": MethodEntry(help: "sep.join(xs): the elements of xs as text, separated by sep") { _, recv, args in
            try args.expect(1)
            let l = try args.list(0)
            return .string(l.items.map(\.str).joined(separator: text(recv)))
        },
        "replace": MethodEntry(help: "s.replace(old, new): s with every occurrence of old replaced by new") { _, recv, args in
            try args.expect(2)
            let old = try args.string(0)
            guard !old.isEmpty else { throw ScriptError("replace: the text to replace must not be empty") }
            return .string(text(recv).replacingOccurrences(of: old, with: try args.string(1)))
        },
        "trim": MethodEntry(help: "s.trim(): s without leading and trailing whitespace") { _, recv, args in
            try args.expect(0)
            return .string(text(recv).trimmingCharacters(in: .whitespacesAndNewlines))
        },
        "upper": MethodEntry(help: "s.upper(): s in upper case") { _, recv, args in
            try args.expect(0)
            return .string(text(recv).uppercased())
        },
        "lower": MethodEntry(help: "s.lower(): s in lower case") { _, recv, args in
            try args.expect(0)
            return .string(text(recv).lowercased())
        },
        "contains": MethodEntry(help: "s.contains(t): true when t occurs in s") { _, recv, args in
            try args.expect(1)
            let t = try args.string(0)
            return .bool(t.isEmpty || text(recv).contains(t))
        },
        "starts_with": MethodEntry(help: "s.starts_with(t): true when s begins with t") { _, recv, args in
            try args.expect(1)
            return .bool(text(recv).hasPrefix(try args.string(0)))
        },
        "ends_with": MethodEntry(help: "s.ends_with(t): true when s ends with t") { _, recv, args in
            try args.expect(1)
            return .bool(text(recv).hasSuffix(try args.string(0)))
        },
        "format": MethodEntry(help: "s.format(r): s with each {name} replaced by r.name (a record); {{ and }} are literal braces") { _, recv, args in
            try args.expect(1)
            guard case .record(let r) = args.positional[0] else {
                throw ScriptError("format needs a record, not \(args.positional[0].typeName)")
            }
            return .string(try format(text(recv), r))
        },
        "chars": MethodEntry(help: "s.chars(): a list of the characters of s") { _, recv, args in
            try args.expect(0)
            return .list(text(recv).map { .string(String($0)) })
        },
        "find": MethodEntry(help: "s.find(t): the character index of the first t in s, or nil") { _, recv, args in
            try args.expect(1)
            let s = text(recv), t = try args.string(0)
            guard let range = s.range(of: t) else { return .null }
            return .number(Double(s.distance(from: s.startIndex, to: range.lowerBound)))
        },
    ]

    static func format(_ template: String, _ r: RecordObject) throws -> String {
        var out = ""
        var chars = template.makeIterator()
        while let c = chars.next() {
            if c == "}" {
                guard chars.next() == "}" else { throw ScriptError("format: single '}' in template; write '}}'") }
                out.append("}")
                continue
            }
            guard c == "{" else { out.append(c); continue }
            var name = ""
            var closed = false
            while let d = chars.next() {
                if d == "{" && name.isEmpty { out.append("{"); closed = true; name = "\u{0}"; break }
                if d == "}" { closed = true; break }
                name.append(d)
            }
            if name == "\u{0}" { continue }
            guard closed else { throw ScriptError("format: '{' without a closing '}'") }
            guard let v = r[name] else { throw ScriptError("format: the record has no field '\(name)'") }
            out += v.str
        }
        return out
    }
}
