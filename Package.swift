// swift-tools-version:6.0
// Spar: a scripting language and REPL for self-play red-teaming research (see docs/DESIGN.md).
import PackageDescription

let package = Package(
    name: "spar",
    products: [
        .executable(name: "spar", targets: ["spar"]),
        .library(name: "Engine", targets: ["Engine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `spar fetch`: SHA-256 of downloaded wheels and files, and reading the wheels (zip files).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The safety data sets' CSV (quoted multi-line fields) and YAML files.
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries from Debian: libopenblas-dev and libedit-dev (scripts/install-deps.sh).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine"),

        // The language front end: lexer, parser, AST, resolver, diagnostics. Imports nothing of ours.
        .target(name: "Lang"),
        // Numerics and the self-play machinery, usable from Swift alone. Never imports Lang or Runtime.
        // Element-wise float kernels in C, compiled per instruction set and dispatched at load time.
        .target(name: "CKernels"),
        .target(name: "Engine", dependencies: ["CBLAS", "CKernels"]),
        // The numeric VM's dispatch loop (computed goto), driven by Runtime/Numeric.
        .target(name: "CNumericVM"),
        // The catalog of downloadable models and data sets, `spar fetch`, and where fetched assets
        // live ($SPAR_HOME). Imports no target of ours: Engine never sees it.
        .target(
            name: "Assets",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), "ZIPFoundation"]
        ),
        // The public safety data sets as plain records: loaders for HarmBench, AdvBench, StrongREJECT,
        // Do-Not-Answer, jailbreak templates and the human-labelled judge sets (docs/DATA.md).
        .target(
            name: "Datasets",
            dependencies: ["Assets", .product(name: "SwiftCSV", package: "SwiftCSV"), .product(name: "Yams", package: "Yams")]
        ),
        // Values, interpreter, builtins, REPL: the one place where the language meets the engine.
        .target(name: "Runtime", dependencies: ["Lang", "Engine", "Assets", "Datasets", "CEditLine", "CNumericVM"]),
        // The command-line tool: argument parsing only.
        .executableTarget(
            name: "spar",
            dependencies: ["Runtime", "Assets", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Engine benchmarks, printed beside numpy's by bench/tensors.sh.
        .executableTarget(name: "spar-bench", dependencies: ["Engine"], path: "bench/swift"),

        .testTarget(name: "LangTests", dependencies: ["Lang"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], exclude: ["Fixtures"]),
        .testTarget(name: "AssetsTests", dependencies: ["Assets", "ZIPFoundation"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Assets"], exclude: ["Samples"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Lang", "Engine"]),
    ],
    swiftLanguageModes: [.v5]
)
