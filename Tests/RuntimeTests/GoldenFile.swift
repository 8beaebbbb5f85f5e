import Foundation
import XCTest

/// Compares text with a committed file under Tests/Golden. After an intended change, regenerate
/// with `SPAR_UPDATE_GOLDEN=1 swift test --skip-build --filter ...`, read the diff, and commit it;
/// an update run still fails so a regenerated file is never passed silently.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, against name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SPAR_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            XCTFail("updated golden file \(name); rerun without SPAR_UPDATE_GOLDEN", file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("missing golden file Tests/Golden/\(name)", file: file, line: line)
            return
        }
        if actual != expected {
            let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
            let firstDifference = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            let got = firstDifference < a.count ? a[firstDifference] : "<end>"
            let want = firstDifference < e.count ? e[firstDifference] : "<end>"
            XCTFail("\(name) differs at line \(firstDifference + 1):\n  got:  \(got)\n  want: \(want)\n--- got ---\n\(actual)",
                    file: file, line: line)
        }
    }
}
