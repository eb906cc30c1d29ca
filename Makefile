# Throughline: the two commands are `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8080
# Let ccache reuse objects across checkouts in different directories (CI clones afresh).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: run test build bench bench-backlog clean deps web cpp

# Installs what is missing, builds, and serves the demo workspace on http://localhost:$(PORT).
run: build
	./build/throughline serve --demo --port $(PORT) --data-dir ./data --web-dir web/dist

# Every suite: C++ (dev and sanitizer builds), web unit tests, browser end-to-end tests.
test: deps
	scripts/test.sh

build: deps cpp web

cpp:
	cmake --preset dev >/dev/null
	cmake --build --preset dev
	cp build/dev/throughline build/throughline

web:
	cd web && npm run build

bench: deps
	scripts/bench.sh

# The backlog at 10,000 and 100,000 items on both backends (about 20 minutes).
bench-backlog: deps
	bench/backlog.sh

deps:
	scripts/bootstrap.sh

clean:
	rm -rf build web/dist web/test-results
