import XCTest
@testable import Assets

/// The pip path of the fetcher without the network: a pip stand-in script that records its
/// arguments, one that fails like pip without network, no pip at all, and real pip pointed at a
/// local folder with `--no-index --find-links`.
final class PipSourceTests: XCTestCase {
    var wheel: TestWheel!

    override func setUpWithError() throws { wheel = try TestWheel() }
    override func tearDown() { wheel.cleanUp() }

    /// A shell script standing in for pip: it logs its arguments and copies the test wheel into
    /// the folder given after `-d`, or prints `message` and exits with `status`.
    private func standIn(status: Int = 0, message: String = "") throws -> (argv: [String], log: String) {
        let script = wheel.root.appendingPathComponent("fake-pip").path
        let log = wheel.root.appendingPathComponent("pip-args").path
        try """
            #!/bin/sh
            printf '%s\\n' "$@" > '\(log)'
            if [ \(status) -ne 0 ]; then echo '\(message)'; exit \(status); fi
            while [ $# -gt 0 ]; do
                if [ "$1" = "-d" ]; then cp '\(wheel.wheels)'/*.whl "$2"/; fi
                shift
            done
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        return ([script], log)
    }

    func testFetchThroughPipStandIn() throws {
        let spec = try wheel.make()
        let pip = try standIn()
        let source = PipWheelSource(pip: pip.argv, extraArguments: ["--quiet"])
        guard case .fetched(let manifest) = try wheel.fetcher(source).fetch(spec) else { return XCTFail("expected a fetch") }
        XCTAssertEqual(manifest.files.count, 4)
        let args = try String(contentsOfFile: pip.log, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(args.first, "download")
        XCTAssertEqual(Array(args.suffix(2)), ["--quiet", "toy-asset==0.1.0"])
        XCTAssertTrue(args.contains("--no-deps"), "\(args)")
        XCTAssertTrue(args.contains("--only-binary=:all:"), "\(args)")
        XCTAssertEqual(wheel.homeEntries(), [".toy.lock", "toy"], "the downloaded wheel is not kept")
    }

    func testPipFailureSaysWhatToRunByHand() throws {
        let spec = try wheel.make()
        let pip = try standIn(status: 1, message: "ERROR: Could not find a version that satisfies the requirement")
        XCTAssertThrowsError(try wheel.fetcher(PipWheelSource(pip: pip.argv)).fetch(spec)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("pip could not download toy-asset==0.1.0 (exit status 1)"), text)
            XCTAssertTrue(text.contains("Could not find a version"), text)
            XCTAssertTrue(text.contains("python3 -m pip download --no-deps --only-binary=:all: -d /tmp/spar-wheels toy-asset==0.1.0"), text)
            XCTAssertTrue(text.contains("spar fetch toy --wheels /tmp/spar-wheels"), text)
        }
        XCTAssertNil(AssetStore(home: wheel.home).path(for: "toy"))
    }

    func testNoPip() throws {
        let spec = try wheel.make()
        XCTAssertThrowsError(try wheel.fetcher(PipWheelSource(pip: nil)).fetch(spec)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("pip was not found"), text)
            XCTAssertTrue(text.contains("apt-get install -y python3-pip"), text)
            XCTAssertTrue(text.contains("spar fetch toy --wheels /tmp/spar-wheels"), text)
        }
        XCTAssertNil(PipWheelSource.findPip(["PATH": "/nonexistent", "SPAR_PIP": "no-such-pip"]))
        XCTAssertNil(PipWheelSource.findPip(["PATH": "/nonexistent"]))
        XCTAssertNil(PipWheelSource.findPip(["PATH": "/nonexistent", "SPAR_PIP": "   "]), "blank SPAR_PIP: the usual search")
        let configured = PipWheelSource.findPip(["PATH": "/bin:/usr/bin", "SPAR_PIP": "sh -c"])
        XCTAssertEqual(configured?.dropFirst(), ["-c"])
        XCTAssertEqual(configured?.first.map { ($0 as NSString).lastPathComponent }, "sh")
    }

    func testPipDownloadedSomethingElse() throws {
        let spec = try wheel.make()
        // Copy the wheel under another name: pip "succeeded" but not with the file asked for.
        let other = (wheel.wheels as NSString).appendingPathComponent("toy_asset-0.2.0-py3-none-any.whl")
        try FileManager.default.moveItem(atPath: (wheel.wheels as NSString).appendingPathComponent(spec.wheels[0].fileName), toPath: other)
        let pip = try standIn()
        XCTAssertThrowsError(try wheel.fetcher(PipWheelSource(pip: pip.argv)).fetch(spec)) { error in
            XCTAssertTrue("\(error)".contains("pip downloaded toy_asset-0.2.0-py3-none-any.whl instead of"), "\(error)")
        }
    }

    /// Real pip, offline: `--no-index --find-links` on the folder holding the test wheel.
    func testRealPipFromALocalFolder() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let pip = PipWheelSource.findPip(environment) else { throw XCTSkip("no pip on this machine") }
        let spec = try wheel.make()
        let source = PipWheelSource(pip: pip, extraArguments: ["--no-index", "--find-links", wheel.wheels, "--quiet"])
        guard case .fetched = try wheel.fetcher(source).fetch(spec) else { return XCTFail("expected a fetch") }
        XCTAssertEqual(wheel.read("LICENSE"), "MIT licence of the toy asset\n")
    }
}
