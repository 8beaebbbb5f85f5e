extension Builtins {
    /// Functions that register builtins, run once before the first Session starts. Files binding
    /// domain values (tensors, games) add their installer here.
    static let installers: [() -> Void] = [
        Builtins.installCore,
        Builtins.installTokenizers,
        Builtins.installWorld,
        Builtins.installGame,
        Builtins.installTensors,
        Builtins.installModels,
        Builtins.installGames,
        Builtins.installMetaGame,
        Builtins.installFiles,
        Builtins.installProgress,
        Builtins.installData,
        Builtins.installEvaluation,
        // Keep installDisplay after every installer that registers `save`: its `save` handles plots
        // and tables and passes everything else on to the earlier one.
        Builtins.installDisplay,
    ]
}
