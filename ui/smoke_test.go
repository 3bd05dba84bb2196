package ui

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// needDesktop skips the test unless an X display, xdotool and ImageMagick's
// import are available, or when -short is given.
func needDesktop(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("desktop test skipped with -short")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY: run under xvfb-run (make test does)")
	}
	for _, tool := range []string{"xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make deps installs it)", tool)
		}
	}
}

// TestSmokeDesktop builds the real binary, opens its window on the X
// display (Xvfb under `make test`), takes a screenshot of the screen and
// checks that the window drew something. It needs DISPLAY, xdotool and
// ImageMagick's import, and is skipped with -short.
func TestSmokeDesktop(t *testing.T) {
	needDesktop(t)
	bin := buildApp(t)
	shot := os.Getenv("SMOKE_SHOT")
	if shot == "" {
		shot = filepath.Join(t.TempDir(), "shot.png")
	}
	runAndCheckWindow(t, exec.Command(bin), shot)
}

// buildApp builds the real binary into a temporary folder and returns its path.
func buildApp(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "autoencoder-studio")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runAndCheckWindow starts app, waits up to 60 s for its window, saves a
// screenshot of the screen to shot and fails the test if it looks blank.
func runAndCheckWindow(t *testing.T, app *exec.Cmd, shot string) {
	t.Helper()
	var logs bytes.Buffer
	if app.Env == nil {
		app.Env = os.Environ()
	}
	app.Env = append(app.Env, "LANG=en_US.UTF-8")
	app.Stdout, app.Stderr = &logs, &logs
	if err := app.Start(); err != nil {
		t.Fatalf("start the app: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer func() {
		_ = app.Process.Kill()
		<-exited
	}()

	win := waitForWindow(t, app.Process.Pid, exited, &logs)
	time.Sleep(3 * time.Second) // let the first frames draw
	checkNotBlank(t, win, shot, &logs)
}

// waitForWindow waits up to 60 s for a window named Autoencoder Studio
// of process pid (other tests may show one on the same display: the
// Windows build under Wine does) and returns its X id, failing the test if
// the app exits first (exited gets its error back).
func waitForWindow(t *testing.T, pid int, exited chan error, logs *bytes.Buffer) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		out, err := exec.Command("xdotool", "search", "--pid", strconv.Itoa(pid), "--name", "Autoencoder Studio").Output()
		if ids := strings.Fields(string(out)); err == nil && len(ids) > 0 {
			return ids[0]
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

// checkNotBlank saves a screenshot of the X window win to shot and fails
// the test if it looks blank, showing the app's logs.
func checkNotBlank(t *testing.T, win, shot string, logs *bytes.Buffer) {
	t.Helper()
	if out, err := exec.Command("import", "-window", win, shot).CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	colours := map[[3]uint32]bool{}
	lit, total := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			if r|g|bl != 0 {
				lit++
			}
			total++
		}
	}
	t.Logf("screenshot %s: %d colours, %.0f%% of the screen not black", shot, len(colours), 100*float64(lit)/float64(total))
	if len(colours) < 24 || lit < total/2 {
		t.Errorf("the window looks blank: %d colours, %d of %d pixels lit\n%s", len(colours), lit, total, logs.String())
	}
}
