import Foundation

/// Writes a report file in the format its name asks for: `.html`/`.htm` or `.md`/`.markdown`.
/// Every file is written atomically; a Markdown report's charts go to `<name>_files/` beside it.
public enum ReportWriter {
    public enum Format: Equatable { case html, markdown }

    /// The format for a report path, or nil when the extension is not one of the above.
    public static func format(for path: String) -> Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        return nil
    }

    /// Writes the report; returns the paths written (the report first).
    @discardableResult
    public static func write(_ result: NotebookResult, to path: String) throws -> [String] {
        switch format(for: path) {
        case .html?:
            try AtomicFile.write(HTMLReport.render(result), to: path)
            return [path]
        case .markdown?:
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingPathExtension().lastPathComponent + "_files"
            let (markdown, assets) = MarkdownReport.render(result, assetsFolder: folder)
            var written: [String] = []
            if !assets.isEmpty {
                let directory = url.deletingLastPathComponent().appendingPathComponent(folder)
                do {
                    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                } catch {
                    throw ScriptError("cannot create '\(directory.path)': \(error.localizedDescription)")
                }
                for asset in assets {
                    let assetPath = url.deletingLastPathComponent().appendingPathComponent(asset.relativePath).path
                    try AtomicFile.write(asset.contents, to: assetPath)
                    written.append(assetPath)
                }
            }
            try AtomicFile.write(markdown, to: path)
            return [path] + written
        case nil:
            throw ScriptError("cannot tell the report format of '\(path)': name it .html or .md")
        }
    }
}
