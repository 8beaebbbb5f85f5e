/// Whether ops record the autograd graph. Off inside `GradMode.withoutGradients { }` and while a
/// backward pass runs (gradients of gradients are not supported).
///
/// The flag is process-wide: autograd is meant to be driven from one thread at a time.
public enum GradMode {
    nonisolated(unsafe) private static var disabledDepth = 0

    /// True when new ops on tracked tensors are recorded.
    public static var isEnabled: Bool { disabledDepth == 0 }

    /// Runs `body` with recording off (inference, optimizer updates, evaluation), then restores it.
    public static func withoutGradients<T>(_ body: () throws -> T) rethrows -> T {
        disabledDepth += 1
        defer { disabledDepth -= 1 }
        return try body()
    }
}
