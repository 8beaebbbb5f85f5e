import Assets
import Foundation
import XCTest
@testable import Runtime

/// model.load's forms in Spar: assets, GGUF files, Hugging Face folders, checkpoints; a missing
/// asset's message; what a quantized model can and cannot do.
final class ModelLoadingTests: XCTestCase {
    func run(_ code: String) -> (output: String, error: String, status: RunStatus) {
        var out = "", err = ""
        let session = Session(out: { out += $0 }, err: { err += $0 })
        let status = session.run(source: code, path: "<test>")
        return (out, err, status)
    }

    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EngineTests/Fixtures").path
    }

    func testMissingAssetSaysHowToFetchIt() {
        let r = run("model.load(\"nosuchasset\")")
        XCTAssertTrue(r.error.contains("asset 'nosuchasset' is not fetched"), r.error)
        XCTAssertTrue(r.error.contains("run `spar fetch nosuchasset`"), r.error)
        let r2 = run("model.load(\"no/such/file.gguf\")")
        XCTAssertTrue(r2.error.contains("cannot read no/such/file.gguf"), r2.error)
    }

    func testHuggingFaceFolderGeneratesScoresFitsAndShows() {
        let folder = Self.fixtures + "/hf_llama/f32"
        let r = run("""
            let lm = model.load("\(folder)")
            print(lm.config.kv_heads)
            let g = lm.generate([1, 5, 9], max_tokens: 3, temperature: 0)
            print(len(g.tokens))
            print(lm.logprob("The fox", " jumped") < 0)
            let h = lm.fit(["The fox jumped over the lazy dog."], steps: 2, batch: 1, quiet: true)
            print(len(h))
            show(lm)
            """)
        XCTAssertEqual(r.status, .ok, r.error)
        XCTAssertTrue(r.output.hasPrefix("2\n3\ntrue\n2\n"), r.output)
        XCTAssertTrue(r.output.contains("weights F32 x21, trainable"), r.output)
        XCTAssertTrue(r.output.contains("source \(folder)"), r.output)
    }

    func smolLM2() throws -> String {
        guard let folder = AssetStore.path(for: "smollm2") else { throw XCTSkip(AssetStore.missingMessage("smollm2")) }
        return folder
    }

    func testSmolLM2AssetChatsShowsAndRefusesToFit() throws {
        _ = try smolLM2()
        let r = run("""
            let lm = model.load("smollm2")
            print(lm)
            show(lm)
            let a = lm.chat([{role: "user", content: "What is the capital of France?"}], max_tokens: 48, temperature: 0)
            print(a.text)
            print(lm.generate([1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198], max_tokens: 8, temperature: 0).tokens)
            let snap = lm.snapshot()
            print(snap.frozen)
            try { lm.fit(["text"], steps: 1) } catch e { print(e.message) }
            """)
        XCTAssertEqual(r.status, .ok, r.error)
        XCTAssertTrue(r.output.hasPrefix("<model llama 30x576, 134.5M params, vocab 49152>\n"), r.output)
        XCTAssertTrue(r.output.contains("weights Q4_1 x210, F32 x61, Q8_0 x1, frozen"), r.output)
        XCTAssertTrue(r.output.contains("Paris"), r.output)
        XCTAssertTrue(r.output.contains("[504, 3575, 282, 4649, 314, 7042, 30, 2]"), r.output)
        XCTAssertTrue(r.output.contains("true\nfit: the base weights are quantized (Q4_1, Q8_0) and frozen"), r.output)
    }
}
