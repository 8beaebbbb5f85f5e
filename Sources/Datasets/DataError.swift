/// A data file that cannot be read or does not have the expected shape. The message always names
/// the file, and the line when there is one: `harmbench_behaviors_text_test.csv:17: expected 6
/// fields, found 4`.
public struct DataError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public static func at(_ file: String, line: Int?, _ problem: String) -> DataError {
        DataError(line.map { "\(file):\($0): \(problem)" } ?? "\(file): \(problem)")
    }

    public var description: String { message }
}
