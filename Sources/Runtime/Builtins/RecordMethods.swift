/// Methods of records. Records are shared references; `remove` and `set` change them in place.
/// A field whose name matches a method hides the method in calls (`r.keys()` calls the field).
enum RecordMethods {
    static func object(_ v: Value) -> RecordObject {
        if case .record(let r) = v { return r }
        return RecordObject()
    }

    static let table: [String: MethodEntry] = [
        "keys": MethodEntry(help: "r.keys(): the keys in insertion order") { _, recv, args in
            try args.expect(0)
            return .list(object(recv).keys.map { .string($0) })
        },
        "values": MethodEntry(help: "r.values(): the values in insertion order") { _, recv, args in
            try args.expect(0)
            return .list(ListObject(object(recv).values))
        },
        "items": MethodEntry(help: "r.items(): a list of [key, value] pairs in insertion order") { _, recv, args in
            try args.expect(0)
            let r = object(recv)
            return .list((0..<r.count).map { .list([.string(r.keys[$0]), r.values[$0]]) })
        },
        "has": MethodEntry(help: "r.has(key): true when the record has that key") { _, recv, args in
            try args.expect(1)
            return .bool(object(recv).has(try args.string(0)))
        },
        "get": MethodEntry(help: "r.get(key, default): the value at key, or default (nil if not given) when absent") { _, recv, args in
            try args.expect(1, 2)
            return object(recv)[try args.string(0)] ?? (args[1] ?? .null)
        },
        "remove": MethodEntry(help: "r.remove(key): removes key and returns its value (nil when absent)") { _, recv, args in
            try args.expect(1)
            return object(recv).remove(try args.string(0)) ?? .null
        },
        "set": MethodEntry(help: "r.set(key, value): sets key (any string) to value and returns the record") { _, recv, args in
            try args.expect(2)
            object(recv).set(try args.string(0), args.positional[1])
            return recv
        },
    ]
}
