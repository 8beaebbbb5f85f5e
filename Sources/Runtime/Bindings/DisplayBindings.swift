extension Builtins {
    /// Installs plot, scatter, histogram, table and save (see docs/NOTEBOOKS.md).
    static func installDisplay() {
        register(name: "plot", help: "plot(ys, ..., x:, title:, xlabel:, ylabel:, legend:, width:, height:): a line chart of lists of numbers, a record of named lists, or a list of records (one line per key)") { args in
            .native(PlotValue(try ChartArguments.plot(args)))
        }
        register(name: "scatter", help: "scatter(xs, ys, name:, title:, xlabel:, ylabel:) or scatter({name: {x:, y:}, ...}): a scatter chart") { args in
            .native(PlotValue(try ChartArguments.scatter(args)))
        }
        register(name: "histogram", help: "histogram(values, bins: 10, title:, xlabel:, ylabel:): a histogram of a list of numbers (or a record of lists, overlaid)") { args in
            .native(PlotValue(try ChartArguments.histogram(args)))
        }
        register(name: "table", help: "table(rows, columns:, title:): a table of a list of records (or a record of column lists); aligned in the terminal, HTML in reports") { args in
            try args.expect(1, 1, labels: ["columns", "title"])
            var only: [String]?
            if args["columns"] != nil {
                only = try args.list(ChartArguments.byLabel, "columns").items.map(\.str)
            }
            let title = args["title"] == nil ? nil : try args.string(ChartArguments.byLabel, "title")
            return .native(TableValue(try TableBuilder.build(args.positional[0], title: title, only: only)))
        }
        // `save` is shared: tensors register `save(path, tensor)` for checkpoints. This installer runs
        // after theirs (see Installers.swift) and hands every call that is not about a plot or a
        // table to the `save` registered before it.
        let earlierSave = allEntries.first { $0.name == "save" }?.value
        let earlierHelp = earlierSave == nil ? "" : "; " + (helpLine("save") ?? "")
        register(name: "save", help: "save(x, path): writes a plot as SVG, or a table as HTML/Markdown/text by the file's extension, atomically\(earlierHelp)") { args in
            switch args[0] {
            case .native(let p as PlotValue)?:
                try args.expect(2)
                try p.save(to: try args.string(1))
            case .native(let t as TableValue)?:
                try args.expect(2)
                try t.save(to: try args.string(1))
            default:
                guard case .builtin(let other)? = earlierSave else {
                    let what = args[0]?.typeName ?? "nothing"
                    throw ScriptError("save: cannot save \(what); plots and tables can be saved (other values have their own .save methods)")
                }
                return try other.body(args)
            }
            return .null
        }
        for (member, help) in PlotValue.memberHelp { registerHelp(topic: "plot.\(member)", help: help) }
        for (member, help) in TableValue.memberHelp { registerHelp(topic: "table.\(member)", help: help) }
    }
}
