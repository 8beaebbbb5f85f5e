#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from standard input without prompts, editing or history: used when input or output is
/// not a terminal, so a transcript can be piped through `spar` and compared.
public final class PlainLineReader: LineReader {
    public let isInteractive = false

    public init() {}

    public func readLine(prompt: String) -> LineInput {
        // Swift's readLine reads through stdio, which retries reads interrupted by signals on its own.
        guard let text = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        // A transcript written on Windows must behave like one written on Linux.
        if text.hasSuffix("\r") { return .line(String(text.dropLast())) }
        return .line(text)
    }

    public func remember(_ line: String) {}

    public func close() {}
}
