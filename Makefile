# Autoencoder Studio — build, run and test on Debian or Ubuntu.
# `make run` and `make test` first install what is missing.

GO      ?= go
BIN     := bin/autoencoder-studio
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build (cgo, OpenGL, X11) and the display tests need.
DEBS    := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth imagemagick xdotool
XVFB    := xvfb-run -a -s "-screen 0 1280x800x24"
export LANG ?= en_US.UTF-8

FYNE    := $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
VERSION := $(shell sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
ARCH    := $(shell $(GO) env GOARCH 2>/dev/null)

.PHONY: all build run test deps fmt-check vet bench package clean

all: build

## deps: install the Debian packages that are missing (with sudo when not root)
deps:
	@command -v $(GO) >/dev/null || { echo "Go is not installed: see https://go.dev/doc/install"; exit 1; }
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## build: compile the app into bin/
build: deps
	$(GO) build -o $(BIN) .

## run: build and open the app (without a display, say how to run headless)
run: build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		echo "No display found, so the window cannot open. Train headless instead:"; \
		echo "  $(BIN) train --preset vanilla --out runs/vanilla"; \
		echo "  $(BIN) help"; \
	else ./$(BIN); fi

## test: gofmt check, go vet, the race-enabled test suite under Xvfb, and the
## engine's tests again on the pure-Go kernels (build tag purego)
test: deps fmt-check vet
	$(XVFB) $(GO) test -race -timeout 20m ./...
	$(GO) test -tags purego -timeout 10m ./network/...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	$(GO) vet -tags purego ./network/...

## bench: GEMM throughput against gonum, then seconds per epoch of every preset against PyTorch
bench: build
	$(GO) test -run '^$$' -bench 'Sgemm' -benchtime 0.3s ./network/gemm/
	$(GO) test -run '^$$' -bench 'TrainStep' -benchmem -benchtime 20x ./network/
	./$(BIN) bench $(BENCHFLAGS)

## package: build the Linux desktop package dist/autoencoder-studio-VERSION-linux-ARCH.tar.xz
## (fyne package also raises the Build number in FyneApp.toml, as a release should)
package: deps
	$(FYNE) package --target linux --release
	mkdir -p dist
	mv "Autoencoder Studio.tar.xz" dist/autoencoder-studio-$(VERSION)-linux-$(ARCH).tar.xz
	@echo "wrote dist/autoencoder-studio-$(VERSION)-linux-$(ARCH).tar.xz"

clean:
	rm -rf bin dist
