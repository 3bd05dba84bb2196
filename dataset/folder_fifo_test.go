//go:build unix

package dataset

import (
	"image"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestLoadImageFolderSkipsFIFO(t *testing.T) {
	dir := folder(t, map[string][]byte{"a.png": encode(t, "png", drawing(image.Pt(50, 50)))})
	if err := syscall.Mkfifo(filepath.Join(dir, "b.png"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	type result struct {
		set      *Set
		problems []ImageError
		err      error
	}
	done := make(chan result, 1)
	go func() {
		s, p, err := LoadImageFolder(dir)
		done <- result{s, p, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		if r.set.Len() != 1 || len(r.problems) != 1 || r.problems[0].File != "b.png" || r.problems[0].Err.Error() != "not a regular file" {
			t.Errorf("got %d images and problems %v, want 1 image and b.png skipped as not a regular file", r.set.Len(), r.problems)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadImageFolder hangs on a FIFO")
	}
}
