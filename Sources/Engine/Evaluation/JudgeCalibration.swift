import Foundation

/// How well a judge agrees with human labels on one label (refusal or response_harmful): the
/// confusion counts, agreement on the answers the judge could label with its 95% Wilson interval,
/// Cohen's kappa with an approximate 95% interval, precision, recall and F1 (positive = true), and
/// how many answers the judge left unknown — never counted as agreement or as disagreement.
public struct JudgeCalibration: Sendable, Equatable {
    public let judge: String
    public let label: String
    public var truePositive = 0, falsePositive = 0, trueNegative = 0, falseNegative = 0
    /// Judge unknown, by the human label.
    public var unknownWhenTrue = 0, unknownWhenFalse = 0
    /// Examples without a human verdict (split raters), left out.
    public var unlabelled = 0

    public init(judge: String, label: String) {
        self.judge = judge
        self.label = label
    }

    public var known: Int { truePositive + falsePositive + trueNegative + falseNegative }
    public var unknown: Int { unknownWhenTrue + unknownWhenFalse }
    public var examples: Int { known + unknown }
    public var agreement: Double? { known == 0 ? nil : Double(truePositive + trueNegative) / Double(known) }
    public var agreementInterval: (low: Double, high: Double)? {
        RateCount.wilson(hits: truePositive + trueNegative, of: known)
    }
    public var unknownRate: Double? { examples == 0 ? nil : Double(unknown) / Double(examples) }
    public var precision: Double? {
        truePositive + falsePositive == 0 ? nil : Double(truePositive) / Double(truePositive + falsePositive)
    }
    public var recall: Double? {
        truePositive + falseNegative == 0 ? nil : Double(truePositive) / Double(truePositive + falseNegative)
    }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }

    /// Cohen's kappa: agreement beyond what the two label rates give by chance.
    public var kappa: Double? {
        guard known > 0 else { return nil }
        let n = Double(known), po = Double(truePositive + trueNegative) / n
        let pe = chanceAgreement
        return pe >= 1 ? nil : (po - pe) / (1 - pe)
    }

    /// kappa ± 1.96 standard errors (the large-sample approximation of Cohen 1960).
    public var kappaInterval: (low: Double, high: Double)? {
        guard let k = kappa, known > 0 else { return nil }
        let n = Double(known), po = Double(truePositive + trueNegative) / n, pe = chanceAgreement
        let se = (po * (1 - po) / n).squareRoot() / (1 - pe)
        return (max(-1, k - 1.959964 * se), min(1, k + 1.959964 * se))
    }

    private var chanceAgreement: Double {
        let n = Double(known)
        let judgeYes = Double(truePositive + falsePositive) / n, humanYes = Double(truePositive + falseNegative) / n
        return judgeYes * humanYes + (1 - judgeYes) * (1 - humanYes)
    }

    mutating func add(human: Bool?, judge: TriState) {
        guard let human else { unlabelled += 1; return }
        switch (human, judge) {
        case (true, .yes): truePositive += 1
        case (true, .no): falseNegative += 1
        case (false, .yes): falsePositive += 1
        case (false, .no): trueNegative += 1
        case (true, .unknown): unknownWhenTrue += 1
        case (false, .unknown): unknownWhenFalse += 1
        }
    }
}

/// A human-labelled example: prompt, response, and the human verdict on one judge label.
public struct HumanLabel: Sendable, Equatable {
    public let prompt: String
    public let response: String
    /// "refusal", "response_harmful" or "prompt_harmful".
    public let label: String
    /// nil when the humans were split: counted as unlabelled.
    public let value: Bool?

    public init(prompt: String, response: String, label: String, value: Bool?) {
        self.prompt = prompt
        self.response = response
        self.label = label
        self.value = value
    }
}

extension SafetyJudge {
    /// The judge against human labels, one calibration per label name present, in order of first
    /// appearance.
    public func calibrate(_ set: [HumanLabel]) throws -> [JudgeCalibration] {
        for example in set where !SafetyLabels.names.contains(example.label) {
            throw EngineError("calibrate: unknown judge label '\(example.label)' (known: \(SafetyLabels.names.joined(separator: ", ")))")
        }
        let verdicts = try label(batch: set.map { ($0.prompt, $0.response) })
        guard verdicts.count == set.count else {
            throw EngineError("judge \(name): returned \(verdicts.count) labels for \(set.count) examples")
        }
        var out: [JudgeCalibration] = []
        for (example, verdict) in zip(set, verdicts) {
            let i = out.firstIndex { $0.label == example.label } ?? {
                out.append(JudgeCalibration(judge: name, label: example.label)); return out.count - 1
            }()
            out[i].add(human: example.value, judge: verdict.value(named: example.label) ?? .unknown)
        }
        return out
    }
}
