/// Methods of lists. Lists are shared references: `push`, `pop`, `sort`, `reverse` change the list
/// in place; `map`, `filter`, `sorted` return new lists.
enum ListMethods {
    static func items(_ v: Value) -> ListObject {
        if case .list(let l) = v { return l }
        return ListObject()
    }

    static let table: [String: MethodEntry] = [
        "push": MethodEntry(help: "xs.push(x): appends x to the list (in place) and returns the list") { _, recv, args in
            try args.expect(1)
            items(recv).items.append(args.positional[0])
            return recv
        },
        "pop": MethodEntry(help: "xs.pop(): removes and returns the last element") { _, recv, args in
            try args.expect(0)
            let l = items(recv)
            guard let last = l.items.popLast() else { throw ScriptError("pop from an empty list") }
            return last
        },
        "map": MethodEntry(help: "xs.map(f): a new list of f(x) for each element") { interp, recv, args in
            try args.expect(1)
            let f = args.positional[0]
            var out: [Value] = []
            let l = items(recv)
            out.reserveCapacity(l.items.count)
            var i = 0
            while i < l.items.count { out.append(try args.callFunction(f, [l.items[i]])); i += 1 }
            return .list(ListObject(out))
        },
        "filter": MethodEntry(help: "xs.filter(f): a new list of the elements x where f(x) is true") { _, recv, args in
            try args.expect(1)
            let f = args.positional[0]
            var out: [Value] = []
            let l = items(recv)
            var i = 0
            while i < l.items.count {
                let x = l.items[i]
                if try args.callFunction(f, [x]).isTruthy { out.append(x) }
                i += 1
            }
            return .list(ListObject(out))
        },
        "reduce": MethodEntry(help: "xs.reduce(f, initial): folds the list with f(accumulator, x); without initial starts from the first element") { _, recv, args in
            try args.expect(1, 2)
            let f = args.positional[0]
            let l = items(recv)
            var i = 0
            var acc: Value
            if args.positional.count == 2 { acc = args.positional[1] } else {
                guard let first = l.items.first else { throw ScriptError("reduce of an empty list without an initial value") }
                acc = first; i = 1
            }
            while i < l.items.count { acc = try args.callFunction(f, [acc, l.items[i]]); i += 1 }
            return acc
        },
        "sort": MethodEntry(help: "xs.sort(key: f): sorts the list in place (numbers or strings; by f(x) if given) and returns it") { _, recv, args in
            try args.expect(0, 0, labels: ["key"])
            let l = items(recv)
            l.items = try sortedValues(l.items, key: args["key"], args)
            return recv
        },
        "sorted": MethodEntry(help: "xs.sorted(key: f): a sorted copy of the list") { _, recv, args in
            try args.expect(0, 0, labels: ["key"])
            return .list(ListObject(try sortedValues(items(recv).items, key: args["key"], args)))
        },
        "reverse": MethodEntry(help: "xs.reverse(): reverses the list in place and returns it") { _, recv, args in
            try args.expect(0)
            items(recv).items.reverse()
            return recv
        },
        "sum": MethodEntry(help: "xs.sum(): the sum of a list of numbers (0 when empty)") { _, recv, args in
            try args.expect(0)
            var total = 0.0
            for v in items(recv).items {
                guard case .number(let d) = v else { throw ScriptError("sum needs numbers, found \(v.typeName)") }
                total += d
            }
            return .number(total)
        },
        "min": MethodEntry(help: "xs.min(): the smallest element (numbers or strings)") { _, recv, args in
            try args.expect(0)
            return try extreme(items(recv).items, wantLess: true)
        },
        "max": MethodEntry(help: "xs.max(): the largest element (numbers or strings)") { _, recv, args in
            try args.expect(0)
            return try extreme(items(recv).items, wantLess: false)
        },
        "contains": MethodEntry(help: "xs.contains(x): true when some element == x") { _, recv, args in
            try args.expect(1)
            let x = args.positional[0]
            return .bool(items(recv).items.contains { valuesEqual($0, x) })
        },
        "index_of": MethodEntry(help: "xs.index_of(x): the first index where the element == x, or nil") { _, recv, args in
            try args.expect(1)
            let x = args.positional[0]
            guard let i = items(recv).items.firstIndex(where: { valuesEqual($0, x) }) else { return .null }
            return .number(Double(i))
        },
        "join": MethodEntry(help: "xs.join(sep): the elements as text joined by sep (default \"\")") { _, recv, args in
            try args.expect(0, 1)
            let sep = args.positional.isEmpty ? "" : try args.string(0)
            return .string(items(recv).items.map(\.str).joined(separator: sep))
        },
        "copy": MethodEntry(help: "xs.copy(): a shallow copy of the list") { _, recv, args in
            try args.expect(0)
            return .list(ListObject(items(recv).items))
        },
        "insert": MethodEntry(help: "xs.insert(i, x): inserts x before index i (0...len) in place") { _, recv, args in
            try args.expect(2)
            let l = items(recv)
            let i = try args.integer(0)
            let p = i < 0 ? i + l.items.count : i
            guard p >= 0 && p <= l.items.count else { throw ScriptError("insert position \(i) out of range for length \(l.items.count)") }
            l.items.insert(args.positional[1], at: p)
            return recv
        },
    ]

    /// Orders numbers and strings; anything else (or a mix) is an error.
    static func lessThan(_ a: Value, _ b: Value) throws -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)): return x < y
        default: throw ScriptError("cannot compare \(a.typeName) and \(b.typeName)")
        }
    }

    static func sortedValues(_ values: [Value], key: Value?, _ args: Arguments) throws -> [Value] {
        if let key {
            let keys = try values.map { try args.callFunction(key, [$0]) }
            let order = try (0..<values.count).sorted { try lessThan(keys[$0], keys[$1]) }
            return order.map { values[$0] }
        }
        // All numbers: sort the Doubles directly.
        var numbers: [Double] = []
        numbers.reserveCapacity(values.count)
        for v in values {
            guard case .number(let d) = v else { numbers.removeAll(); break }
            numbers.append(d)
        }
        if numbers.count == values.count {
            if numbers.contains(where: { $0.isNaN }) { throw ScriptError("cannot sort a list containing nan") }
            numbers.sort()
            return numbers.map { .number($0) }
        }
        return try values.sorted(by: lessThan)
    }

    static func extreme(_ values: [Value], wantLess: Bool) throws -> Value {
        guard var best = values.first else { throw ScriptError("\(wantLess ? "min" : "max") of an empty list") }
        for v in values.dropFirst() {
            if wantLess ? try lessThan(v, best) : try lessThan(best, v) { best = v }
        }
        return best
    }
}
