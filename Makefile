# The two commands of the README: `make demo` and `make test`. Both install missing system packages.
SWIFT ?= swift
# Tests train small models and check numerics, which is many times faster in release mode;
# -enable-testing keeps @testable imports working there.
RELEASE = -c release -Xswiftc -enable-testing

.PHONY: deps build demo test bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build $(RELEASE) --product spar

demo: build
	.build/release/spar run examples/demo.spar

# tmux drives the real terminal REPL in the tests (completion, history, Ctrl-C).
test:
	@scripts/install-deps.sh tmux
	$(SWIFT) build $(RELEASE) --build-tests
	$(SWIFT) test $(RELEASE) --skip-build

bench: build
	bench/run.sh

clean:
	rm -rf .build
