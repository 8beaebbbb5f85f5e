import Foundation

/// A learning rate as a function of the step number (0-based).
///
///     let schedule = LearningRateSchedule.cosine(peak: 3e-4, warmupSteps: 100, totalSteps: 2000, minimum: 3e-5)
///     opt.learningRate = schedule.rate(at: step)
public enum LearningRateSchedule: Equatable, Sendable {
    /// The same rate at every step.
    case constant(Float)
    /// Linear warm-up from 0 to `peak` over `warmupSteps` (step s gets peak * (s+1) / warmupSteps),
    /// then a half cosine from `peak` down to `minimum` at `totalSteps`, and `minimum` after that.
    case cosine(peak: Float, warmupSteps: Int, totalSteps: Int, minimum: Float)

    /// Checks the arguments of a cosine schedule.
    public static func checkedCosine(peak: Float, warmupSteps: Int, totalSteps: Int, minimum: Float = 0) throws -> Self {
        guard warmupSteps >= 0, totalSteps > 0, warmupSteps <= totalSteps else {
            throw EngineError("cosine schedule: need 0 <= warmup (\(warmupSteps)) <= total steps (\(totalSteps)) and total > 0")
        }
        guard peak.isFinite, minimum.isFinite, peak >= 0, minimum >= 0 else {
            throw EngineError("cosine schedule: rates \(peak) and \(minimum) must be non-negative numbers")
        }
        return .cosine(peak: peak, warmupSteps: warmupSteps, totalSteps: totalSteps, minimum: minimum)
    }

    /// The rate for `step` (negative steps count as 0).
    public func rate(at rawStep: Int) -> Float {
        let step = Swift.max(0, rawStep)
        switch self {
        case .constant(let r): return r
        case let .cosine(peak, warmup, total, minimum):
            if step < warmup { return peak * Float(step + 1) / Float(warmup) }
            if step >= total { return minimum }
            let span = Swift.max(1, total - warmup)
            let progress = Double(step - warmup) / Double(span)
            let cosine = 0.5 * (1 + Foundation.cos(Double.pi * progress))
            return minimum + (peak - minimum) * Float(cosine)
        }
    }
}
