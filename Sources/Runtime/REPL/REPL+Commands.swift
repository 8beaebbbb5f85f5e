extension REPL {
    /// Whether the loop goes on after a command.
    enum Continuation { case proceed, stop }

    /// Carries out one `:` command.
    func perform(_ command: REPLCommand) -> Continuation {
        switch command {
        case .help(let topic):
            if let topic { showHelp(for: topic) } else { showHelpOverview() }
        case .who:
            showGlobals()
        case .time(let expression):
            let start = MonotonicClock.nanoseconds()
            evaluate(expression)
            let elapsed = MonotonicClock.nanoseconds() - start
            out("time: \(formatDuration(nanoseconds: elapsed))\n")
        case .load(let path):
            load(path)
        case .cells(let path):
            listCells(path)
        case .runCells(let path, let cell):
            runCells(path, selector: cell)
        case .reset:
            session.reset()
            out("session reset: all variables forgotten\n")
        case .quit:
            return .stop
        case .unknown(let name):
            err("error: unknown command '\(name)'; type :help to list the commands\n")
        case .missingArgument(let name, let usage):
            err("error: \(name) needs an argument: \(usage)\n")
        }
        return .proceed
    }

    /// `:help` alone: the commands, then every name that has a help line.
    func showHelpOverview() {
        var text = "Commands:\n"
        let width = REPLCommand.all.map { $0.usage.count }.max() ?? 0
        for info in REPLCommand.all {
            text += "  " + info.usage.padded(to: width) + "  " + info.summary + "\n"
        }
        text += "Type code to evaluate it; a value is shown unless the line ends in ';', and _ holds the last one.\n"
        text += "Ctrl-C stops a running evaluation (your variables stay) or clears the line being typed.\n"
        let topics = session.helpTopics().sorted()
        let functions = topics.filter { !$0.contains(".") }
        if !functions.isEmpty {
            text += "Functions (:help NAME or ?NAME):\n" + wrapWords(functions, width: 78, indent: "  ")
        }
        // Methods are listed by the type they belong to: `list: map filter ...` (help as ?list.map).
        var methodsByType: [(type: String, methods: [String])] = []
        for topic in topics {
            guard let dot = topic.firstIndex(of: ".") else { continue }
            let type = String(topic[..<dot]), method = String(topic[topic.index(after: dot)...])
            if methodsByType.last?.type == type {
                methodsByType[methodsByType.count - 1].methods.append(method)
            } else {
                methodsByType.append((type, [method]))
            }
        }
        if !methodsByType.isEmpty {
            text += "Methods (:help TYPE.METHOD, e.g. ?list.map):\n"
            for (type, methods) in methodsByType {
                text += wrapWords(methods, width: 78, indent: "  \(type): ", continuationIndent: "    ")
            }
        }
        out(text)
    }

    /// `:help name` and `?name`: a command's usage or the session's help line for a name.
    func showHelp(for topic: String) {
        let asCommand = topic.hasPrefix(":") ? topic : ":" + topic
        if topic.hasPrefix(":"), let info = REPLCommand.all.first(where: { $0.names.contains(asCommand) }) {
            out("\(info.usage)\n  \(info.summary)\n")
            return
        }
        if let line = session.help(topic) {
            out(line.hasSuffix("\n") ? line : line + "\n")
        } else if let info = REPLCommand.all.first(where: { $0.names.contains(asCommand) }) {
            out("\(info.usage)\n  \(info.summary)\n")
        } else {
            err("error: no help for '\(topic)'; type :help to list the topics\n")
        }
    }

    /// `:who`: a table of the user's globals.
    func showGlobals() {
        let globals = session.globals()
        if globals.isEmpty {
            out("no variables yet\n")
            return
        }
        let nameWidth = max(4, globals.map { $0.name.count }.max() ?? 0)
        let typeWidth = max(4, globals.map { $0.type.count }.max() ?? 0)
        var text = "name".padded(to: nameWidth) + "  " + "type".padded(to: typeWidth) + "  value\n"
        for global in globals {
            text += global.name.padded(to: nameWidth) + "  " + global.type.padded(to: typeWidth) + "  "
                + global.summary + "\n"
        }
        out(text)
    }

    /// `:load FILE`: runs the file's code in this session, so its definitions stay.
    func load(_ argument: String) {
        let path = ScriptFile.expandPath(argument)
        do {
            let source = try ScriptFile.read(path)
            _ = InterruptSignal.whileEvaluating { session.run(source: source, path: path) }
        } catch {
            err("error: \(error)\n")
        }
    }
}
