/// A chart as data: what `plot`, `scatter` and `histogram` build, and what the terminal and SVG
/// renderers draw. It knows nothing about Spar values (see `ChartArguments` for the conversion).
///
///     let c = Chart(kind: .line, series: [ChartSeries(name: "loss", ys: [3, 2, 1.5])], title: "fit")
///     print(TerminalChart.render(c))      // braille line chart with axes
///     let svg = SVGChart.render(c)        // a standalone <svg> element
public struct Chart: Equatable {
    /// What kind of marks the chart draws.
    public enum Kind: String, Equatable {
        /// Points joined by lines, in order of x.
        case line
        /// Unjoined points.
        case scatter
        /// Bars counting the values of each series' `ys` per bin (`xs` is unused).
        case histogram
        /// Horizontal bars, one group per entry of `categories`, one bar per series (`ys[i]` is the
        /// value for category i; a non-finite value draws no bar). Drawn by `BarChartRendering`.
        case bar
    }

    public var kind: Kind
    public var series: [ChartSeries]
    public var title: String?
    public var xlabel: String?
    public var ylabel: String?
    /// Whether a legend is drawn; by default only when there is more than one series or the series
    /// were named by the script.
    public var showLegend: Bool
    /// Number of bins of a histogram.
    public var bins: Int
    /// The labels of a bar chart's groups.
    public var categories: [String] = []
    /// Size of the terminal rendering's plot area in characters.
    public var terminalWidth: Int
    public var terminalHeight: Int

    public init(kind: Kind, series: [ChartSeries], title: String? = nil, xlabel: String? = nil,
                ylabel: String? = nil, showLegend: Bool? = nil, bins: Int = 10,
                terminalWidth: Int = 60, terminalHeight: Int = 12) {
        self.kind = kind
        self.series = series
        self.title = title
        self.xlabel = xlabel
        self.ylabel = ylabel
        self.showLegend = showLegend ?? (series.count > 1)
        self.bins = bins
        self.terminalWidth = terminalWidth
        self.terminalHeight = terminalHeight
    }

    /// Number of finite points over all series.
    public var pointCount: Int {
        series.reduce(0) { total, s in total + s.points.count }
    }

    /// The counts of a histogram: shared bin edges over all series and one count per bin and series.
    public var histogramBins: HistogramBins {
        HistogramBins(series.map { $0.ys.filter(\.isFinite) }, bins: bins)
    }
}

/// One named series of a chart. A non-finite y (nil in a script) is a gap: lines break there.
public struct ChartSeries: Equatable {
    public var name: String
    public var xs: [Double]
    public var ys: [Double]

    /// A series over x = 0, 1, 2, ...
    public init(name: String, ys: [Double]) {
        self.init(name: name, xs: ys.indices.map(Double.init), ys: ys)
    }

    /// A series with explicit x values; `xs` and `ys` must have the same length (checked by callers).
    public init(name: String, xs: [Double], ys: [Double]) {
        self.name = name
        self.xs = xs
        self.ys = ys
    }

    /// The points with both coordinates finite.
    public var points: [(x: Double, y: Double)] {
        zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }.map { (x: $0.0, y: $0.1) }
    }

    /// Runs of consecutive finite points: a line chart draws each run as one connected line.
    public var runs: [[(x: Double, y: Double)]] {
        var result: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for (x, y) in zip(xs, ys) {
            if x.isFinite && y.isFinite {
                current.append((x, y))
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }
}

/// Equal-width bins shared by every series of a histogram.
public struct HistogramBins: Equatable {
    /// `edges.count == counts[i].count + 1`.
    public let edges: [Double]
    /// counts[series][bin]
    public let counts: [[Int]]

    public init(_ values: [[Double]], bins: Int) {
        let all = values.flatMap { $0 }
        let binCount = max(1, bins)
        var lo = all.min() ?? 0
        var hi = all.max() ?? 1
        if lo == hi { lo -= 0.5; hi += 0.5 }
        // Interpolated and halved forms, so ranges near the largest Double do not overflow.
        edges = (0...binCount).map { i in
            let t = Double(i) / Double(binCount)
            return lo * (1 - t) + hi * t
        }
        let halfSpan = hi / 2 - lo / 2
        counts = values.map { series in
            var counts = [Int](repeating: 0, count: binCount)
            for v in series {
                // The last bin is closed on the right so the maximum is counted.
                let position = ((v / 2 - lo / 2) / halfSpan * Double(binCount)).rounded(.down)
                let bin = position.isFinite ? Int(min(Double(binCount - 1), max(0, position))) : 0
                counts[bin] += 1
            }
            return counts
        }
    }
}
