import Lang

/// A method implemented in Swift: receiver, arguments, and the interpreter for callbacks.
typealias MethodBody = (Interpreter, Value, Arguments) throws -> Value

/// One method of a built-in type with its help line.
struct MethodEntry {
    let help: String
    let body: MethodBody
}

/// The methods of the built-in types, by type name ("list", "string", "record", "number", "range").
enum MethodTables {
    static let byType: [String: [String: MethodEntry]] = [
        "list": ListMethods.table.merging(ListSplitMethods.table) { own, _ in own },
        "string": StringMethods.table,
        "record": RecordMethods.table,
        "number": NumberMethods.table,
        "range": RangeMethods.table,
    ]

    /// "list.map" style help topics for every built-in method.
    static var helpTopics: [(String, String)] {
        byType.flatMap { type, table in table.map { ("\(type).\($0.key)", $0.value.help) } }
    }
}

/// Everything a method name can mean, looked up once per call site.
struct MethodSet {
    let name: String
    let list: MethodEntry?
    let string: MethodEntry?
    let record: MethodEntry?
    let number: MethodEntry?
    let range: MethodEntry?
    /// "list.push" etc., built once here rather than on every call.
    let calleeNames: [String: String]

    init(_ name: String) {
        self.name = name
        var names: [String: String] = [:]
        for type in ["list", "string", "record", "number", "range"] { names[type] = "\(type).\(name)" }
        calleeNames = names
        list = ListMethods.table[name] ?? ListSplitMethods.table[name]
        string = StringMethods.table[name]
        record = RecordMethods.table[name]
        number = NumberMethods.table[name]
        range = RangeMethods.table[name]
    }

    func has(for value: Value) -> Bool {
        switch value {
        case .list: return list != nil
        case .string: return string != nil
        case .record: return record != nil
        case .number: return number != nil
        case .range: return range != nil || list != nil
        default: return false
        }
    }

    func invoke(_ receiver: Value, _ positional: [Value], _ labeled: [(label: String, value: Value)],
                _ labels: [String?]?, _ interp: Interpreter, at location: SourceLocation) throws -> Value {
        var entry: MethodEntry?
        var target = receiver
        switch receiver {
        case .record(let r):
            if let field = r[name] {
                // A function stored in a record: namespaces such as modules loaded by `use`.
                let values = positional + labeled.map(\.value)
                let allLabels: [String?] = Array(repeating: nil, count: positional.count) + labeled.map { Optional($0.label) }
                return try interp.call(field, values, labels: allLabels, at: location)
            }
            entry = record
        case .list: entry = list
        case .string: entry = string
        case .number: entry = number
        case .range(let r):
            entry = range
            if entry == nil, let l = list {
                // Ranges offer the list methods by materialising the list.
                entry = l
                guard r.count <= 10_000_000 else { throw RuntimeError("range too large to convert to a list", at: location) }
                target = .list(ListObject((r.start..<max(r.start, r.end)).map { .number(Double($0)) }))
            }
        case .native(let n):
            let args = Arguments(callee: "\(n.typeName).\(name)", positional: positional, labeled: labeled,
                                 interpreter: interp, location: location)
            do {
                if let result = try n.call(method: name, args) { return result }
            } catch { throw located(error, at: location) }
            throw RuntimeError("\(n.typeName) has no method '\(name)'", at: location)
        default: break
        }
        guard let entry else {
            if case .record = receiver { throw RuntimeError("record has no field or method '\(name)'", at: location) }
            throw RuntimeError("\(receiver.typeName) has no method '\(name)'", at: location)
        }
        let type = receiver.typeName
        let args = Arguments(callee: calleeNames[type] ?? "\(type).\(name)", positional: positional, labeled: labeled,
                             interpreter: interp, location: location)
        do {
            return try entry.body(interp, target, args)
        } catch {
            throw located(error, at: location)
        }
    }
}
