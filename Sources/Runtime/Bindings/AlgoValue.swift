import Engine

/// The RL algorithm's arguments as a Spar value: `reinforce_pp(lr: 1e-3, kl: 0.01, ...)`. Every
/// label maps to one documented `RLArguments` field; the fields read back under the same names.
final class AlgoValue: NativeValue {
    let arguments: RLArguments

    init(_ arguments: RLArguments) { self.arguments = arguments }

    /// (label, help) for every argument of `reinforce_pp`, in order.
    static let labels: [(String, String)] = [
        ("lr", "learning rate: constant, or the cosine's peak with total_steps (default 1e-3; the paper 5e-7 at 8B)"),
        ("kl", "β of the per-token KL penalty to the frozen initial model (0.01)"),
        ("clip", "PPO-clip ε on the token ratio (0.2; only engages with minibatches ≥ 2)"),
        ("gamma", "discount of the reward-to-go (1)"),
        ("beta1", "Adam β1 (0.9)"), ("beta2", "Adam β2 (0.95)"),
        ("weight_decay", "decoupled weight decay (0)"),
        ("max_grad_norm", "global gradient-norm clip, 0 for none (1)"),
        ("warmup", "share of total_steps warming the learning rate up (0.03)"),
        ("min_lr_share", "learning rate at the end of the cosine as a share of the peak (0)"),
        ("total_steps", "game steps the warm-up and cosine span, counted from the game's first step, so split, continued and resumed runs follow one schedule; a run past it is an error (nil: a constant lr, no warm-up; the paper's cosine needs the run's length)"),
        ("remove_ties", "drop every sample of a game with an unknown label (true)"),
        ("minibatches", "optimizer steps per rollout, one pass over the shuffled buffer (1; with 1 every PPO ratio is 1, so clip never engages and clip_fraction stays 0)"),
        ("samples_per_seed", "games per seed draw (1)"),
        ("baseline", "\"whiten\" (REINFORCE++), \"group_mean\", \"rloo\" or \"grpo\" (the last three need samples_per_seed ≥ 2)"),
        ("aux_weight", "weight of the supervised loss on the game's demos (0: off; the paper 1)"),
        ("aux_batch", "demos per optimizer step for that loss (8)"),
    ]

    static func make(_ args: Arguments, base: RLArguments = RLArguments()) throws -> AlgoValue {
        try args.expect(0, 0, labels: labels.map(\.0))
        var a = base
        func num(_ l: String, _ d: Double) throws -> Double { try SelfPlayConversions.number(args, l, default: d) }
        func int(_ l: String, _ d: Int) throws -> Int { args[l] == nil ? d : try args.integer(SelfPlayConversions.labelOnly, l) }
        a.learningRate = try num("lr", a.learningRate)
        a.klCoef = try num("kl", a.klCoef)
        a.clipEpsilon = try num("clip", a.clipEpsilon)
        a.gamma = try num("gamma", a.gamma)
        a.beta1 = try num("beta1", a.beta1)
        a.beta2 = try num("beta2", a.beta2)
        a.weightDecay = try num("weight_decay", a.weightDecay)
        a.maxGradNorm = try num("max_grad_norm", a.maxGradNorm)
        a.warmupShare = try num("warmup", a.warmupShare)
        a.minLearningRateShare = try num("min_lr_share", a.minLearningRateShare)
        if let v = args["total_steps"] {
            if case .null = v { a.totalSteps = nil } else { a.totalSteps = try args.integer(SelfPlayConversions.labelOnly, "total_steps") }
        }
        a.removeTies = try SelfPlayConversions.bool(args, SelfPlayConversions.labelOnly, "remove_ties", default: a.removeTies)
        a.minibatches = try int("minibatches", a.minibatches)
        a.samplesPerSeed = try int("samples_per_seed", a.samplesPerSeed)
        if args["baseline"] != nil {
            let name = try args.string(SelfPlayConversions.labelOnly, "baseline")
            guard let b = AdvantageBaseline(rawValue: name) else {
                throw ScriptError("reinforce_pp: baseline must be one of \(AdvantageBaseline.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \"\(name)\"")
            }
            a.baseline = b
        }
        a.auxWeight = try num("aux_weight", a.auxWeight)
        a.auxBatch = try int("aux_batch", a.auxBatch)
        try a.validate()
        return AlgoValue(a)
    }

    var typeName: String { "algo" }

    var summary: String {
        let a = arguments
        return "<reinforce_pp lr \(formatNumber(a.learningRate)), kl \(formatNumber(a.klCoef)), clip \(formatNumber(a.clipEpsilon)), baseline \(a.baseline.rawValue)>"
    }

    var showText: String {
        ([summary] + Self.labels.map { "  \($0.0): \(value($0.0).map(\.repr) ?? "nil")  # \($0.1)" }).joined(separator: "\n")
    }

    var memberNames: [String] { Self.labels.map(\.0) }

    func help(member: String) -> String? { Self.labels.first { $0.0 == member }.map { "reinforce_pp.\($0.0): \($0.1)" } }

    func value(_ name: String) -> Value? {
        let a = arguments
        switch name {
        case "lr": return .number(a.learningRate)
        case "kl": return .number(a.klCoef)
        case "clip": return .number(a.clipEpsilon)
        case "gamma": return .number(a.gamma)
        case "beta1": return .number(a.beta1)
        case "beta2": return .number(a.beta2)
        case "weight_decay": return .number(a.weightDecay)
        case "max_grad_norm": return .number(a.maxGradNorm)
        case "warmup": return .number(a.warmupShare)
        case "min_lr_share": return .number(a.minLearningRateShare)
        case "total_steps": return a.totalSteps.map { .number(Double($0)) } ?? .null
        case "remove_ties": return .bool(a.removeTies)
        case "minibatches": return .number(Double(a.minibatches))
        case "samples_per_seed": return .number(Double(a.samplesPerSeed))
        case "baseline": return .string(a.baseline.rawValue)
        case "aux_weight": return .number(a.auxWeight)
        case "aux_batch": return .number(Double(a.auxBatch))
        default: return nil
        }
    }

    func member(_ name: String) throws -> Value? { value(name) }
}
