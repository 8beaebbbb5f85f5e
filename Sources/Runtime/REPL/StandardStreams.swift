#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to standard output and error. Each call is written at once, so a prompt, a
/// program's output and diagnostics appear in the order they happened.
public enum StandardStreams {
    public static func writeOut(_ text: String) { writeAll(text, to: STDOUT_FILENO) }
    public static func writeErr(_ text: String) { writeAll(text, to: STDERR_FILENO) }

    /// True when both standard input and standard output are terminals.
    public static var isInteractiveTerminal: Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return  // a closed pipe or full disk: nothing sensible left to do with the text
                }
            }
        }
    }
}
