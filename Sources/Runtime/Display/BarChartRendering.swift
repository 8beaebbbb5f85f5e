/// Horizontal bar charts (`Chart.Kind.bar`): one group of bars per category, one bar per series,
/// values from 0 up (rates, counts). The terminal form is block characters with the value after
/// each bar; the SVG form is sized to the number of bars.
public enum BarChartRendering {
    static let blocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    private static func top(_ chart: Chart) -> Double {
        let values = chart.series.flatMap(\.ys).filter(\.isFinite)
        return max(values.max() ?? 0, 1e-12)
    }

    private static func label(_ value: Double) -> String {
        value.isFinite ? displayNumber((value * 1000).rounded() / 1000) : "-"
    }

    public static func terminal(_ chart: Chart) -> String {
        var out = chart.title.map { $0 + "\n" } ?? ""
        guard !chart.categories.isEmpty, !chart.series.isEmpty else { return out + "(no data to plot)\n" }
        let width = max(10, min(chart.terminalWidth, 400))
        let nameWidth = min(32, chart.categories.map(\.count).max() ?? 0)
        let seriesWidth = chart.series.count > 1 ? (chart.series.map(\.name.count).max() ?? 0) + 1 : 0
        let scale = top(chart)
        for (i, category) in chart.categories.enumerated() {
            for (j, series) in chart.series.enumerated() {
                let name = j == 0 ? String(category.prefix(nameWidth)) : ""
                var line = name + String(repeating: " ", count: nameWidth - name.count) + "  "
                if seriesWidth > 0 { line += series.name + String(repeating: " ", count: seriesWidth - series.name.count) }
                let value = i < series.ys.count ? series.ys[i] : .nan
                if value.isFinite, value > 0 {
                    let eighths = Int((value / scale * Double(width) * 8).rounded())
                    line += String(repeating: "█", count: eighths / 8)
                    if eighths % 8 > 0 { line.append(blocks[eighths % 8 - 1]) }
                }
                out += line + " " + label(value) + "\n"
            }
        }
        return out
    }

    public static func svg(_ chart: Chart) -> String {
        let barHeight = 16.0, gap = 8.0, left = 220.0, right = 60.0, width = 640.0
        let titleSpace = chart.title == nil ? 10.0 : 36.0
        let legendSpace = chart.series.count > 1 ? 22.0 : 0
        let groupHeight = Double(max(1, chart.series.count)) * barHeight + gap
        let height = titleSpace + legendSpace + Double(chart.categories.count) * groupHeight + 30
        let scale = top(chart), plot = width - left - right
        func n(_ x: Double) -> String { SVGChart.n(x) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        svg += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<title>\(xmlEscape(chart.title ?? "bar chart"))</title>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        if let title = chart.title {
            svg += "<text x=\"\(n(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(xmlEscape(title))</text>\n"
        }
        if chart.series.count > 1 {
            for (j, series) in chart.series.enumerated() {
                let x = left + Double(j) * 140
                svg += "<rect x=\"\(n(x))\" y=\"\(n(titleSpace))\" width=\"12\" height=\"12\" fill=\"\(SVGChart.palette[j % SVGChart.palette.count])\"/>"
                svg += "<text x=\"\(n(x + 16))\" y=\"\(n(titleSpace + 10))\">\(xmlEscape(series.name))</text>\n"
            }
        }
        var y = titleSpace + legendSpace
        for (i, category) in chart.categories.enumerated() {
            svg += "<text x=\"\(n(left - 8))\" y=\"\(n(y + groupHeight / 2))\" text-anchor=\"end\">\(xmlEscape(String(category.prefix(34))))</text>\n"
            for (j, series) in chart.series.enumerated() {
                let value = i < series.ys.count ? series.ys[i] : .nan
                let barY = y + Double(j) * barHeight
                if value.isFinite, value > 0 {
                    svg += "<rect x=\"\(n(left))\" y=\"\(n(barY))\" width=\"\(n(value / scale * plot))\" height=\"\(n(barHeight - 2))\" fill=\"\(SVGChart.palette[j % SVGChart.palette.count])\"/>\n"
                }
                let end = left + (value.isFinite && value > 0 ? value / scale * plot : 0) + 4
                svg += "<text x=\"\(n(end))\" y=\"\(n(barY + barHeight - 5))\" fill=\"#444444\">\(xmlEscape(label(value)))</text>\n"
            }
            y += groupHeight
        }
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(titleSpace + legendSpace))\" x2=\"\(n(left))\" y2=\"\(n(y))\" stroke=\"#888888\"/>\n"
        if let xlabel = chart.xlabel {
            svg += "<text x=\"\(n(left + plot / 2))\" y=\"\(n(height - 8))\" text-anchor=\"middle\">\(xmlEscape(xlabel))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
