import Foundation

/// Draws a `Chart` as a standalone SVG element (valid XML, no scripts, no external resources) for
/// HTML reports, Markdown reports and `save(p, "file.svg")`.
public enum SVGChart {
    /// Series colours, in order; chosen to stay distinguishable for common colour-vision deficiencies.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
    static let width = 640.0, height = 360.0
    static let left = 64.0, right = 20.0, top = 40.0, bottom = 56.0
    /// Above this many points a series is thinned to the minimum and maximum of each pixel column,
    /// which keeps spikes while keeping the file small.
    static let thinningThreshold = 2000

    public static func render(_ chart: Chart) -> String {
        if chart.kind == .bar { return BarChartRendering.svg(chart) }
        // A legend gets its own row above the plot area, so it never hides data.
        let top = chart.showLegend ? SVGChart.top + 20 : SVGChart.top
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let (x0, x1) = ChartScale.xRange(of: chart)
        let (y0, y1) = ChartScale.yRange(of: chart)
        let xScale = ChartScale(tightMin: x0, max: x1, targetTicks: 8,
                                integral: chart.kind != .histogram && ChartScale.integralX(chart))
        let yScale = ChartScale(min: y0, max: y1, targetTicks: 6)
        func px(_ x: Double) -> Double { left + xScale.fraction(x) * plotWidth }
        func py(_ y: Double) -> Double { top + (1 - yScale.fraction(y)) * plotHeight }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        svg += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n"
        svg += "<title>\(xmlEscape(chart.title ?? "\(chart.kind.rawValue) chart"))</title>\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        if let title = chart.title, !title.isEmpty {
            svg += "<text x=\"\(n(width / 2))\" y=\"24\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">\(xmlEscape(title))</text>\n"
        }
        // Grid and ticks.
        svg += "<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        for t in yScale.ticks { svg += "<line x1=\"\(n(left))\" y1=\"\(n(py(t)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(py(t)))\"/>\n" }
        for t in xScale.ticks { svg += "<line x1=\"\(n(px(t)))\" y1=\"\(n(top))\" x2=\"\(n(px(t)))\" y2=\"\(n(top + plotHeight))\"/>\n" }
        svg += "</g>\n<g fill=\"#444444\">\n"
        for t in yScale.ticks {
            svg += "<text x=\"\(n(left - 6))\" y=\"\(n(py(t) + 4))\" text-anchor=\"end\">\(xmlEscape(displayNumber(t)))</text>\n"
        }
        for t in xScale.ticks {
            svg += "<text x=\"\(n(px(t)))\" y=\"\(n(top + plotHeight + 16))\" text-anchor=\"middle\">\(xmlEscape(displayNumber(t)))</text>\n"
        }
        svg += "</g>\n"
        svg += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\" fill=\"none\" stroke=\"#888888\"/>\n"
        if let xlabel = chart.xlabel, !xlabel.isEmpty {
            svg += "<text x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 14))\" text-anchor=\"middle\">\(xmlEscape(xlabel))</text>\n"
        }
        if let ylabel = chart.ylabel, !ylabel.isEmpty {
            svg += "<text x=\"16\" y=\"\(n(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(n(top + plotHeight / 2)))\">\(xmlEscape(ylabel))</text>\n"
        }

        // Marks.
        switch chart.kind {
        case .line:
            for (index, series) in chart.series.enumerated() {
                let colour = palette[index % palette.count]
                for run in series.runs {
                    let points = thinned(run, buckets: Int(plotWidth))
                    if points.count == 1, let p = points.first {
                        svg += "<circle cx=\"\(n(px(p.x)))\" cy=\"\(n(py(p.y)))\" r=\"2.5\" fill=\"\(colour)\"/>\n"
                        continue
                    }
                    let list = points.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
                    svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\" points=\"\(list)\"/>\n"
                }
            }
        case .scatter:
            for (index, series) in chart.series.enumerated() {
                svg += "<g fill=\"\(palette[index % palette.count])\" fill-opacity=\"0.75\">\n"
                for p in series.points {
                    svg += "<circle cx=\"\(n(px(p.x)))\" cy=\"\(n(py(p.y)))\" r=\"3\"/>\n"
                }
                svg += "</g>\n"
            }
        case .bar:
            break  // drawn by BarChartRendering at the top
        case .histogram:
            let bins = chart.histogramBins
            let seriesCount = max(1, bins.counts.count)
            for (index, counts) in bins.counts.enumerated() {
                svg += "<g fill=\"\(palette[index % palette.count])\" fill-opacity=\"0.85\">\n"
                for bin in counts.indices {
                    let a = px(bins.edges[bin]), b = px(bins.edges[bin + 1])
                    let slot = (b - a - 1) / Double(seriesCount)
                    let x = a + 0.5 + Double(index) * slot
                    let yTop = py(Double(counts[bin]))
                    svg += "<rect x=\"\(n(x))\" y=\"\(n(yTop))\" width=\"\(n(max(0.5, slot)))\" height=\"\(n(max(0, top + plotHeight - yTop)))\"/>\n"
                }
                svg += "</g>\n"
            }
        }

        if chart.showLegend {
            svg += "<g>\n"
            var x = left
            let y = SVGChart.top + 6
            for (index, series) in chart.series.enumerated() {
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y - 9))\" width=\"12\" height=\"10\" fill=\"\(palette[index % palette.count])\"/>\n"
                svg += "<text x=\"\(n(x + 16))\" y=\"\(n(y))\">\(xmlEscape(series.name))</text>\n"
                x += 16 + 7 * Double(series.name.count) + 18
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// Keeps at most two points (the lowest and highest, in x order) per bucket of x.
    static func thinned(_ run: [(x: Double, y: Double)], buckets: Int) -> [(x: Double, y: Double)] {
        guard run.count > thinningThreshold, buckets > 0,
              let first = run.first, let last = run.last, last.x > first.x, (last.x - first.x).isFinite else { return run }
        var result: [(x: Double, y: Double)] = []
        var bucket = -1
        var low = first, high = first
        func flush() {
            if bucket < 0 { return }
            if low.x <= high.x { result.append(low); if high.x != low.x || high.y != low.y { result.append(high) } }
            else { result.append(high); result.append(low) }
        }
        for p in run {
            let position = ((p.x - first.x) / (last.x - first.x) * Double(buckets)).rounded(.down)
            let b = position.isFinite ? Int(min(Double(buckets - 1), max(0, position))) : 0
            if b != bucket {
                flush()
                bucket = b
                low = p; high = p
            } else {
                if p.y < low.y { low = p }
                if p.y > high.y { high = p }
            }
        }
        flush()
        return result
    }

    /// A coordinate with at most one decimal, so files are small and deterministic.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded.isFinite ? formatNumber(rounded) : "0"
    }
}

/// Text made safe inside XML and HTML elements and attribute values.
public func xmlEscape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // Control characters other than tab and newline are not allowed in XML 1.0.
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { out += "\u{FFFD}" }
            else if scalar.value == 0x7f { out += "\u{FFFD}" }
            else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
