package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// tempMark separates a target's name from the writer's process ID in the
// name of a temporary file: ".model.aes.tmp-1234-567890".
const tempMark = ".tmp-"

// legacyAge is how old a temporary file of the older, ID-less naming
// (".model.aes.tmp123456") must be before a write removes it.
const legacyAge = 10 * time.Minute

// Write writes path atomically with the bytes write produces, with mode
// perm set exactly (no umask). If write or any step after it fails, path is
// left as it was and the temporary file is removed. Before writing, Write removes the
// temporary files that killed processes left in path's folder.
func Write(path string, perm os.FileMode, write func(w io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if base == "" {
		return fmt.Errorf("write %s: not a file name", path)
	}
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("write %s: not a regular file", path)
	}
	RemoveStale(dir)
	f, err := os.CreateTemp(dir, "."+base+tempMark+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := write(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("write %s: sync folder: %w", path, err)
	}
	return nil
}

// WriteFile writes data to path atomically with mode perm: see Write.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// RemoveStale removes the temporary files that writers killed mid-write left
// in dir: those whose process is no longer running, and those of the older
// naming without a process ID once they are ten minutes old. It returns the
// names it removed; errors are ignored, as a file that cannot be removed now
// is tried again next time.
func RemoveStale(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !stale(e) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}

// stale reports whether directory entry e is a temporary file of a writer
// that is gone.
func stale(e os.DirEntry) bool {
	name := e.Name()
	if !strings.HasPrefix(name, ".") {
		return false
	}
	if i := strings.LastIndex(name, tempMark); i > 0 {
		rest := name[i+len(tempMark):]
		j := strings.IndexByte(rest, '-')
		if j <= 0 {
			return false
		}
		pid, err := strconv.Atoi(rest[:j])
		if err != nil || pid <= 0 {
			return false
		}
		return pid != os.Getpid() && !processAlive(pid)
	}
	// The naming before process IDs: ".NAME.aes.tmp" and random digits.
	i := strings.LastIndex(name, ".aes.tmp")
	if i <= 0 || !allDigits(name[i+len(".aes.tmp"):]) {
		return false
	}
	info, err := e.Info()
	return err == nil && time.Since(info.ModTime()) > legacyAge
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
