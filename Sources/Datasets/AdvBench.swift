/// AdvBench's 520 harmful behaviours (Zou et al. 2023) as PyRIT ships them: a YAML seed list whose
/// entries carry harm categories (the first is used as `category`, all are in `categories`).
enum AdvBench {
    static let file = "pyrit-1.1.0/pyrit/datasets/seed_datasets/local/adv_bench.prompt"

    static func load(_ files: DataFiles) throws -> [SafetyRecord] {
        let yaml = try YAMLFile(text: try files.text(file), file: files.path(file))
        return try yaml.sequence(yaml.root, "seeds").enumerated().map { i, seed in
            let value = try yaml.string(seed, "value")
            let categories = try yaml.strings(seed, "harm_categories")
            return SafetyRecord(
                id: "advbench-\(i + 1)", prompt: value, category: categories.first ?? "uncategorized",
                source: "advbench", type: .harmful, extra: [.init("categories", .strings(categories))])
        }
    }
}
