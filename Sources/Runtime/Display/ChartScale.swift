import Foundation

/// A linear axis: a "nice" range that covers the data and round tick values inside it
/// (steps of 1, 2 or 5 times a power of ten), as both chart renderers need.
struct ChartScale: Equatable {
    let lower: Double
    let upper: Double
    let ticks: [Double]

    /// A scale covering `min...max` with about `targetTicks` ticks.
    /// `integral`: the data are whole numbers (steps, indices), so ticks are too.
    init(min dataMin: Double, max dataMax: Double, targetTicks: Int, integral: Bool = false) {
        var lo = dataMin.isFinite ? dataMin : 0
        var hi = dataMax.isFinite ? dataMax : 1
        if lo > hi { swap(&lo, &hi) }
        if lo == hi {
            let pad = lo == 0 ? 1 : Swift.abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        guard (hi - lo).isFinite else {
            // A range wider than the largest Double: no round ticks, just the ends.
            lower = lo
            upper = hi
            ticks = [lo, hi]
            return
        }
        let raw = ChartScale.niceStep((hi - lo) / Double(Swift.max(1, targetTicks)))
        let step = integral ? Swift.max(1, raw) : raw
        let first = (lo / step).rounded(.down) * step
        let last = (hi / step).rounded(.up) * step
        lower = first
        upper = last
        var ticks: [Double] = []
        var t = first
        // Bounded loop: at most targetTicks + 2 steps by construction, capped anyway.
        while t <= last + step * 1e-9 && ticks.count < 100 {
            ticks.append(Swift.abs(t) < step * 1e-9 ? 0 : t)
            t = first + Double(ticks.count) * step
        }
        self.ticks = ticks
    }

    /// A scale from exactly `min` to `max` (x axes: no empty margin), with the round ticks inside.
    init(tightMin dataMin: Double, max dataMax: Double, targetTicks: Int, integral: Bool = false) {
        let loose = ChartScale(min: dataMin, max: dataMax, targetTicks: targetTicks, integral: integral)
        let lo = dataMin.isFinite ? Swift.min(dataMin, dataMax) : loose.lower
        let hi = dataMax.isFinite ? Swift.max(dataMin, dataMax) : loose.upper
        guard hi > lo else { self = loose; return }
        lower = lo
        upper = hi
        let span = hi - lo
        ticks = loose.ticks.filter { $0 >= lo - span * 1e-9 && $0 <= hi + span * 1e-9 }
    }

    /// 1, 2 or 5 times a power of ten, the one nearest to `raw` (on a log scale).
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Where `value` falls between lower (0) and upper (1); always finite, so pixel positions made
    /// from it never trap. Works through halves so values near ±Double.greatestFiniteMagnitude do
    /// not overflow.
    func fraction(_ value: Double) -> Double {
        let span = upper / 2 - lower / 2
        guard span > 0 else { return 0.5 }
        let f = (value / 2 - lower / 2) / span
        return f.isFinite ? Swift.min(2, Swift.max(-1, f)) : 0.5
    }

    /// The range of the x values of all series, or of a histogram's bin edges.
    static func xRange(of chart: Chart) -> (Double, Double) {
        if chart.kind == .histogram {
            let edges = chart.histogramBins.edges
            return (edges.first ?? 0, edges.last ?? 1)
        }
        let xs = chart.series.flatMap { $0.points.map(\.x) }
        return (xs.min() ?? 0, xs.max() ?? 1)
    }

    /// True when every x value is a whole number (so x ticks should be whole numbers too).
    static func integralX(_ chart: Chart) -> Bool {
        chart.series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } }
    }

    /// The range of the y values (a histogram's counts start at zero).
    static func yRange(of chart: Chart) -> (Double, Double) {
        if chart.kind == .histogram {
            let top = chart.histogramBins.counts.flatMap { $0 }.max() ?? 1
            return (0, Double(Swift.max(1, top)))
        }
        let ys = chart.series.flatMap { $0.points.map(\.y) }
        return (ys.min() ?? 0, ys.max() ?? 1)
    }
}
