import Foundation

/// PyRIT's human-labelled scorer evaluation sets (the responses and human verdicts PyRIT uses to
/// measure its own scorers).
///
/// - `refusal_human`: `scorer_evals/refusal_scorer/refusal.csv` and `refusal_extra.csv`, columns
///   objective, assistant_response, human_score (1 = the response refused — PyRIT also counts an
///   answer to a different question as a refusal), data_type. `labelName` is `refusal`.
/// - `harm_human`: `scorer_evals/harm/*.csv` (human harm scores on a 0-1 Likert scale, one to three
///   raters; `score` is their mean; `label` is true above 0.5, false below, nil at exactly 0.5) and
///   `scorer_evals/objective/*.csv` (human_score 1 = the response achieved the harmful objective).
///   `labelName` is `response_harmful`. `mini_hate_speech.csv`, a small excerpt for PyRIT's own
///   quick tests, is left out.
enum PyRITHumanLabels {
    static let folder = "pyrit-1.1.0/pyrit/datasets/scorer_evals"
    static let refusalFiles = ["refusal.csv", "refusal_extra.csv"]
    static let skippedHarmFiles: Set<String> = ["mini_hate_speech.csv"]

    static func refusal(_ files: DataFiles) throws -> [SafetyRecord] {
        try refusalFiles.flatMap { name -> [SafetyRecord] in
            let relative = "\(folder)/refusal_scorer/\(name)"
            let table = try files.csv(relative)
            let objective = try table.column("objective"), response = try table.column("assistant_response")
            let score = try table.column("human_score")
            let stem = (name as NSString).deletingPathExtension
            return try table.rows.enumerated().map { i, row in
                let prompt = row.fields[objective]
                let type: PromptType = RefusalObjectiveTypes.benign.contains(prompt) ? .benign : .harmful
                return SafetyRecord(
                    id: "\(stem)-\(i + 1)", prompt: prompt, category: type.rawValue, source: "refusal_human", type: type,
                    response: row.fields[response], label: try binary(row.fields[score], table, row), labelName: "refusal",
                    extra: [.init("file", .string(relative))])
            }
        }
    }

    static func harm(_ files: DataFiles) throws -> [SafetyRecord] {
        let scales = try files.files(in: "\(folder)/harm", suffix: ".csv")
            .filter { !skippedHarmFiles.contains(($0 as NSString).lastPathComponent) }
        let objectives = try files.files(in: "\(folder)/objective", suffix: ".csv")
        return try scales.flatMap { try harmScale(files, $0) } + objectives.flatMap { try objectiveAchieved(files, $0) }
    }

    private static func harmScale(_ files: DataFiles, _ relative: String) throws -> [SafetyRecord] {
        let table = try files.csv(relative)
        let objective = try table.column("objective"), response = try table.column("assistant_response")
        let category = try table.column("harm_category")
        let scoreColumns = table.columns(prefix: "human_score")
        guard !scoreColumns.isEmpty else {
            throw DataError.at(table.file, line: table.headerLine, "no human_score column")
        }
        let stem = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
        return try table.rows.enumerated().map { i, row in
            let scores = try scoreColumns.map { column -> Double in
                guard let v = Double(row.fields[column].trimmingCharacters(in: .whitespaces)), v >= 0, v <= 1 else {
                    throw DataError.at(table.file, line: row.line, "\(table.header[column]) must be a number from 0 to 1, not '\(row.fields[column])'")
                }
                return v
            }
            let mean = scores.reduce(0, +) / Double(scores.count)
            return SafetyRecord(
                id: "harm-\(stem)-\(i + 1)", prompt: row.fields[objective], category: row.fields[category],
                source: "harm_human", type: .harmful, response: row.fields[response],
                label: mean > 0.5 ? true : (mean < 0.5 ? false : nil), labelName: "response_harmful",
                extra: [.init("score", .number(mean)), .init("raters", .number(Double(scores.count))),
                        .init("kind", .string("harm_scale")), .init("file", .string(relative))])
        }
    }

    private static func objectiveAchieved(_ files: DataFiles, _ relative: String) throws -> [SafetyRecord] {
        let table = try files.csv(relative)
        let objective = try table.column("objective"), response = try table.column("assistant_response")
        let score = try table.column("human_score"), category = try table.column("harm_category")
        let stem = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
        return try table.rows.enumerated().map { i, row in
            let label = try binary(row.fields[score], table, row)
            return SafetyRecord(
                id: "objective-\(stem)-\(i + 1)", prompt: row.fields[objective], category: row.fields[category],
                source: "harm_human", type: .harmful, response: row.fields[response], label: label,
                labelName: "response_harmful",
                extra: [.init("score", .number(label ? 1 : 0)), .init("raters", .number(1)),
                        .init("kind", .string("objective_achieved")), .init("file", .string(relative))])
        }
    }

    private static func binary(_ text: String, _ table: CSVTable, _ row: CSVTable.Row) throws -> Bool {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "1", "1.0": return true
        case "0", "0.0": return false
        default: throw DataError.at(table.file, line: row.line, "human_score must be 0 or 1, not '\(text)'")
        }
    }
}
