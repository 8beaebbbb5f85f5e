import Lang
import Engine

/// The Spar runtime (placeholder until the interpreter lands).
public enum Runtime {
    /// The version printed by `spar --version`.
    public static let version = "0.1.0"
}
