/// The two text forms of a value. `str` is what `print` and `str()` produce (strings raw); `repr` is
/// the REPL echo and the form inside lists and records (strings quoted and escaped).
extension Value {
    public var str: String {
        if case .string(let s) = self { return s }
        return repr
    }

    public var repr: String {
        var out = ""
        var active = Set<ObjectIdentifier>()
        writeRepr(to: &out, active: &active, depth: 0)
        return out
    }

    private func writeRepr(to out: inout String, active: inout Set<ObjectIdentifier>, depth: Int) {
        switch self {
        case .null: out += "nil"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += formatNumber(d)
        case .string(let s): out += quoted(s)
        case .range(let r): out += "\(r.start)..<\(r.end)"
        case .closure(let c): out += c.name == "<fn>" ? "<fn>" : "<fn \(c.name)>"  // anonymous: just <fn>
        case .builtin(let b): out += "<builtin \(b.name)>"
        case .native(let n): out += n.summary
        case .list(let l):
            let id = ObjectIdentifier(l)
            if active.contains(id) || depth > 200 { out += "[...]"; return }
            active.insert(id)
            out += "["
            for (i, item) in l.items.enumerated() {
                if i > 0 { out += ", " }
                item.writeRepr(to: &out, active: &active, depth: depth + 1)
            }
            out += "]"
            active.remove(id)
        case .record(let r):
            let id = ObjectIdentifier(r)
            if active.contains(id) || depth > 200 { out += "{...}"; return }
            active.insert(id)
            out += "{"
            for i in 0..<r.count {
                if i > 0 { out += ", " }
                let key = r.keys[i]
                out += isIdentifier(key) ? key : quoted(key)
                out += ": "
                r.values[i].writeRepr(to: &out, active: &active, depth: depth + 1)
            }
            out += "}"
            active.remove(id)
        }
    }
}

/// A string literal that reads back as the same string.
func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}

/// True for names that can be written bare as record keys.
func isIdentifier(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
    return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
}
