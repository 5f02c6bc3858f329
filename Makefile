# workbook — build calibration workbooks from Markdown.
#
#   make run    set up, build the tool, build the sample workbook into Output/
#   make test   set up, then run the whole test suite
#
# Set-up installs what a fresh Debian 12 machine with Swift lacks (libcmark-dev,
# pkg-config) with apt-get.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN := .build/debug/workbook

.PHONY: all deps build run test check clean install

all: build

deps:
	@command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark || { \
		echo "Installing libcmark-dev and pkg-config with apt-get..."; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libcmark-dev pkg-config >/dev/null; }

build: deps
	$(SWIFT) build --product workbook

run: build
	$(BIN) build --content Content --output Output
	@echo
	@echo "Open $(CURDIR)/Output/index.html in a browser."

check: build
	$(BIN) check --content Content

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

install: deps
	$(SWIFT) build -c release --product workbook
	install -d $(DESTDIR)/usr/local/bin $(DESTDIR)/usr/local/share/workbook
	install .build/release/workbook $(DESTDIR)/usr/local/bin/workbook
	cp -R Themes $(DESTDIR)/usr/local/share/workbook/

clean:
	rm -rf .build Output/*
