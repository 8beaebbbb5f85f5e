import Foundation

/// Reading the files of the safety-data asset: paths relative to its folder, a size limit checked
/// before anything is read, and UTF-8 text.
struct DataFiles {
    /// The `safety-data` folder (`$SPAR_HOME/safety-data`, or a sample folder in tests).
    let root: String

    /// No file of these sets is near this; a bigger one is not what the loader expects.
    static let maxBytes: UInt64 = 64 << 20

    func path(_ relative: String) -> String {
        (root as NSString).appendingPathComponent(relative)
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path(relative))
    }

    func text(_ relative: String) throws -> String {
        let full = path(relative)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
              let size = (attributes[.size] as? NSNumber)?.uint64Value else {
            throw DataError.at(full, line: nil, "cannot read the file (is the safety-data asset fetched? run `spar fetch safety-data`)")
        }
        guard size <= Self.maxBytes else {
            throw DataError.at(full, line: nil, "\(size) bytes, over the \(Self.maxBytes)-byte limit for a data file")
        }
        guard let data = FileManager.default.contents(atPath: full) else { throw DataError.at(full, line: nil, "cannot read the file") }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError.at(full, line: nil, "not UTF-8 text") }
        return text
    }

    func csv(_ relative: String) throws -> CSVTable {
        try CSVTable(text: try text(relative), file: path(relative))
    }

    /// Files directly in `folder` (or below it with `recursive`) ending in `suffix`, sorted, as
    /// paths relative to the root.
    func files(in folder: String, suffix: String, recursive: Bool = false) throws -> [String] {
        let full = path(folder)
        let names: [String]
        do {
            names = recursive
                ? (FileManager.default.enumerator(atPath: full)?.allObjects as? [String] ?? [])
                : try FileManager.default.contentsOfDirectory(atPath: full)
        } catch {
            throw DataError.at(full, line: nil, "cannot list the folder (is the safety-data asset fetched? run `spar fetch safety-data`)")
        }
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }
}
