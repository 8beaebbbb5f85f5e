/// Reads the arguments of `plot`, `scatter` and `histogram` into a `Chart`, with errors that name
/// the function, the series and the position of a bad element.
enum ChartArguments {
    /// The labels every chart function accepts.
    static let commonLabels = ["title", "xlabel", "ylabel", "legend", "width", "height"]
    /// At most this many points per series: more would only slow the report down.
    static let pointLimit = 1_000_000
    /// A position no call has, so `args.string(byLabel, "title")` reads the labeled argument only.
    static let byLabel = Int.max

    /// `plot(ys...)`: each positional argument is a list of numbers (one series), a record of lists
    /// (named series), or a list of records (one series per key, e.g. a metrics history). `x:` gives
    /// shared x values.
    static func plot(_ args: Arguments) throws -> Chart {
        try args.expect(1, 16, labels: commonLabels + ["x"])
        var series: [ChartSeries] = []
        for (i, value) in args.positional.enumerated() {
            series += try seriesList(value, callee: args.callee, defaultName: "series \(i + 1)")
        }
        if let xValue = args["x"] {
            let xs = try numbers(xValue, callee: args.callee, what: "x")
            for (i, s) in series.enumerated() {
                guard s.ys.count == xs.count else {
                    throw ScriptError("\(args.callee): x has \(xs.count) values but series '\(s.name)' has \(s.ys.count)")
                }
                series[i] = ChartSeries(name: s.name, xs: xs, ys: s.ys)
            }
        }
        return try finish(Chart(kind: .line, series: series), args)
    }

    /// `scatter(xs, ys)` or `scatter({name: {x: xs, y: ys}, ...})`.
    static func scatter(_ args: Arguments) throws -> Chart {
        try args.expect(1, 2, labels: commonLabels + ["name"])
        var series: [ChartSeries] = []
        if args.positional.count == 2 {
            let xs = try numbers(args.positional[0], callee: args.callee, what: "x")
            let ys = try numbers(args.positional[1], callee: args.callee, what: "y")
            guard xs.count == ys.count else {
                throw ScriptError("\(args.callee): x has \(xs.count) values but y has \(ys.count)")
            }
            let name = try args["name"].map { _ in try args.string(byLabel, "name") } ?? "points"
            series = [ChartSeries(name: name, xs: xs, ys: ys)]
        } else if case .record(let groups) = args.positional[0] {
            for (key, group) in zip(groups.keys, groups.values) {
                guard case .record(let r) = group, let xv = r["x"], let yv = r["y"] else {
                    throw ScriptError("\(args.callee): group '\(key)' must be a record {x: [...], y: [...]}")
                }
                let xs = try numbers(xv, callee: args.callee, what: "\(key).x")
                let ys = try numbers(yv, callee: args.callee, what: "\(key).y")
                guard xs.count == ys.count else {
                    throw ScriptError("\(args.callee): group '\(key)' has \(xs.count) x values but \(ys.count) y values")
                }
                series.append(ChartSeries(name: key, xs: xs, ys: ys))
            }
        } else {
            throw ScriptError("\(args.callee): give two lists (x and y) or a record of groups {name: {x: [...], y: [...]}}")
        }
        return try finish(Chart(kind: .scatter, series: series), args)
    }

    /// `histogram(values, bins: 10)`; a record of lists overlays several distributions.
    static func histogram(_ args: Arguments) throws -> Chart {
        try args.expect(1, 1, labels: commonLabels + ["bins"])
        let series = try seriesList(args.positional[0], callee: args.callee, defaultName: "values")
        var chart = Chart(kind: .histogram, series: series)
        if args["bins"] != nil {
            let bins = try args.integer(byLabel, "bins")
            guard (1...500).contains(bins) else { throw ScriptError("\(args.callee): bins must be between 1 and 500, not \(bins)") }
            chart.bins = bins
        }
        return try finish(chart, args)
    }

    /// Applies the common options and checks that there is something to draw.
    private static func finish(_ chart: Chart, _ args: Arguments) throws -> Chart {
        var chart = chart
        guard !chart.series.isEmpty else { throw ScriptError("\(args.callee): nothing to plot") }
        for s in chart.series where s.ys.isEmpty {
            throw ScriptError("\(args.callee): series '\(s.name)' is empty")
        }
        if args["title"] != nil { chart.title = try args.string(byLabel, "title") }
        if args["xlabel"] != nil { chart.xlabel = try args.string(byLabel, "xlabel") }
        if args["ylabel"] != nil { chart.ylabel = try args.string(byLabel, "ylabel") }
        // One series needs no legend (its name is usually the title); `legend: true` forces one.
        chart.showLegend = chart.series.count > 1
        switch args["legend"] {
        case nil: break
        case .bool(let b)?: chart.showLegend = b
        case .list(let names)?:
            guard names.items.count == chart.series.count else {
                throw ScriptError("\(args.callee): legend has \(names.items.count) names for \(chart.series.count) series")
            }
            for (i, name) in names.items.enumerated() { chart.series[i].name = name.str }
            chart.showLegend = true
        case let other?:
            throw ScriptError("\(args.callee): legend must be true, false or a list of names, not \(other.typeName)")
        }
        if args["width"] != nil {
            let w = try args.integer(byLabel, "width")
            guard (10...400).contains(w) else { throw ScriptError("\(args.callee): width must be between 10 and 400 characters") }
            chart.terminalWidth = w
        }
        if args["height"] != nil {
            let h = try args.integer(byLabel, "height")
            guard (3...100).contains(h) else { throw ScriptError("\(args.callee): height must be between 3 and 100 lines") }
            chart.terminalHeight = h
        }
        return chart
    }

    /// One value as series: a list of numbers (one series), a record of lists (named series) or a
    /// list of records (one series per key holding numbers).
    static func seriesList(_ value: Value, callee: String, defaultName: String) throws -> [ChartSeries] {
        switch value {
        case .record(let r):
            let series = try zip(r.keys, r.values).map { key, v in
                ChartSeries(name: key, ys: try numbers(v, callee: callee, what: "series '\(key)'"))
            }
            return series
        case .list(let l) where !l.items.isEmpty && l.items.allSatisfy({ if case .record = $0 { return true } else { return false } }):
            var keys: [String] = []
            for case .record(let r) in l.items {
                for (k, v) in zip(r.keys, r.values) where !keys.contains(k) {
                    if case .number = v { keys.append(k) }
                }
            }
            guard !keys.isEmpty else { throw ScriptError("\(callee): the records hold no numbers to plot") }
            let series = keys.map { key in
                ChartSeries(name: key, ys: l.items.map { item -> Double in
                    if case .record(let r) = item, case .number(let d)? = r[key] { return d }
                    return .nan
                })
            }
            return series
        default:
            return [ChartSeries(name: defaultName, ys: try numbers(value, callee: callee, what: defaultName))]
        }
    }

    /// A list of numbers (nil is a gap), a range, or a native with a `list()` method (e.g. a 1-D tensor).
    static func numbers(_ value: Value, callee: String, what: String) throws -> [Double] {
        let items: [Value]
        switch value {
        case .list(let l): items = l.items
        case .range(let r):
            guard r.count <= pointLimit else { throw ScriptError("\(callee): \(what) has more than \(pointLimit) points") }
            return (r.start..<max(r.start, r.end)).map(Double.init)
        case .native(let n):
            guard let converted = try n.call(method: "list", Arguments(callee: "\(n.typeName).list", positional: [])),
                  case .list(let l) = converted else {
                throw ScriptError("\(callee): \(what) must be a list of numbers, not \(n.typeName)")
            }
            items = l.items
        default:
            throw ScriptError("\(callee): \(what) must be a list of numbers, not \(value.typeName)")
        }
        guard items.count <= pointLimit else { throw ScriptError("\(callee): \(what) has more than \(pointLimit) points") }
        return try items.enumerated().map { i, item in
            switch item {
            case .number(let d): return d
            case .null: return .nan
            default: throw ScriptError("\(callee): \(what) holds \(item.typeName) at index \(i); only numbers (or nil for a gap) can be plotted")
            }
        }
    }
}
