/// An error raised by the engine on bad input: a wrong shape, an index out of range, a malformed file.
///
/// Engine code throws these instead of trapping, so that nothing a script does can crash the process.
/// The message is a complete sentence fragment for the user, naming what was wrong and the values
/// involved ("matmul: shapes [2, 3] and [4, 5] do not match"); Runtime adds the script location.
public struct EngineError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for the user.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
