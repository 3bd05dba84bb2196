package ui

import (
	"io"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"autoencoder-studio/network"
	"autoencoder-studio/ui/cli"
)

// TestContinueCLIRunMatchesUninterrupted trains 1 epoch with the command
// line (seed 7, 256 digits), continues it in the app for 1 more, and
// compares with a 2-epoch command-line run: the same training job, so the
// same weights and history bit for bit — the seed and the subset come
// from the file.
func TestContinueCLIRunMatchesUninterrupted(t *testing.T) {
	dir := t.TempDir()
	train := func(epochs, out string) string {
		t.Helper()
		if code := cli.Run([]string{"train", "--preset", "vanilla", "--epochs", epochs, "--seed", "7", "--limit", "256", "--quiet", "--out", out}, io.Discard, io.Discard); code != 0 {
			t.Fatalf("train --epochs %s: exit %d", epochs, code)
		}
		return filepath.Join(out, "model.aes")
	}
	one := train("1", filepath.Join(dir, "one"))
	two, err := network.LoadRunFile(train("2", filepath.Join(dir, "two")))
	if err != nil {
		t.Fatal(err)
	}

	s, loop, _ := newTestStudio(t, 0, 0) // the app's own limits must not matter
	r, err := s.OpenRunFile(one)
	if err != nil {
		t.Fatal(err)
	}
	if r.FitSeed != 7 || r.TrainLimit != 256 {
		t.Fatalf("opened run has fit seed %d and limit %d, want 7 and 256", r.FitSeed, r.TrainLimit)
	}
	s.train.Continue()
	loop.until(t, "the continued run", 60*time.Second, func() bool { return !r.Status.Active() })
	if r.Status != RunDone || len(r.History) != 2 {
		t.Fatalf("after Continue: %v, %v, history %+v", r.Status, r.Err, r.History)
	}
	for i, e := range two.History {
		g := r.History[i]
		if g.TrainLoss != e.TrainLoss || g.ValLoss != e.ValLoss {
			t.Errorf("epoch %d: train %v val %v, want %v and %v", i+1, g.TrainLoss, g.ValLoss, e.TrainLoss, e.ValLoss)
		}
	}
	r.Lock() // other tabs may be running the model
	defer r.Unlock()
	for i, p := range two.Model.Params() {
		if !slices.Equal(r.Model().Params()[i].Value, p.Value) {
			t.Errorf("%s differs from the uninterrupted run", p.Name)
		}
	}
}
