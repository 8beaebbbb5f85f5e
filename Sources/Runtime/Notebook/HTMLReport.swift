/// Writes a notebook's results as one self-contained HTML page: inline style, prose rendered from
/// Markdown, each code cell with its code, printed output, tables, charts as inline SVG, its error
/// and run time. The page is also well-formed XML (every element closed, only XML's entities), so
/// tests can parse it strictly; it loads nothing from the network and holds no script.
public enum HTMLReport {
    public static func render(_ result: NotebookResult) -> String {
        let title = fileName(result.path)
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        html += "<title>\(xmlEscape(title))</title>\n<style>\n\(ReportStyle.css)\n</style>\n</head>\n<body>\n<main>\n"
        html += "<header class=\"report-head\">\n<h1>\(xmlEscape(title))</h1>\n<p class=\"meta\">\(summaryLine(result))</p>\n</header>\n"
        for cell in result.cells { html += section(cell) }
        html += "<footer>Written by spar notebook (Spar \(xmlEscape(Runtime.version))) from \(xmlEscape(result.path)).</footer>\n"
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// `5 code cells, 1 failed (cell [4]) · 3 prose cells · total 1.2 s`
    static func summaryLine(_ result: NotebookResult) -> String {
        let code = result.cells.filter { $0.cell.kind == .code }
        let prose = result.cells.count - code.count
        var parts = ["\(code.count) code \(code.count == 1 ? "cell" : "cells")"]
        if let failure = result.firstFailure {
            let notRun = code.filter { $0.status == .notRun }.count
            var text = "<span class=\"failed\">cell \(xmlEscape(failure.cell.label)) failed</span>"
            if notRun > 0 { text += ", \(notRun) not run" }
            parts.append(text)
        } else {
            parts.append("all ran")
        }
        parts.append("\(prose) prose \(prose == 1 ? "cell" : "cells")")
        parts.append("total \(formatDuration(nanoseconds: result.nanoseconds))")
        return parts.joined(separator: " · ")
    }

    static func section(_ r: CellResult) -> String {
        let id = "cell-\(r.cell.number)"
        if r.status == .prose {
            return "<section class=\"prose\" id=\"\(id)\">\n" + MarkdownRenderer.html(r.cell.source) + "</section>\n"
        }
        if r.cell.isEmpty { return "" }
        let classes = r.status.isFailure ? "cell failed" : r.status == .notRun ? "cell not-run" : "cell"
        var html = "<section class=\"\(classes)\" id=\"\(id)\">\n<div class=\"cell-head\">"
        html += "<span class=\"cell-label\">\(xmlEscape(r.cell.label))</span>"
        html += "<span class=\"cell-status\(r.status.isFailure ? " failed" : "")\">\(statusText(r))</span></div>\n"
        html += "<pre class=\"code\"><code>\(xmlEscape(r.cell.source))</code></pre>\n"
        if !r.outputs.isEmpty {
            html += "<div class=\"outputs\">\n"
            for output in r.outputs { html += self.output(output) }
            html += "</div>\n"
        }
        if !r.errorText.isEmpty {
            html += "<pre class=\"error\">\(xmlEscape(r.errorText.trimmingTrailingNewlines()))</pre>\n"
        }
        return html + "</section>\n"
    }

    static func statusText(_ r: CellResult) -> String {
        switch r.status {
        case .ok, .prose: return formatDuration(nanoseconds: r.nanoseconds)
        case .compileError: return "compile error · " + formatDuration(nanoseconds: r.nanoseconds)
        case .runtimeError: return "error · " + formatDuration(nanoseconds: r.nanoseconds)
        case .notRun: return "not run"
        }
    }

    static func output(_ output: CellResult.Output) -> String {
        switch output {
        case .printed(let text):
            return "<pre class=\"stdout\">\(xmlEscape(text.trimmingTrailingNewlines()))</pre>\n"
        case .displayed(.text(let text)):
            return "<pre class=\"display\">\(xmlEscape(text.trimmingTrailingNewlines()))</pre>\n"
        case .displayed(.table(let table)):
            return "<div class=\"table-wrap\">\n\(table.html())</div>\n"
        case .displayed(.chart(let chart)):
            return "<figure class=\"plot\">\n\(SVGChart.render(chart))</figure>\n"
        }
    }

    static func fileName(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
