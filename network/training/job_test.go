package training

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"autoencoder-studio/network"
)

func vanilla(t *testing.T, epochs int) network.Spec {
	t.Helper()
	s, err := network.Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	s.Train.Epochs = epochs
	return s
}

// TestResumeMatchesUninterrupted trains 1 epoch with seed 7, saves, loads
// and resumes for 1 more: weights and history match a 2-epoch run bit for
// bit.
func TestResumeMatchesUninterrupted(t *testing.T) {
	job := Job{Spec: vanilla(t, 1), Seed: 7, TrainLimit: 512, ValLimit: 100}
	first, err := Run(context.Background(), job)
	if err != nil {
		t.Fatal(err)
	}
	if first.Meta.FitSeed != 7 || first.Meta.TrainLimit != 512 || first.Meta.Dataset != MNIST {
		t.Errorf("meta %+v, want fit seed 7, limit 512, MNIST", first.Meta)
	}
	path := filepath.Join(t.TempDir(), "run.aes")
	if err := first.Save(path); err != nil {
		t.Fatal(err)
	}
	saved, err := network.LoadRunFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Resumed with no limit or seed of its own: the run's carry on.
	resumed, err := Run(context.Background(), Job{Spec: vanilla(t, 1), Resume: saved, ValLimit: 100})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := Run(context.Background(), Job{Spec: vanilla(t, 2), Seed: 7, TrainLimit: 512, ValLimit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(resumed.History) != 2 {
		t.Fatalf("resumed history has %d epochs, want 2", len(resumed.History))
	}
	for i := range whole.History {
		g, w := resumed.History[i], whole.History[i]
		if g.Epoch != w.Epoch || g.TrainLoss != w.TrainLoss || g.ValLoss != w.ValLoss {
			t.Errorf("epoch %d: %+v, want %+v", i+1, g, w)
		}
	}
	for i, p := range whole.Model.Params() {
		if !slices.Equal(resumed.Model.Params()[i].Value, p.Value) {
			t.Errorf("%s differs from the uninterrupted run", p.Name)
		}
	}
}

func TestRunRefusesOtherDataset(t *testing.T) {
	r := &network.Run{Meta: network.Meta{Name: "mine", Dataset: "digits"}}
	_, err := Run(context.Background(), Job{Spec: vanilla(t, 1), Resume: r})
	if err == nil {
		t.Fatal("resumed a run on another dataset")
	}
}

func TestRunStopped(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := Run(ctx, Job{Spec: vanilla(t, 1), TrainLimit: 256, ValLimit: 50})
	if !errors.Is(err, context.Canceled) || res == nil || len(res.History) != 0 {
		t.Fatalf("Run on a cancelled context = %v, %v; want a result with no epochs and context.Canceled", res, err)
	}
}

func TestRunBadSetting(t *testing.T) {
	s := vanilla(t, 1)
	s.Train.BatchSize = 0
	if res, err := Run(context.Background(), Job{Spec: s, TrainLimit: 64}); err == nil || res != nil {
		t.Fatalf("Run with batch 0 = %v, %v; want an error and no result", res, err)
	}
}
