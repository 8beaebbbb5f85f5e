import Engine

extension Builtins {
    /// Installs `evaluate(model, prompts, judge:, ...)` and `calibrate(judges, set)` (docs/DATA.md).
    static func installEvaluation() {
        register(name: "evaluate", help: "evaluate(model, prompts, judge:, templates: [], max_tokens: 64, batch: 16, temperature: 0, seed: 0, role: (a defender role, or \"chat\"; default: the model's chat template if it has one, else role.defender(cot: false)), attacker:, attacker_role:, direct: true, worst: 5): the model answers each prompt record {prompt, type, category} (optionally rewritten by an attacker model, wrapped in each template), the judge labels each answer; attack success, refusal, over-refusal, tables by category and template, worst examples, episodes") { args in
            try args.expect(2, 2, labels: ["judge", "templates", "max_tokens", "batch", "temperature", "seed", "role",
                                           "attacker", "attacker_role", "direct", "worst"])
            guard case .native(let m as ModelValue) = args.positional[0] else {
                throw ScriptError("evaluate: the first argument must be a model, not \(args.positional[0].typeName)")
            }
            let prompts = try EvaluationConversions.prompts(try args.list(1).items)
            guard case .native(let j as JudgeValue)? = args["judge"] else {
                throw ScriptError("evaluate: judge: must be a judge (judge.rules(), judge.fn(f), ...), not \(args["judge"]?.typeName ?? "nothing")")
            }
            var settings = BenchmarkSettings()
            let label = SelfPlayConversions.labelOnly
            if args["max_tokens"] != nil { settings.maxTokens = try args.integer(label, "max_tokens") }
            if args["batch"] != nil { settings.batch = try args.integer(label, "batch") }
            if args["temperature"] != nil { settings.temperature = Float(try args.number(label, "temperature")) }
            if args["worst"] != nil { settings.worst = max(0, try args.integer(label, "worst")) }
            settings.seed = try SelfPlayConversions.randomSeed(args, label, "seed", default: 0)
            settings.includeDirect = try SelfPlayConversions.bool(args, label, "direct", default: true)
            let templates = args["templates"] == nil ? [] : try EvaluationConversions.templates(try args.list(label, "templates").items)
            let format = try EvaluationConversions.format(args["role"], model: m.model)
            var attacker: BenchmarkAttacker?
            if let a = args["attacker"] {
                guard case .native(let am as ModelValue) = a else {
                    throw ScriptError("evaluate: attacker: must be a model, not \(a.typeName)")
                }
                let atkRole = try EvaluationConversions.role(args["attacker_role"], "attacker_role", default: try RolePrompt.attacker(cot: false))
                attacker = try BenchmarkAttacker(model: am.model, role: atkRole)
            }
            let reporter = ProgressReporter.defaultStyle() == .bar ? ProgressReporter(label: "evaluate", total: nil, style: .bar) : nil
            let result = try Benchmark.run(
                model: m.model, prompts: prompts, judge: j.judge(args), templates: templates, format: format,
                attacker: attacker, settings: settings,
                onBatch: { done, _ in
                    try args.checkInterrupt()
                    reporter?.update(step: done)
                })
            reporter?.finish()
            return .native(EvaluationValue(result))
        }
        register(name: "calibrate", help: "calibrate(judges, set): the calibration table of each judge against the human labels of set (records {prompt, response, labels}, e.g. data.load(\"refusal_human\")): agreement with its 95% interval, Cohen's kappa, precision, recall, F1, unknown answers") { args in
            try args.expect(2)
            let judges: [JudgeValue] = try args.list(0).items.enumerated().map { i, v in
                guard case .native(let j as JudgeValue) = v else { throw ScriptError("calibrate: item \(i + 1) of judges must be a judge, not \(v.typeName)") }
                return j
            }
            let set = try EvaluationConversions.humanLabels(try args.list(1).items, "calibrate")
            let rows = try judges.flatMap { try $0.judge(args).calibrate(set) }
            return .native(TableValue(EvaluationConversions.calibrationTable(rows)))
        }
    }
}

/// Spar values into the engine's evaluation types.
enum EvaluationConversions {
    static func prompts(_ items: [Value]) throws -> [BenchmarkPrompt] {
        try items.enumerated().map { i, v in
            guard case .record(let r) = v else {
                throw ScriptError("evaluate: prompt \(i + 1) must be a record {prompt, type, category}, not \(v.typeName)")
            }
            guard case .string(var text)? = r["prompt"] ?? r["text"] else {
                throw ScriptError("evaluate: prompt \(i + 1) needs a prompt (or text) string")
            }
            guard case .string(let typeName)? = r["type"] else {
                throw ScriptError("evaluate: prompt \(i + 1) needs a type, \"harmful\" or \"benign\"")
            }
            if case .string(let context)? = r["context"], !context.isEmpty {
                text = BenchmarkPrompt.withContext(context, behaviour: text)
            }
            func string(_ key: String, _ d: String) -> String { if case .string(let s)? = r[key] { return s } else { return d } }
            return BenchmarkPrompt(id: string("id", "\(i + 1)"), text: text, category: string("category", "uncategorized"),
                                   type: try SelfPlayConversions.seedType(typeName, "evaluate"), source: string("source", ""))
        }
    }

    static func templates(_ items: [Value]) throws -> [PromptTemplate] {
        try items.enumerated().map { i, v in
            switch v {
            case .native(let t as TemplateValue): return try PromptTemplate(name: t.template.name, text: t.template.text)
            case .string(let s): return try PromptTemplate(name: "template \(i + 1)", text: s)
            default: throw ScriptError("evaluate: template \(i + 1) must be a template (data.load(\"jailbreak_templates\"), data.template) or a string with {prompt}, not \(v.typeName)")
            }
        }
    }

    /// `role:` as given: a defender role, or "chat" for the model's chat template. Without it: the
    /// checkpoint's chat template when the model has one (a real model), else the defender role
    /// without thinking (Spar's format for toy models).
    static func format(_ v: Value?, model: any LanguageModel) throws -> ResponseFormat {
        switch v {
        case nil:
            if let chat = ResponseFormat.checkpointChat(of: model) { return chat }
            return .role(try RolePrompt.defender(cot: false))
        case .string("chat")?:
            guard let scorer = model as? any ScoringLanguageModel else {
                throw ScriptError("evaluate: role: \"chat\" needs a model whose tokenizer has a chat template")
            }
            do { return .chat(try scorer.tokenizer.chatTemplate()) } catch let error as EngineError {
                throw ScriptError("evaluate: role: \"chat\": \(error.message)")
            }
        default:
            return .role(try role(v, "role", default: try RolePrompt.defender(cot: false)))
        }
    }

    static func role(_ v: Value?, _ label: String, default d: RolePrompt) throws -> RolePrompt {
        guard let v else { return d }
        guard case .native(let r as RoleValue) = v else { throw ScriptError("evaluate: \(label): must be a role, not \(v.typeName)") }
        return r.role
    }

    /// Records {prompt, response, labels} (or {prompt, response, label, label_name}) as human labels,
    /// one per label present.
    static func humanLabels(_ items: [Value], _ callee: String) throws -> [HumanLabel] {
        try items.enumerated().flatMap { i, v -> [HumanLabel] in
            guard case .record(let r) = v, case .string(let prompt)? = r["prompt"], case .string(let response)? = r["response"] else {
                throw ScriptError("\(callee): item \(i + 1) must be a record {prompt, response, labels}")
            }
            guard case .record(let labels)? = r["labels"] else {
                throw ScriptError("\(callee): item \(i + 1) needs labels, a record like {refusal: true}")
            }
            return try zip(labels.keys, labels.values).map { key, value in
                guard SafetyLabels.names.contains(key) else {
                    throw ScriptError("\(callee): item \(i + 1): unknown label '\(key)' (known: \(SafetyLabels.names.joined(separator: ", ")))")
                }
                switch value {
                case .bool(let b): return HumanLabel(prompt: prompt, response: response, label: key, value: b)
                case .null: return HumanLabel(prompt: prompt, response: response, label: key, value: nil)
                default: throw ScriptError("\(callee): item \(i + 1): label '\(key)' must be true, false or nil")
                }
            }
        }
    }

    static func calibrationTable(_ rows: [JudgeCalibration]) -> DataTable {
        func f(_ d: Double?) -> DataTable.Cell { DataTable.Cell(d.map { String(format: "%.3f", $0) } ?? "-", isNumber: true) }
        func ci(_ c: (low: Double, high: Double)?) -> DataTable.Cell {
            DataTable.Cell(c.map { String(format: "%.3f-%.3f", $0.low, $0.high) } ?? "-", isNumber: true)
        }
        return DataTable(
            title: "judge calibration against human labels",
            columns: ["judge", "label", "examples", "unknown", "agreement", "95% CI", "kappa", "kappa 95% CI", "precision", "recall", "F1"],
            rows: rows.map { c in
                [DataTable.Cell(c.judge), DataTable.Cell(c.label), DataTable.Cell("\(c.examples)", isNumber: true),
                 DataTable.Cell("\(c.unknown)", isNumber: true), f(c.agreement), ci(c.agreementInterval), f(c.kappa),
                 ci(c.kappaInterval), f(c.precision), f(c.recall), f(c.f1)]
            })
    }
}
