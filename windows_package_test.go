//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"context"
	"debug/pe"
	"encoding/binary"
	"errors"
	"image/png"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/sys/unix"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
)

// winExe is the name of the program in the Windows package.
const winExe = "Autoencoder Studio.exe"

// TestWindowsPackage builds the Windows package with `make package-windows`
// in a copy of the source tree (fyne package raises Build in FyneApp.toml),
// checks the zip and the .exe in it, then runs that .exe under Wine: the
// headless commands print, whether to a pipe or, through attachConsole, to
// the console of the cmd that started it; it trains and writes a model this
// side loads; and its window opens under the X display. It needs make, zip,
// mingw-w64 and Wine (make deps installs them), and DISPLAY, xdotool and
// ImageMagick's import for the window; it is skipped with -short. Set
// WINE_SHOT to a path to keep the screenshot of the window.
func TestWindowsPackage(t *testing.T) {
	w := needWine(t)
	start := time.Now()
	zipPath, version := packageWindows(t)
	t.Logf("make package-windows: %s", time.Since(start).Round(time.Second))
	exe := unzipExe(t, zipPath)
	t.Run("PE", func(t *testing.T) { checkPE(t, exe, version) })

	start = time.Now()
	w.boot(t)
	t.Logf("Wine prefix: %s", time.Since(start).Round(time.Second))
	t.Run("presets", func(t *testing.T) { testPresets(t, w, exe) })
	t.Run("console", func(t *testing.T) { testConsole(t, w, exe) })
	t.Run("train", func(t *testing.T) { testTrain(t, w, exe) })
	t.Run("window", func(t *testing.T) { testWindow(t, w, exe) })
}

// wine runs Windows programs in a throwaway Wine prefix.
type wine struct {
	loader, server string // the wine64 loader and wineserver
	prefix         string // WINEPREFIX
	env            []string
}

// needWine skips the test unless the tools to build and run the Windows
// package are installed, and returns a wine with its prefix not yet made.
func needWine(t *testing.T) *wine {
	t.Helper()
	if testing.Short() {
		t.Skip("Windows package test skipped with -short")
	}
	if runtime.GOARCH != "amd64" {
		t.Skipf("the amd64 Windows package runs under Wine on amd64 only, not %s", runtime.GOARCH)
	}
	for _, tool := range []string{"make", "zip", "x86_64-w64-mingw32-gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make deps installs it)", tool)
		}
	}
	// Debian's wine wrapper picks the 32-bit loader first and warns when it
	// is missing: run the 64-bit one.
	loader := lookTool("/usr/lib/wine/wine64", "wine64", "wine")
	server := lookTool("/usr/lib/wine/wineserver64", "wineserver64", "wineserver")
	if loader == "" || server == "" {
		t.Skip("Wine is not installed (make deps installs the Debian package wine64)")
	}
	prefix := filepath.Join(t.TempDir(), "wine")
	env := append(os.Environ(),
		"WINEPREFIX="+prefix,
		"WINELOADER="+loader,
		"WINEDEBUG=-all",
		"WINEDLLOVERRIDES=mscoree,mshtml=", // no Mono or Gecko installer
		"LANG=en_US.UTF-8",
	)
	return &wine{loader: loader, server: server, prefix: prefix, env: env}
}

// lookTool returns the first of paths or command names that is executable,
// or "".
func lookTool(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// boot makes the Wine prefix and puts the test-only bcryptprimitives.dll
// (testdata/wine) into its system32, and stops every program of the prefix
// when the test ends.
func (w *wine) boot(t *testing.T) {
	t.Helper()
	t.Cleanup(func() {
		w.serverCmd("-k").Run()
		w.serverCmd("-w").Run()
	})
	boot := w.command("wineboot", "-i")
	if out, err := boot.CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	dll := filepath.Join(w.prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	run(t, "", nil, "x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", dll,
		filepath.Join("testdata", "wine", "bcryptprimitives.c"), "-ladvapi32")
}

// command returns the command that runs a Windows program with args.
func (w *wine) command(args ...string) *exec.Cmd {
	cmd := exec.Command(w.loader, args...)
	cmd.Env = w.env
	return cmd
}

// serverCmd returns the wineserver command of the prefix.
func (w *wine) serverCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(w.server, args...)
	cmd.Env = w.env
	return cmd
}

// winPath returns the Windows path (drive Z:) of a Linux path.
func winPath(p string) string { return "Z:" + strings.ReplaceAll(p, "/", `\`) }

// packageWindows copies the source tree to a temporary folder, runs make
// package-windows there and returns the zip it wrote and the version that
// the .exe carries: Version.Build of FyneApp.toml before fyne package
// raised Build.
func packageWindows(t *testing.T) (zipPath, version string) {
	t.Helper()
	src := t.TempDir()
	copyTree(t, ".", src)
	toml, err := os.ReadFile(filepath.Join(src, "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	v := regexp.MustCompile(`(?m)^Version = "(.+)"`).FindSubmatch(toml)
	b := regexp.MustCompile(`(?m)^Build = (\d+)`).FindSubmatch(toml)
	if v == nil || b == nil {
		t.Fatalf("FyneApp.toml has no Version or Build:\n%s", toml)
	}
	// -o deps: the test checked its tools and must not install packages.
	// The go command is the one running the test: go test puts its folder
	// first in PATH.
	run(t, src, nil, "make", "-o", "deps", "package-windows")
	zipPath = filepath.Join(src, "dist", "autoencoder-studio-"+string(v[1])+"-windows-amd64.zip")
	return zipPath, string(v[1]) + "." + string(b[1])
}

// copyTree copies the source tree at src into dst, leaving out Git's files
// and what the builds write (the folders .gitignore names).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	skip := map[string]bool{".git": true, "bin": true, "dist": true, "runs": true, "zz_tmp": true}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && skip[path] {
			return filepath.SkipDir
		}
		target := filepath.Join(dst, path)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() || strings.HasSuffix(path, ".test") || path == winExe {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatalf("copy the source tree: %v", err)
	}
}

// unzipExe checks that the zip holds the .exe and nothing else (above all
// not the test-only bcryptprimitives.dll) and extracts it.
func unzipExe(t *testing.T, zipPath string) string {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatalf("make package-windows wrote no zip: %v", err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if strings.EqualFold(filepath.Ext(f.Name), ".dll") {
			t.Errorf("the zip holds %s: the test-only Wine DLL must never ship", f.Name)
		}
	}
	if len(zr.File) != 1 || names[0] != winExe {
		t.Fatalf("the zip holds %q, want only %q", names, winExe)
	}
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	exe := filepath.Join(t.TempDir(), winExe)
	f, err := os.Create(exe)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, rc); err != nil {
		t.Fatalf("unzip %s: %v", winExe, err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return exe
}

// Resource types (winuser.h) the packaged .exe must carry.
var wantResources = map[uint32]string{3: "RT_ICON", 14: "RT_GROUP_ICON", 16: "RT_VERSION", 24: "RT_MANIFEST"}

// checkPE checks that exe is a GUI-subsystem program (no console window
// opens when it is double-clicked), that it carries the icon, the manifest
// and the version resources, and that it needs only DLLs Windows has.
func checkPE(t *testing.T, exe, version string) {
	f, err := pe.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("%s is not a 64-bit PE file", winExe)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want %d (Windows GUI)", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatal("no .rsrc section: the icon and version resources are missing")
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatal(err)
	}
	types, err := resourceTypes(data)
	if err != nil {
		t.Fatal(err)
	}
	for id, name := range wantResources {
		if !types[id] {
			t.Errorf("no %s resource (types present: %v)", name, types)
		}
	}
	for _, s := range []string{"Autoencoder Studio", version} {
		if !bytes.Contains(data, utf16LE(s)) {
			t.Errorf("the version resource does not name %q", s)
		}
	}
	syms, err := f.ImportedSymbols() // "function:DLL"
	if err != nil {
		t.Fatal(err)
	}
	var dlls []string
	for _, s := range syms {
		if _, dll, ok := strings.Cut(s, ":"); ok && !slices.Contains(dlls, dll) {
			dlls = append(dlls, dll)
		}
	}
	if len(dlls) == 0 {
		t.Error("found no imported DLLs")
	}
	for _, dll := range dlls {
		// mingw's runtime DLLs (libwinpthread-1.dll, libgcc_s_seh-1.dll)
		// are not on Windows: the package would not start.
		if strings.HasPrefix(strings.ToLower(dll), "lib") {
			t.Errorf("%s imports %s, which Windows does not have", winExe, dll)
		}
	}
	t.Logf("subsystem %d, resources %v, imports %v", oh.Subsystem, types, dlls)
}

// resourceTypes returns the type IDs in the root directory of a .rsrc
// section (IMAGE_RESOURCE_DIRECTORY: 12 bytes, then the counts of named and
// of ID entries, then 8-byte entries whose first word is the name or ID).
func resourceTypes(rsrc []byte) (map[uint32]bool, error) {
	if len(rsrc) < 16 {
		return nil, errors.New(".rsrc: no resource directory")
	}
	named := int(binary.LittleEndian.Uint16(rsrc[12:]))
	ids := int(binary.LittleEndian.Uint16(rsrc[14:]))
	if 16+8*(named+ids) > len(rsrc) {
		return nil, errors.New(".rsrc: resource directory truncated")
	}
	types := map[uint32]bool{}
	for i := named; i < named+ids; i++ {
		types[binary.LittleEndian.Uint32(rsrc[16+8*i:])] = true
	}
	return types, nil
}

// utf16LE returns s in UTF-16, little-endian, as resources store text.
func utf16LE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// wineRun runs the .exe with args under Wine, its output to pipes, and
// returns its standard output, failing the test if it fails.
func wineRun(t *testing.T, w *wine, exe string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.loader, append([]string{exe}, args...)...)
	cmd.Env = w.env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("wine %s %s: %v\nstdout:\n%s\nstderr:\n%s", winExe, strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

// testPresets checks that `presets` prints one line per preset.
func testPresets(t *testing.T, w *wine, exe string) {
	out := wineRun(t, w, exe, "presets")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	names := network.PresetNames()
	if len(lines) != len(names) {
		t.Fatalf("presets printed %d lines, want %d:\n%s", len(lines), len(names), out)
	}
	for i, name := range names {
		if f := strings.Fields(lines[i]); len(f) == 0 || f[0] != name {
			t.Errorf("line %d is %q, want preset %s", i+1, lines[i], name)
		}
	}
}

// ansi matches the terminal escape sequences Wine's console writes.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// testConsole starts the .exe as cmd's `start /wait` does from a console
// window: Windows then gives a GUI program no standard handles, so
// `presets` prints only through attachConsole. The console is Wine's, on a
// pseudo-terminal.
func testConsole(t *testing.T, w *wine, exe string) {
	master, slave := openPTY(t)
	defer master.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.loader, "cmd", "/c", "start", "/wait", "", winPath(exe), "presets")
	cmd.Env = append(slices.Clip(w.env), "TERM=xterm")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	var out bytes.Buffer
	copied := make(chan struct{})
	go func() { io.Copy(&out, master); close(copied) }()
	err := cmd.Wait()
	master.SetReadDeadline(time.Now().Add(2 * time.Second)) // Wine's console may hold the terminal open
	<-copied
	text := strings.ReplaceAll(ansi.ReplaceAllString(out.String(), ""), "\r", "")
	if err != nil {
		t.Fatalf("cmd /c start /wait %s presets: %v\n%s", winExe, err, text)
	}
	var missing []string
	for _, name := range network.PresetNames() {
		if !regexp.MustCompile(`(?m)^` + name + ` `).MatchString(text) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the console shows no line for the presets %s:\n%s", strings.Join(missing, ", "), text)
	}
}

// openPTY opens a pseudo-terminal 200 columns wide (so that Wine's console
// does not wrap the lines) and returns its master and slave ends.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("pseudo-terminal number: %v", err)
	}
	if err := unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Row: 50, Col: 200}); err != nil {
		t.Fatalf("size the pseudo-terminal: %v", err)
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("open the pseudo-terminal: %v", err)
	}
	return master, slave
}

// testTrain trains vanilla for one epoch on a subset under Wine into a
// folder given as a Windows path, then loads the model it wrote and checks
// that its recorded validation error is what this side computes with it,
// and well below an untrained model's.
func testTrain(t *testing.T, w *wine, exe string) {
	dir := filepath.Join(t.TempDir(), "vanilla run")
	out := wineRun(t, w, exe, "train", "--preset", "vanilla", "--epochs", "1", "--limit", "3000", "--quiet", "--out", winPath(dir))
	if !strings.Contains(out, "epoch 1/1") {
		t.Errorf("train printed no epoch:\n%s", out)
	}
	for _, f := range []string{"history.csv", "loss.png", "reconstructions.png", "codes.png"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || len(b) == 0 {
			t.Errorf("train wrote no %s (%v)", f, err)
			continue
		}
		if filepath.Ext(f) == ".png" {
			if _, err := png.Decode(bytes.NewReader(b)); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
	r, err := network.LoadRunFile(filepath.Join(dir, "model.aes"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.History) != 1 || r.Meta.Name != "vanilla" || r.Meta.TrainLimit != 3000 || !r.OptimizerRestored {
		t.Errorf("model.aes: %d epochs, name %q, train limit %d, optimizer state %v; want 1, vanilla, 3000, true",
			len(r.History), r.Meta.Name, r.Meta.TrainLimit, r.OptimizerRestored)
	}
	test, err := dataset.MNISTTest()
	if err != nil {
		t.Fatal(err)
	}
	n := test.Len()
	got := r.Model.Evaluate(test.Pixels, test.Pixels, n, 256).MSE
	untrained, err := network.Build(r.Model.Spec(), 0)
	if err != nil {
		t.Fatal(err)
	}
	before := untrained.Evaluate(test.Pixels, test.Pixels, n, 256).MSE
	recorded := r.History[len(r.History)-1].ValMSE
	t.Logf("validation MSE: %.5f under Wine, %.5f here, %.5f untrained", recorded, got, before)
	if math.Abs(got-recorded) > 1e-4*recorded {
		t.Errorf("validation MSE %.6f here, %.6f recorded under Wine", got, recorded)
	}
	if !(got < before/2) {
		t.Errorf("validation MSE %.5f after training, %.5f untrained: the model did not learn", got, before)
	}
}

// testWindow opens the app's window under Wine on the X display, waits for
// it, takes a screenshot of it and fails if it looks blank.
func testWindow(t *testing.T, w *wine, exe string) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run (make test does)")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make deps installs it)", tool)
		}
	}
	var logs bytes.Buffer
	app := w.command(exe)
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		app.Process.Kill()
		w.serverCmd("-k").Run()
		<-exited
	}()
	start := time.Now()
	win := waitForWineWindow(t, app.Process.Pid, exited, &logs)
	t.Logf("window %s after %s", win, time.Since(start).Round(100*time.Millisecond))
	time.Sleep(3 * time.Second) // let the first frames draw
	// Another test's window may share the display: raise this one and
	// take only its pixels.
	exec.Command("xdotool", "windowraise", win).Run()
	time.Sleep(300 * time.Millisecond)
	shot, err := exec.Command("import", "-window", win, "png:-").Output()
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if p := os.Getenv("WINE_SHOT"); p != "" {
		if err := os.WriteFile(p, shot, 0o644); err != nil {
			t.Error(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("decode the screenshot: %v", err)
	}
	colours, total := map[[3]uint32]int{}, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
			total++
		}
	}
	most := 0
	for _, n := range colours {
		most = max(most, n)
	}
	t.Logf("screenshot %dx%d: %d colours, the commonest on %.0f%%", b.Dx(), b.Dy(), len(colours), 100*float64(most)/float64(total))
	if len(colours) < 24 || most > total*95/100 {
		t.Errorf("the window looks blank: %d colours, the commonest on %d of %d pixels\n%s", len(colours), most, total, logs.String())
	}
}

// waitForWineWindow waits up to 60 s for the window named Autoencoder
// Studio of the Wine process pid and returns its X id, failing the test if
// the app exits first (exited gets its error back).
func waitForWineWindow(t *testing.T, pid int, exited chan error, logs *bytes.Buffer) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		out, err := exec.Command("xdotool", "search", "--all", "--pid", strconv.Itoa(pid), "--name", "^Autoencoder Studio$").Output()
		if f := strings.Fields(string(out)); err == nil && len(f) > 0 {
			return f[0]
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("the app exited before its window opened: %v\n%s", err, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no window named Autoencoder Studio after 60 s\n%s", logs.String())
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// run runs a command in dir (the package's folder when "") with env (the
// test's when nil) and returns its combined output, failing the test if it
// fails.
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
