/// Draws a `Chart` as text for a terminal: lines in braille dots, scatter points as one marker
/// character per series, histograms as bars of block characters; with a y axis of round tick
/// values, an x axis with tick labels, the title, axis labels and a legend.
///
///     loss
///      3 ┤⠑⠢⡀
///        │  ⠈⠢⡀ ...
///
/// With `color`, each series is drawn in its own ANSI colour (used on colour terminals only; the
/// golden tests and reports use plain text).
public enum TerminalChart {
    /// ANSI foreground colours of the series, in order (blue, red, green, yellow, magenta, cyan).
    static let colors = ["\u{1B}[34m", "\u{1B}[31m", "\u{1B}[32m", "\u{1B}[33m", "\u{1B}[35m", "\u{1B}[36m"]
    static let reset = "\u{1B}[0m"
    /// Scatter markers of the series, in order.
    static let markers: [Character] = ["•", "×", "+", "o", "*", "#"]

    public static func render(_ chart: Chart, color: Bool = false) -> String {
        if chart.kind == .bar { return BarChartRendering.terminal(chart) }
        let width = max(10, min(chart.terminalWidth, 400))
        let height = max(3, min(chart.terminalHeight, 100))
        guard chart.pointCount > 0 else {
            return (chart.title.map { $0 + "\n" } ?? "") + "(no data to plot)\n"
        }
        let (x0, x1) = ChartScale.xRange(of: chart)
        let (y0, y1) = ChartScale.yRange(of: chart)
        let xScale = ChartScale(tightMin: x0, max: x1, targetTicks: max(2, width / 15),
                                integral: chart.kind != .histogram && ChartScale.integralX(chart))
        let yScale = ChartScale(min: y0, max: y1, targetTicks: max(2, height / 3))

        // Plot area: cells[row][column] of (character, series or -1).
        var cells = [[(Character, Int)]](repeating: [(Character, Int)](repeating: (" ", -1), count: width), count: height)
        switch chart.kind {
        case .line: drawLines(chart, into: &cells, x: xScale, y: yScale)
        case .scatter: drawPoints(chart, into: &cells, x: xScale, y: yScale)
        case .histogram: drawBars(chart, into: &cells, y: yScale)
        case .bar: break  // drawn by BarChartRendering above
        }

        // Each tick labels the row it falls in (a row spans a range of values); when two ticks fall
        // in one row, the one nearer the row's centre wins.
        var rowLabels = [String?](repeating: nil, count: height)
        var labelDistance = [Double](repeating: .infinity, count: height)
        for tick in yScale.ticks {
            let exact = (1 - yScale.fraction(tick)) * Double(height - 1)
            let row = Int(exact.rounded())
            guard row >= 0, row < height, abs(exact - Double(row)) < labelDistance[row] else { continue }
            labelDistance[row] = abs(exact - Double(row))
            rowLabels[row] = displayNumber(tick)
        }
        let labelWidth = rowLabels.compactMap { $0?.count }.max() ?? 1
        let indent = String(repeating: " ", count: labelWidth + 1)

        var out = ""
        if let title = chart.title, !title.isEmpty {
            out += String(repeating: " ", count: max(0, labelWidth + 2 + (width - title.count) / 2)) + title + "\n"
        }
        if let ylabel = chart.ylabel, !ylabel.isEmpty { out += ylabel + "\n" }
        for row in 0..<height {
            let label = rowLabels[row] ?? ""
            out += String(repeating: " ", count: labelWidth - label.count) + label
            out += rowLabels[row] == nil ? " │" : " ┤"
            var line = ""
            var current = -1
            for (character, series) in cells[row] {
                if color {
                    let wanted = character == " " ? -1 : series
                    if wanted != current {
                        if current >= 0 { line += reset }
                        if wanted >= 0 { line += colors[wanted % colors.count] }
                        current = wanted
                    }
                }
                line.append(character)
            }
            if color && current >= 0 { line += reset }
            out += trimmedRight(line) + "\n"
        }
        out += indent + "└" + String(repeating: "─", count: width) + "\n"
        out += indent + " " + xTickLine(chart, scale: xScale, width: width) + "\n"
        if let xlabel = chart.xlabel, !xlabel.isEmpty {
            out += String(repeating: " ", count: max(0, labelWidth + 2 + (width - xlabel.count) / 2)) + xlabel + "\n"
        }
        if chart.showLegend { out += legend(chart, color: color) + "\n" }
        return out
    }

    private static func drawLines(_ chart: Chart, into cells: inout [[(Character, Int)]], x: ChartScale, y: ChartScale) {
        let height = cells.count, width = cells.first?.count ?? 0
        var canvas = BrailleCanvas(width: width, height: height)
        func dot(_ p: (x: Double, y: Double)) -> (x: Int, y: Int) {
            (x: Int((x.fraction(p.x) * Double(canvas.dotWidth - 1)).rounded()),
             y: Int(((1 - y.fraction(p.y)) * Double(canvas.dotHeight - 1)).rounded()))
        }
        for (index, series) in chart.series.enumerated() {
            for run in series.runs {
                guard var previous = run.first.map(dot) else { continue }
                canvas.set(x: previous.x, y: previous.y, series: index)
                for point in run.dropFirst() {
                    let next = dot(point)
                    canvas.line(from: previous, to: next, series: index)
                    previous = next
                }
            }
        }
        for row in 0..<height {
            for column in 0..<width {
                cells[row][column] = (canvas.character(column: column, row: row), canvas.series(column: column, row: row))
            }
        }
        // Braille lines all look alike: with several series, each carries its marker every few
        // columns (staggered per series) so the chart reads without colour too.
        guard chart.series.count > 1 else { return }
        for (index, series) in chart.series.enumerated() {
            for column in stride(from: 3 + 3 * index, to: width - 1, by: 12) {
                let xValue = x.lower + Double(column * 2) / Double(canvas.dotWidth - 1) * (x.upper - x.lower)
                guard let yValue = interpolate(series, at: xValue) else { continue }
                let row = Int(((1 - y.fraction(yValue)) * Double(canvas.dotHeight - 1)).rounded()) / 4
                if row >= 0 && row < height { cells[row][column] = (markers[index % markers.count], index) }
            }
        }
    }

    /// The series' y at `x` by linear interpolation within a run of points (nil in gaps and outside).
    private static func interpolate(_ series: ChartSeries, at x: Double) -> Double? {
        for run in series.runs {
            for (p, q) in zip(run, run.dropFirst()) where (p.x <= x && x <= q.x) || (q.x <= x && x <= p.x) {
                return q.x == p.x ? p.y : p.y + (q.y - p.y) * (x - p.x) / (q.x - p.x)
            }
        }
        return nil
    }

    private static func drawPoints(_ chart: Chart, into cells: inout [[(Character, Int)]], x: ChartScale, y: ChartScale) {
        let height = cells.count, width = cells.first?.count ?? 0
        for (index, series) in chart.series.enumerated() {
            for p in series.points {
                let column = Int((x.fraction(p.x) * Double(width - 1)).rounded())
                let row = Int(((1 - y.fraction(p.y)) * Double(height - 1)).rounded())
                guard row >= 0, row < height, column >= 0, column < width else { continue }
                cells[row][column] = (markers[index % markers.count], index)
            }
        }
    }

    /// Vertical bars, one group of columns per bin; series side by side within a bin. Bar tops use
    /// the eighth-block characters, so heights resolve to 1/8 of a row.
    private static func drawBars(_ chart: Chart, into cells: inout [[(Character, Int)]], y: ChartScale) {
        let height = cells.count, width = cells.first?.count ?? 0
        let bins = chart.histogramBins
        let binCount = bins.edges.count - 1
        guard binCount > 0 else { return }
        let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        for bin in 0..<binCount {
            let start = bin * width / binCount
            let end = (bin + 1) * width / binCount
            // Leave a one-column gap between bins when they are wide enough.
            let usable = end - start > 2 ? end - start - 1 : end - start
            for (index, counts) in bins.counts.enumerated() {
                let seriesCount = bins.counts.count
                let from = start + index * usable / seriesCount
                let to = start + (index + 1) * usable / seriesCount
                let eighths = Int((y.fraction(Double(counts[bin])) * Double(height * 8)).rounded())
                for column in from..<max(from, to) where column < width {
                    for row in 0..<height {
                        let filledBelow = (height - 1 - row) * 8
                        let level = min(8, max(0, eighths - filledBelow))
                        if level > 0 { cells[row][column] = (blocks[level], index) }
                    }
                }
            }
        }
    }

    /// Tick labels under the x axis, each centred on its column, skipping any that would overlap.
    private static func xTickLine(_ chart: Chart, scale: ChartScale, width: Int) -> String {
        var line = [Character](repeating: " ", count: width + 12)
        var nextFree = 0
        for tick in scale.ticks {
            let label = Array(displayNumber(tick))
            let column = Int((scale.fraction(tick) * Double(width - 1)).rounded())
            var start = max(0, column - label.count / 2)
            if start + label.count > line.count { start = line.count - label.count }
            guard start >= nextFree, start >= 0 else { continue }
            for (i, c) in label.enumerated() { line[start + i] = c }
            nextFree = start + label.count + 1
        }
        return trimmedRight(String(line))
    }

    private static func legend(_ chart: Chart, color: Bool) -> String {
        chart.series.enumerated().map { index, series in
            let mark: String
            switch chart.kind {
            case .line: mark = chart.series.count > 1 ? "─" + String(markers[index % markers.count]) + "─" : "──"
            case .scatter: mark = String(markers[index % markers.count])
            case .histogram, .bar: mark = "█"
            }
            let painted = color ? colors[index % colors.count] + mark + reset : mark
            return painted + " " + series.name
        }.joined(separator: "   ")
    }

    private static func trimmedRight(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}

