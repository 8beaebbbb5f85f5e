import Engine

/// Argument handling of the model methods that take many options: generate, logprob, fit.
extension ModelValue {
    /// Index that no positional argument has: reads a labeled argument only.
    private static let labeled = Int.max

    /// The sampling arguments shared by generate and chat.
    func samplingOptions(_ args: Arguments) throws -> SamplingOptions {
        var options = SamplingOptions()
        if args["max_tokens"] != nil { options.maxTokens = try args.integer(Self.labeled, "max_tokens") }
        if args["temperature"] != nil { options.temperature = Float(try args.number(Self.labeled, "temperature")) }
        if args["top_k"] != nil { options.topK = try args.integer(Self.labeled, "top_k") }
        if args["top_p"] != nil { options.topP = Float(try args.number(Self.labeled, "top_p")) }
        options.seed = try Self.seed(args)
        switch args["stop"] {
        case nil, .null?: break
        case .string(let s)?: options.stop = [s]
        case .list(let l)?: options.stop = try Self.strings(l, "stop", args.callee)
        case let v?: throw ScriptError("\(args.callee): argument 'stop' must be a string or a list of strings, not \(v.typeName)")
        }
        return options
    }

    static let samplingLabels = ["max_tokens", "temperature", "top_k", "top_p", "stop", "seed"]

    func generate(_ args: Arguments) throws -> Value {
        try args.expect(1, 1, labels: Self.samplingLabels)
        let options = try samplingOptions(args)
        switch args[0] {
        case .string(let prompt)?:
            return Self.record(try model.generate(prompts: [prompt], options: options, onStep: args.checkInterrupt)[0])
        case .list(let l)?:
            switch l.items.first {
            case .number?:  // token ids of one prompt
                let ids = try Self.tokenIDs(l, "prompt", args.callee)
                return Self.record(try scoring(args.callee).generate(promptTokens: [ids], options: options, onStep: args.checkInterrupt)[0])
            case .list?:    // token ids of several prompts
                let batch = try l.items.enumerated().map { i, item -> [Int] in
                    guard case .list(let ids) = item else { throw ScriptError("\(args.callee): prompt \(i) must be a list of token ids like the others, not \(item.typeName)") }
                    return try Self.tokenIDs(ids, "prompt \(i)", args.callee)
                }
                return .list(try scoring(args.callee).generate(promptTokens: batch, options: options, onStep: args.checkInterrupt).map(Self.record))
            default:
                let prompts = try Self.strings(l, "prompts", args.callee)
                return .list(try model.generate(prompts: prompts, options: options, onStep: args.checkInterrupt).map(Self.record))
            }
        case let v?: throw ScriptError("\(args.callee): the prompt must be a string, a list of strings or token ids, not \(v.typeName)")
        case nil: throw ScriptError("\(args.callee): missing argument 1")
        }
    }

    /// m.chat(messages) with messages a list of {role:, content:} records, or a list of such lists.
    func chat(_ args: Arguments) throws -> Value {
        try args.expect(1, 1, labels: Self.samplingLabels)
        let options = try samplingOptions(args)
        guard case .list(let l)? = args[0], let first = l.items.first else {
            throw ScriptError("\(args.callee): the conversation must be a non-empty list of {role:, content:} records")
        }
        if case .list = first {
            let batch = try l.items.enumerated().map { i, item -> [ChatMessage] in
                guard case .list(let c) = item else { throw ScriptError("\(args.callee): conversation \(i) must be a list of messages, not \(item.typeName)") }
                return try Self.messages(c, args.callee)
            }
            return .list(try model.chat(batch, options: options, onStep: args.checkInterrupt).map(Self.record))
        }
        return Self.record(try model.chat([try Self.messages(l, args.callee)], options: options, onStep: args.checkInterrupt)[0])
    }

    static func messages(_ l: ListObject, _ callee: String) throws -> [ChatMessage] {
        guard !l.items.isEmpty else { throw ScriptError("\(callee): a conversation needs at least one message") }
        return try l.items.enumerated().map { i, item in
            guard case .record(let r) = item, case .string(let role)? = r["role"], case .string(let content)? = r["content"] else {
                throw ScriptError("\(callee): message \(i) must be a record {role: \"user\", content: \"...\"}, not \(item.repr)")
            }
            return ChatMessage(role: role, content: content)
        }
    }

    /// A list of integer token ids.
    static func tokenIDs(_ l: ListObject, _ what: String, _ callee: String) throws -> [Int] {
        try l.items.enumerated().map { i, item -> Int in
            guard case .number(let d) = item, let id = exactInt(d) else {
                throw ScriptError("\(callee): item \(i) of the \(what) must be an integer token id, not \(item.typeName == "number" ? item.repr : item.typeName)")
            }
            return id
        }
    }

    static func record(_ g: Generation) -> Value {
        .record([("text", .string(g.text)), ("tokens", .list(g.tokens.map { .number(Double($0)) })),
                 ("logprobs", .list(g.logprobs.map { .number(Double($0)) })), ("finish", .string(g.finishReason))])
    }

    func logprob(_ args: Arguments) throws -> Value {
        try args.expect(2, 2, labels: ["per_token"])
        let perToken = try args["per_token"].map { try Self.bool($0, "per_token", args.callee) } ?? false
        let values: [Float]
        if case .list(let ids)? = args[1] {
            // Token ids, e.g. the `tokens` of a generation: scored exactly, with no re-encoding.
            let model = try scoring(args.callee)
            let prompt = try model.promptIDs(try args.string(0))
            let completion = try Self.tokenIDs(ids, "completion tokens", args.callee)
            values = try model.logprobs(prompts: [prompt], completions: [completion])[0]
        } else {
            values = try scoring(args.callee).logprob(prompt: try args.string(0), completion: try args.string(1))
        }
        if perToken { return .list(values.map { .number(Double($0)) }) }
        return .number(values.reduce(0.0) { $0 + Double($1) })
    }

    func fit(_ args: Arguments) throws -> Value {
        try args.expect(1, 1, labels: ["steps", "lr", "batch", "warmup", "clip", "weight_decay", "length", "seed", "every", "quiet"])
        var options = FitOptions()
        func int(_ label: String) throws -> Int? { args[label] == nil ? nil : try args.integer(Self.labeled, label) }
        func float(_ label: String) throws -> Float? { args[label] == nil ? nil : Float(try args.number(Self.labeled, label)) }
        if let v = try int("steps") { options.steps = v }
        if let v = try float("lr") { options.learningRate = v }
        if let v = try int("batch") { options.batch = v }
        options.warmupSteps = try int("warmup")
        if let v = try float("clip") { options.clipNorm = v }
        if let v = try float("weight_decay") { options.weightDecay = v }
        options.length = try int("length")
        options.seed = try Self.seed(args)
        options.progressEvery = try int("every")
        let quiet = try args["quiet"].map { try Self.bool($0, "quiet", args.callee) } ?? false
        // On a terminal the shared progress bar (standard error) shows every step; elsewhere the
        // report steps are printed as plain lines, which transcripts and logs keep.
        let bar = !quiet && ProgressReporter.defaultStyle() == .bar
            ? ProgressReporter(label: "fit", total: options.steps, style: .bar) : nil
        // An error (Ctrl-C is one) ends the bar as stopped: only a fit that ran all its steps is "done".
        var completed = false
        defer { bar?.finish(stopped: !completed) }
        let progress: (FitProgress) throws -> Void = { p in
            try args.checkInterrupt()
            if let bar {
                bar.update(step: p.step, metrics: [("loss", p.loss)])
            } else if !quiet && p.isReport {
                args.interpreter?.output("fit: " + p.line + "\n")
            }
        }
        let model = try trainable(args.callee)
        let history: [Double]
        switch args[0] {
        case .string(let text)?:
            history = try model.fit(texts: [text], options: options, progress: progress)
        case .list(let l)?:
            if let pairs = try Self.pairs(l, args.callee) {
                history = try model.fit(pairs: pairs, options: options, progress: progress)
            } else {
                history = try model.fit(texts: try Self.strings(l, "texts", args.callee), options: options, progress: progress)
            }
        case let v?: throw ScriptError("\(args.callee): the training data must be a list of texts or of pairs, not \(v.typeName)")
        case nil: throw ScriptError("\(args.callee): missing argument 1")
        }
        completed = true
        return .list(history.map { .number($0) })
    }

    /// The items of a list, each a string.
    static func strings(_ l: ListObject, _ what: String, _ callee: String) throws -> [String] {
        try l.items.enumerated().map { i, item in
            guard case .string(let s) = item else {
                throw ScriptError("\(callee): item \(i) of the \(what) must be a string, not \(item.typeName)")
            }
            return s
        }
    }

    /// The list as (prompt, completion) pairs when its first item is a record or a list; nil when it
    /// holds texts. Every item must then have the same form.
    static func pairs(_ l: ListObject, _ callee: String) throws -> [(prompt: String, completion: String)]? {
        switch l.items.first {
        case .record?, .list?: break
        default: return nil
        }
        return try l.items.enumerated().map { i, item in
            func bad() -> ScriptError {
                ScriptError("\(callee): item \(i) must be a pair like {prompt: \"...\", completion: \"...\"} or [prompt, completion], not \(item.repr)")
            }
            switch item {
            case .record(let r):
                guard case .string(let p)? = r["prompt"], case .string(let c)? = r["completion"] else { throw bad() }
                return (p, c)
            case .list(let pair):
                guard pair.items.count == 2, case .string(let p) = pair.items[0], case .string(let c) = pair.items[1] else { throw bad() }
                return (p, c)
            default: throw bad()
            }
        }
    }
}
