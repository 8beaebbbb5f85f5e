/// Writes a notebook's results as Markdown: prose as written, each code cell as a fenced `spar`
/// block followed by its output (text in fenced blocks, tables as pipe tables) and its error.
///
/// Charts are written as SVG files in a folder beside the report, `<report name>_files/`, and
/// linked as images (`![title](report_files/cell-3-1.svg)`): GitHub, VS Code and most Markdown
/// viewers show them, and the report itself stays readable and diffable.
public enum MarkdownReport {
    /// One file that goes beside the report.
    public struct Asset: Equatable {
        /// Path relative to the report's directory, e.g. `report_files/cell-3-1.svg`.
        public let relativePath: String
        public let contents: String
    }

    /// The Markdown text and the chart files it links to. `assetsFolder` is the folder name used
    /// in links (normally `<report name without extension>_files`).
    public static func render(_ result: NotebookResult, assetsFolder: String) -> (markdown: String, assets: [Asset]) {
        var md = "# \(HTMLReport.fileName(result.path))\n\n"
        md += plainSummary(result) + "\n\n"
        let hasCharts = result.cells.contains { $0.outputs.contains { if case .displayed(.chart) = $0 { return true } else { return false } } }
        if hasCharts { md += "Charts are SVG files in `\(assetsFolder)/` beside this report.\n\n" }
        var assets: [Asset] = []
        for r in result.cells {
            if r.status == .prose {
                md += r.cell.source + "\n\n"
                continue
            }
            if r.cell.isEmpty { continue }
            md += "### \(r.cell.label)\n\n"
            md += fenced(r.cell.source, language: "spar")
            var chartIndex = 0
            for output in r.outputs {
                switch output {
                case .printed(let text), .displayed(.text(let text)):
                    md += fenced(text.trimmingTrailingNewlines(), language: "text")
                case .displayed(.table(let table)):
                    md += table.markdown() + "\n"
                case .displayed(.chart(let chart)):
                    chartIndex += 1
                    let path = "\(assetsFolder)/cell-\(r.cell.number)-\(chartIndex).svg"
                    assets.append(Asset(relativePath: path, contents: SVGChart.render(chart)))
                    let alt = (chart.title ?? "\(chart.kind.rawValue) chart").replacingBrackets()
                    md += "![\(alt)](\(path))\n\n"
                }
            }
            if !r.errorText.isEmpty {
                md += "**Error:**\n\n" + fenced(r.errorText.trimmingTrailingNewlines(), language: "text")
            }
            md += "_\(HTMLReport.statusText(r))_\n\n"
        }
        return (md.trimmingTrailingNewlines() + "\n", assets)
    }

    static func plainSummary(_ result: NotebookResult) -> String {
        let code = result.cells.filter { $0.cell.kind == .code }
        let prose = result.cells.count - code.count
        var parts = ["\(code.count) code \(code.count == 1 ? "cell" : "cells")"]
        if let failure = result.firstFailure {
            let notRun = code.filter { $0.status == .notRun }.count
            parts.append("**cell \(failure.cell.label) failed**" + (notRun > 0 ? ", \(notRun) not run" : ""))
        } else {
            parts.append("all ran")
        }
        parts.append("\(prose) prose \(prose == 1 ? "cell" : "cells")")
        parts.append("total \(formatDuration(nanoseconds: result.nanoseconds))")
        return parts.joined(separator: " · ")
    }

    /// A fenced block whose fence is longer than any backtick run inside, so code cannot end it.
    static func fenced(_ text: String, language: String) -> String {
        var longest = 0, run = 0
        for c in text {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)\(language)\n\(text)\n\(fence)\n\n"
    }
}

private extension String {
    func replacingBrackets() -> String {
        String(map { $0 == "[" ? "(" : $0 == "]" ? ")" : $0 })
    }
}
