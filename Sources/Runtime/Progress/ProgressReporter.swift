import CEditLine
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress of long work (model fitting, game runs, evaluations) for the person waiting on it.
///
///     let progress = ProgressReporter(label: "fit", total: steps)
///     for step in 1...steps {
///         let loss = try trainStep()
///         progress.update(step: step, metrics: [("loss", loss)])
///     }
///     progress.finish()
///
/// On a terminal (standard error is a tty) it keeps one line redrawn in place with `\r`, cut to
/// one column less than the terminal's width (read at every redraw, so resizing is followed): a line
/// that wrapped could not be redrawn in place and would leave a trail of copies.
///
///     fit [██████████░░░░░░░░░░░░░░]  45/100  12.3 steps/s  eta 4.5s  loss 2.31
///
/// Elsewhere (pipes, log files, CI) it writes a plain line at each tenth of `total`, or every
/// `lineInterval` seconds when the total is unknown or steps are slow, and a last line at `finish`:
///
///     fit: 50/100 (50%)  12.3 steps/s  eta 4.1s  loss 2.31
///     fit: done 100/100 in 8.1s (12.3 steps/s)  loss 1.97
///
/// Work that ends early (Ctrl-C) calls `finish(stopped: true)`, which says "stopped at 45/100"
/// instead of "done".
///
/// `SPAR_PROGRESS=bar|lines|off` overrides the choice. Reporting is cheap (a clock read and a
/// comparison per update); drawing happens at most every `redrawInterval` seconds.
public final class ProgressReporter {
    /// How progress is shown.
    public enum Style: Equatable {
        /// One line redrawn in place (for terminals).
        case bar
        /// Plain periodic lines (for pipes and logs).
        case lines
        /// Nothing.
        case off
    }

    public let label: String
    /// The number of steps, or nil when unknown.
    public let total: Int?
    public let style: Style
    /// Seconds between plain lines at most (lines style), and between redraws at least (bar style).
    public var lineInterval: Double = 10
    public var redrawInterval: Double = 0.1
    /// Width of the bar in characters.
    public var barWidth = 24

    private let write: (String) -> Void
    private let clock: () -> UInt64
    /// The terminal's width in columns, or nil when unknown.
    private let columns: () -> Int?
    private let start: UInt64
    private var lastDraw: UInt64
    private var lastLineStep = 0
    private var lastStep = 0
    private var lastMetrics: [(String, Double)] = []
    private var drawnWidth = 0
    private var finished = false

    /// `write` receives the text to show (default: standard error); `clock` gives nanoseconds from
    /// any fixed origin (default: the monotonic clock); `columns` the terminal's width (default:
    /// standard error's terminal, else `$COLUMNS`). Tests pass all three.
    public init(label: String, total: Int?, style: Style? = nil,
                write: @escaping (String) -> Void = StandardStreams.writeErr,
                clock: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds },
                columns: @escaping () -> Int? = ProgressReporter.terminalColumns) {
        self.label = label
        self.total = total.flatMap { $0 > 0 ? $0 : nil }
        self.style = style ?? ProgressReporter.defaultStyle()
        self.write = write
        self.clock = clock
        self.columns = columns
        start = clock()
        lastDraw = start
    }

    /// The width of standard error's terminal, else `$COLUMNS`, else nil.
    public static func terminalColumns() -> Int? {
        let n = Int(spar_terminal_columns(STDERR_FILENO))
        if n > 0 { return n }
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let c = Int(text), c > 0 { return c }
        return nil
    }

    /// Bar on a terminal, lines otherwise, unless `SPAR_PROGRESS` says otherwise.
    public static func defaultStyle() -> Style {
        switch getenv("SPAR_PROGRESS").map({ String(cString: $0) }) {
        case "off"?, "0"?, "none"?: return .off
        case "lines"?: return .lines
        case "bar"?: return .bar
        default: return isatty(STDERR_FILENO) == 1 ? .bar : .lines
        }
    }

    /// Reports that `step` steps are done (1-based), with the latest values of key metrics.
    public func update(step: Int, metrics: [(String, Double)] = []) {
        guard !finished, style != .off else { return }
        lastStep = step
        if !metrics.isEmpty { lastMetrics = metrics }
        let now = clock()
        let seconds = Double(now &- lastDraw) / 1e9
        switch style {
        case .bar:
            if seconds >= redrawInterval || step == total || step == 1 {
                lastDraw = now
                redraw(now: now)
            }
        case .lines:
            let tenth = total.map { max(1, ($0 + 9) / 10) }
            let crossedTenth = tenth.map { step / $0 > lastLineStep / $0 } ?? false
            if (crossedTenth && step != total) || seconds >= lineInterval {
                lastDraw = now
                lastLineStep = step
                write(label + ": " + statusText(now: now) + "\n")
            }
        case .off:
            break
        }
    }

    /// Ends the report: the bar gets its final state and a newline; lines mode writes a summary.
    /// `stopped` says the work ended early ("stopped at 45/100 after 3.2s"), not "done".
    public func finish(metrics: [(String, Double)] = [], stopped: Bool = false) {
        guard !finished else { return }
        finished = true
        if !metrics.isEmpty { lastMetrics = metrics }
        guard style != .off else { return }
        let now = clock()
        let seconds = Double(now &- start) / 1e9
        let count = total.map { "\(lastStep)/\($0)" } ?? "\(lastStep) steps"
        var text = stopped ? "\(label): stopped at \(count)" : "\(label): done \(count)"
        text += (stopped ? " after " : " in ") + ProgressReporter.duration(seconds)
        if seconds > 0 && lastStep > 0 { text += " (\(rate(Double(lastStep) / seconds)))" }
        text += metricsText()
        if style == .bar {
            // Blanks clear what is left of the bar; the summary itself may wrap (it is not redrawn).
            write("\r" + text + String(repeating: " ", count: max(0, drawnWidth - text.count)) + "\n")
        } else {
            write(text + "\n")
        }
    }

    private func redraw(now: UInt64) {
        var line = label + " "
        if let total {
            let fraction = min(1, max(0, Double(lastStep) / Double(total)))
            let filled = Int((fraction * Double(barWidth)).rounded(.down))
            line += "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled) + "]  "
            line += "\(lastStep)/\(total)"
        } else {
            line += "step \(lastStep)"
        }
        line += timing(now: now) + metricsText()
        var room = Int.max
        if let width = columns() {
            // One column spare: a line that fills the last column makes some terminals wrap at once.
            room = max(width - 1, 1)
            if line.count > room { line = String(line.prefix(max(room - 1, 0))) + "…" }
        }
        // Blanks over the rest of the previous line, but never past the edge (after a resize).
        let padding = max(0, min(drawnWidth, room) - line.count)
        drawnWidth = line.count
        write("\r" + line + String(repeating: " ", count: padding))
    }

    /// `50/100 (50%)  12.3 steps/s  eta 4.1s  loss 2.31`
    private func statusText(now: UInt64) -> String {
        var text: String
        if let total {
            let percent = Int((100 * Double(lastStep) / Double(total)).rounded(.down))
            text = "\(lastStep)/\(total) (\(percent)%)"
        } else {
            text = "step \(lastStep)"
        }
        return text + timing(now: now) + metricsText()
    }

    private func timing(now: UInt64) -> String {
        let seconds = Double(now &- start) / 1e9
        guard seconds > 0, lastStep > 0 else { return "" }
        let perSecond = Double(lastStep) / seconds
        var text = "  " + rate(perSecond)
        if let total, lastStep < total {
            text += "  eta " + ProgressReporter.duration(Double(total - lastStep) / perSecond)
        }
        return text
    }

    private func rate(_ perSecond: Double) -> String {
        perSecond >= 1 ? "\(displayNumber(roundedRate(perSecond))) steps/s"
            : "\(displayNumber(roundedRate(1 / perSecond))) s/step"
    }

    /// Three significant digits are plenty for a rate that changes every step.
    private func roundedRate(_ r: Double) -> Double {
        guard r.isFinite, r > 0 else { return 0 }
        let scale = pow(10, 2 - (log10(r)).rounded(.down))
        return (r * scale).rounded() / scale
    }

    private func metricsText() -> String {
        lastMetrics.map { "  \($0.0) \(displayNumber($0.1))" }.joined()
    }

    /// `850ms`, `4.1s`, `3m12s`, `1h05m`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 { return formatNumber((seconds * 10).rounded() / 10) + "s" }
        let whole = seconds < 1e9 ? Int(seconds.rounded()) : 999_999_999
        if whole < 3600 { return "\(whole / 60)m\(pad2(whole % 60))s" }
        return "\(whole / 3600)h\(pad2(whole / 60 % 60))m"
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
