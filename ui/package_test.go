package ui

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fyneTool is the packager `make package` uses, run through the module proxy.
const fyneTool = "fyne.io/tools/cmd/fyne@v1.7.4"

// TestPackagedApp packages the app as `make package` does (from a prebuilt
// binary, to reuse the build cache), unpacks the tarball into a temporary
// folder, installs it with its `make user-install` into a temporary home,
// checks that the installed binary trains offline on the MNIST it carries,
// and starts it from the .desktop file's Exec line under the X display.
func TestPackagedApp(t *testing.T) {
	needDesktop(t)
	for _, tool := range []string{"tar", "make"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	bin := buildApp(t)
	work := t.TempDir()
	for _, f := range []string{"FyneApp.toml", "assets/icon.png"} {
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(work, filepath.Dir(f)), 0o755)
		if err := os.WriteFile(filepath.Join(work, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// fyne package wants Go source beside FyneApp.toml even when given the
	// executable, and bumps the build number in FyneApp.toml: give it a copy.
	if err := os.WriteFile(filepath.Join(work, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, work, nil, goBinary(), "run", fyneTool, "package", "--target", "linux", "--exe", bin)
	tarball := filepath.Join(work, "Autoencoder Studio.tar.xz")
	if _, err := os.Stat(tarball); err != nil {
		t.Fatalf("fyne package wrote no tarball: %v", err)
	}

	unpacked := filepath.Join(work, "unpacked")
	os.MkdirAll(unpacked, 0o755)
	run(t, work, nil, "tar", "-xJf", tarball, "-C", unpacked)
	home := filepath.Join(work, "home")
	run(t, filepath.Join(unpacked, "autoencoder-studio"), nil, "make", "user-install", "HOME="+home)

	desktop := filepath.Join(home, ".local/share/applications", AppID+".desktop")
	exe := desktopExec(t, desktop)
	if !strings.HasPrefix(exe, home) {
		t.Fatalf("installed Exec line %q does not point into the user's home %s", exe, home)
	}
	env := append(os.Environ(), "HOME="+home)

	// Offline and from its package: the installed binary trains on the
	// MNIST it carries, from an empty folder.
	out := run(t, t.TempDir(), env, exe, "train", "--preset", "sparse", "--epochs", "1", "--limit", "256", "--out", filepath.Join(work, "run"), "--quiet")
	if !strings.Contains(out, "epoch 1/1") {
		t.Errorf("packaged binary did not train:\n%s", out)
	}

	app := exec.Command(exe)
	app.Env = env
	runAndCheckWindow(t, app, filepath.Join(work, "packaged.png"))
}

// desktopExec returns the Exec command of a .desktop file.
func desktopExec(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("user-install left no desktop file: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if exe, ok := strings.CutPrefix(sc.Text(), "Exec="); ok {
			return strings.Fields(exe)[0]
		}
	}
	t.Fatalf("%s has no Exec line", path)
	return ""
}

func goBinary() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// run runs a command in dir and returns its combined output, failing the
// test if it fails.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
