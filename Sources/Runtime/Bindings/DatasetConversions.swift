import Datasets
import Foundation

/// Safety records as Spar records: `{id, prompt, category, source, type}`, then for labelled sets
/// `response`, `label` and `labels` (the same verdict under the judge label it is, so
/// `j.evaluate(data.load("refusal_human"))` works as it is), then the set's extra fields.
enum DatasetConversions {
    static func record(_ r: SafetyRecord) -> Value {
        var pairs: [(String, Value)] = [
            ("id", .string(r.id)), ("prompt", .string(r.prompt)), ("category", .string(r.category)),
            ("source", .string(r.source)), ("type", .string(r.type.rawValue)),
        ]
        if let response = r.response {
            let label: Value = r.label.map { .bool($0) } ?? .null
            pairs.append(("response", .string(response)))
            pairs.append(("label", label))
            if let name = r.labelName { pairs.append(("labels", .record([(name, label)]))) }
        }
        for field in r.extra { pairs.append((field.name, value(field.value))) }
        return .record(pairs)
    }

    static func value(_ f: FieldValue) -> Value {
        switch f {
        case .string(let s): return .string(s)
        case .number(let d): return .number(d)
        case .bool(let b): return .bool(b)
        case .strings(let xs): return .list(ListObject(xs.map { .string($0) }))
        case .null: return .null
        }
    }

    static func info(_ i: DatasetInfo, root: String?) -> Value {
        let files = root.map { DataFilesProbe(root: $0) }
        let present = i.files.isEmpty || (files.map { p in i.files.allSatisfy { p.exists($0) } } ?? false)
        return .record([
            ("name", .string(i.name)), ("summary", .string(i.summary)), ("present", .bool(present)),
            ("labelled", .bool(i.labelled)), ("licence", .string(i.licence)), ("provenance", .string(i.provenance)),
            ("files", .list(ListObject(i.files.map { .string((root.map { "\($0)/" } ?? "") + $0) }))),
            ("licence_files", .list(ListObject(i.licenceFiles.map { .string((root.map { "\($0)/" } ?? "") + $0) }))),
        ])
    }
}

/// Whether a data file exists under a safety-data folder.
private struct DataFilesProbe {
    let root: String
    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: (root as NSString).appendingPathComponent(relative))
    }
}
