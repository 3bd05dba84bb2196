# Autoencoder Studio — build, run and test on Debian or Ubuntu.
# `make run` and `make test` first install what is missing.

GO      ?= go
BIN     := bin/autoencoder-studio
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build (cgo, OpenGL, X11) and the display tests need,
# then those the Windows package is cross-compiled, zipped and tested with,
# the emulator the arm64 engine tests run in, and the PyTorch the Python
# export is checked with (and the bench compares against).
DEBS    := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xauth imagemagick xdotool
DEBS    += gcc-mingw-w64-x86-64 zip wine64
DEBS    += qemu-user-static
DEBS    += python3-torch python3-numpy libopenblas0-openmp
XVFB    := xvfb-run -a -s "-screen 0 1280x800x24"
export LANG ?= en_US.UTF-8

FYNE_CMD := fyne.io/tools/cmd/fyne@v1.7.4
ACTIONLINT := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
FYNE    := $(GO) run $(FYNE_CMD)
VERSION := $(shell sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
ARCH    := $(shell $(GO) env GOARCH 2>/dev/null)
# The Windows build: mingw-w64's C compiler for cgo (GLFW, OpenGL).
WINCC   := x86_64-w64-mingw32-gcc
WINZIP  := dist/autoencoder-studio-$(VERSION)-windows-amd64.zip

.PHONY: all build run test deps fmt-check vet bench package clean
.PHONY: package-windows test-windows test-arm64 lint-workflows

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

## test: gofmt check, go vet, actionlint on the workflows, the race-enabled
## test suite under Xvfb (with the Windows package's tests under Wine, see
## test-windows), the engine's tests again on the pure-Go kernels (build tag
## purego), and the engine's tests for arm64 under qemu (see test-arm64)
test: deps fmt-check vet lint-workflows
	$(XVFB) $(GO) test -race -timeout 20m ./...
	$(GO) test -tags purego -timeout 10m ./network/...
	$(MAKE) --no-print-directory test-arm64

## test-arm64: the engine's tests, NEON kernels included, built for arm64 and
## run under qemu-aarch64-static (short mode: a few slow training tests and
## the PyTorch round trip, which the amd64 run covers, are skipped)
test-arm64:
	GOARCH=arm64 $(GO) test -exec qemu-aarch64-static -short -timeout 20m ./network/...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# vet also checks the Windows-only files for Windows, on their own: vetting
# the whole package for Windows would cross-compile its C parts first.
vet:
	$(GO) vet ./...
	$(GO) vet -tags purego ./network/...
	GOARCH=arm64 $(GO) vet ./network/...
	GOARCH=arm64 $(GO) vet -tags purego ./network/...
	GOOS=windows $(GO) vet $(wildcard *_windows.go)

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

## package-windows: cross-compile the Windows package
## dist/autoencoder-studio-VERSION-windows-amd64.zip with mingw-w64: a
## GUI-subsystem .exe with the icon and version embedded (fyne package raises
## Build, as for package). The packager itself is built for this machine:
## `go run -exec env` gives CC and GOARCH to it alone, and so to the .exe's build
package-windows: deps
	$(GO) run -exec "env CC=$(WINCC) GOARCH=amd64" $(FYNE_CMD) package --target windows --release
	mkdir -p dist
	rm -f $(WINZIP)
	zip -q -X -j $(WINZIP) "Autoencoder Studio.exe"
	rm "Autoencoder Studio.exe"
	@echo "wrote $(WINZIP)"

## test-windows: package for Windows (in a copy of the tree) and run the
## package under Wine: headless commands, training, the window under Xvfb
test-windows: deps
	$(XVFB) $(GO) test -run '^TestWindows' -v -timeout 10m .

## lint-workflows: check the GitHub Actions workflows with actionlint
lint-workflows:
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml

clean:
	rm -rf bin dist
