import Datasets
import Engine

extension Builtins {
    /// Installs the `data` namespace: the public safety data sets of the fetched `safety-data`
    /// asset as lists of records (docs/DATA.md), and `data.template` for custom templates.
    static func installData() {
        let load = Builtin(name: "data.load") { args in
            try args.expect(1, 1, labels: ["split", "subset", "root"])
            let name = try args.string(0)
            let root = try dataRoot(args)
            let split = args["split"] == nil ? nil : try args.string(SelfPlayConversions.labelOnly, "split")
            let subset = args["subset"] == nil ? nil : try args.string(SelfPlayConversions.labelOnly, "subset")
            do {
                if name == "jailbreak_templates" {
                    if split != nil { throw ScriptError("data.load: jailbreak_templates takes subset:, not split:") }
                    let loaded = try SafetyDatasets.templates(root: root, group: subset)
                    return .list(ListObject(loaded.templates.map { .native(TemplateValue($0)) }))
                }
                let records = try SafetyDatasets.load(name, root: root, options: .init(split: split, subset: subset))
                return .list(ListObject(records.map(DatasetConversions.record)))
            } catch let error as DataError {
                throw ScriptError("data.load: \(error.message)")
            }
        }
        let list = Builtin(name: "data.list") { args in
            try args.expect(0, 0, labels: ["root"])
            var root: String? = SafetyDatasetsRoot.present()
            if let v = args["root"] { if case .null = v {} else { root = try dataRoot(args) } }
            return .list(ListObject(SafetyDatasets.all.map { DatasetConversions.info($0, root: root) }))
        }
        let template = Builtin(name: "data.template") { args in
            try args.expect(2)
            let name = try args.string(0), text = try args.string(1)
            guard text.contains(JailbreakTemplate.slot) else {
                throw ScriptError("data.template: the text must contain the slot {prompt}")
            }
            return .native(TemplateValue(JailbreakTemplate(id: name, name: name, text: text, group: "custom")))
        }
        register(name: "data", help: "data: public safety data sets: data.load(name), data.list(), data.template(name, text)",
                 value: .record([("load", .builtin(load)), ("list", .builtin(list)), ("template", .builtin(template))]))
        registerHelp(topic: "data.load", help: "data.load(name, split:, subset:, root:): the records of a data set (harmbench, advbench, strongreject, donotanswer, refusal_human, harm_human, benign, alarming_benign) or the templates of jailbreak_templates; harmbench takes split: \"test\" or \"val\", strongreject subset: \"small\", the templates subset: a group; root: a safety-data folder (default $SPAR_HOME/safety-data)")
        registerHelp(topic: "data.list", help: "data.list(root:): every data set with its summary, licence, provenance, files and whether it is present")
        registerHelp(topic: "data.template", help: "data.template(name, text): a jailbreak template of your own; text must contain {prompt}")
    }

    /// `root:` when given, else the fetched asset (an error saying `spar fetch safety-data` when absent).
    private static func dataRoot(_ args: Arguments) throws -> String {
        if let v = args["root"] {
            if case .null = v {} else { return try args.string(SelfPlayConversions.labelOnly, "root") }
        }
        do { return try SafetyDatasets.defaultRoot() } catch let error as DataError {
            throw ScriptError("\(args.callee): \(error.message)")
        }
    }
}

/// The fetched safety-data folder when it is present.
enum SafetyDatasetsRoot {
    static func present() -> String? { try? SafetyDatasets.defaultRoot() }
}
