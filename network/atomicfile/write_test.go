package atomicfile

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.aes")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("new content"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new content" {
		t.Fatalf("file holds %q, want %q", b, "new content")
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	assertOnly(t, dir, "model.aes")
}

func TestWriteFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.aes")
	if err := WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk full")
	err := Write(path, 0o644, func(w io.Writer) error {
		w.Write([]byte("half of the n"))
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write returned %v, want it to wrap %v", err, boom)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("failed write left %q, want the old %q", b, "old")
	}
	assertOnly(t, dir, "model.aes")
}

func TestWriteRefusesNonRegularTarget(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 0o644, func(io.Writer) error { return nil }); err == nil {
		t.Fatal("Write over a folder succeeded")
	}
}

// deadPID returns the ID of a process that has exited: the test binary,
// run again with no tests. It skips the test when the system cannot run
// the binary itself, as under user-mode emulation without binfmt
// (go test -exec qemu-aarch64-static).
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		if errors.Is(err, syscall.ENOEXEC) {
			t.Skipf("cannot start the test binary as a child process: %v", err)
		}
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	dead := deadPID(t)
	old := time.Now().Add(-time.Hour)
	files := []struct {
		name    string
		mtime   time.Time
		removed bool
	}{
		{".run1.aes" + tempMark + strconv.Itoa(dead) + "-123", time.Now(), true},
		{".gallery.png" + tempMark + strconv.Itoa(dead) + "-9", time.Now(), true},
		{".run1.aes" + tempMark + strconv.Itoa(os.Getpid()) + "-5", time.Now(), false}, // ours, maybe in use
		{".run1.aes.tmp4711", old, true},                                               // older naming, an hour old
		{".run1.aes.tmp4712", time.Now(), false},                                       // older naming, fresh
		{"run1.aes", old, false},
		{".hidden", old, false},
		{".x" + tempMark + "abc-1", old, false},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, f.mtime, f.mtime); err != nil {
			t.Fatal(err)
		}
	}
	RemoveStale(dir)
	for _, f := range files {
		_, err := os.Stat(filepath.Join(dir, f.name))
		if gone := os.IsNotExist(err); gone != f.removed {
			t.Errorf("%s: removed %v, want %v", f.name, gone, f.removed)
		}
	}
}

func TestWriteRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".run1.aes"+tempMark+strconv.Itoa(deadPID(t))+"-77")
	if err := os.WriteFile(stale, make([]byte, 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "other.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "other.png")
}

// assertOnly fails unless dir holds exactly the named files.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("%s holds %q, want %q", dir, got, names)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("%s holds %q, want %q", dir, got, names)
		}
	}
}
