import Lang

/// What the REPL asks a session about: completions, `:who`, `:help`.
extension Session {
    /// Completion candidates (whole words, sorted) for the word ending at `cursor` (a character
    /// offset) in `line`: global names and keywords, or members after `name.` when `name` is a global.
    public func completions(line: String, cursor: Int) -> [String] {
        let chars = Array(line.prefix(max(0, cursor)))
        func isWordChar(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }
        var start = chars.count
        while start > 0 && isWordChar(chars[start - 1]) { start -= 1 }
        let prefix = String(chars[start...])
        var candidates: [String] = []
        if start > 0 && chars[start - 1] == "." {
            var nameStart = start - 1
            while nameStart > 0 && isWordChar(chars[nameStart - 1]) { nameStart -= 1 }
            let receiver = String(chars[nameStart..<(start - 1)])
            guard let value = global(receiver) else { return [] }
            candidates = memberNames(of: value)
        } else {
            candidates = table.names.filter { global($0) != nil } + Keyword.allCases.map(\.rawValue)
        }
        return Array(Set(candidates.filter { $0.hasPrefix(prefix) })).sorted()
    }

    /// Fields and methods of a value, for completion.
    func memberNames(of value: Value) -> [String] {
        switch value {
        case .record(let r): return r.keys + Array(RecordMethods.table.keys)
        case .list: return Array(ListMethods.table.keys)
        case .string: return Array(StringMethods.table.keys)
        case .number: return Array(NumberMethods.table.keys)
        case .range: return Array(RangeMethods.table.keys) + Array(ListMethods.table.keys)
        case .native(let n): return n.memberNames
        default: return []
        }
    }

    /// (name, type, short summary) of every user-defined global, for `:who`, in definition order.
    public func globals() -> [(name: String, type: String, summary: String)] {
        table.names.compactMap { name in
            guard isUserGlobal(name), let v = global(name) else { return nil }
            var summary: String
            switch v {
            case .closure(let c): summary = c.proto.signature
            default: summary = v.repr
            }
            if summary.count > 60 { summary = String(summary.prefix(57)) + "..." }
            return (name, v.typeName, summary)
        }
    }

    /// The help line of a builtin, a method ("list.map" or "map"), a namespaced function, a member
    /// of a native global ("t.sum"), or a user function (its signature and doc comment); nil if unknown.
    public func help(_ name: String) -> String? {
        if let v = global(name), isUserGlobal(name) {
            if case .closure(let c) = v {
                return c.proto.signature + (c.proto.doc.map { ": " + $0 } ?? "")
            }
            if case .native(let n) = v { return n.summary }
        }
        if let line = Builtins.helpLine(name) { return line }
        if let dot = name.firstIndex(of: ".") {
            let receiver = String(name[..<dot]), member = String(name[name.index(after: dot)...])
            if let v = global(receiver) {
                switch v {
                case .native(let n): return n.help(member: member)
                case .record(let r):
                    if case .closure(let c)? = r[member] { return c.proto.signature + (c.proto.doc.map { ": " + $0 } ?? "") }
                default:
                    if let entry = MethodTables.byType[v.typeName]?[member] { return entry.help }
                }
            }
            return nil
        }
        for type in ["list", "string", "record", "number", "range"] {
            if let entry = MethodTables.byType[type]?[name] { return entry.help }
        }
        return nil
    }

    /// Names that have help, for `:help` without argument: builtins, then "type.method" topics.
    public func helpTopics() -> [String] {
        Builtins.helpTopics
    }
}
