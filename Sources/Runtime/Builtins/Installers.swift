extension Builtins {
    /// Functions that register builtins, run once before the first Session starts. Files binding
    /// domain values (tensors, games) add their installer here.
    static let installers: [() -> Void] = [
        Builtins.installCore,
        Builtins.installTokenizers,
        Builtins.installWorld,
        Builtins.installDisplay,
        Builtins.installProgress,
        Builtins.installGames,
        Builtins.installTensors,
    ]
}
