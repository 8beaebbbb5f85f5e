/// Everything that can go wrong while finding, fetching or checking an asset, as one message a
/// person can act on (the CLI prints it after "spar fetch: error:"). When the cure is a command
/// to run by hand, the message contains that exact command.
public struct AssetError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
