package network

import (
	"context"
	"slices"
	"testing"
)

func TestReleaseBuffersKeepsTraining(t *testing.T) {
	s, err := Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	train, val := mnistSubset(t, 256, 64)
	cfg := FitConfig{Epochs: 2, BatchSize: 32, Seed: 3, AllowNoLearning: true}
	run := func(release bool) ([]float32, []Epoch) {
		m, err := Build(s, 1)
		if err != nil {
			t.Fatal(err)
		}
		c := cfg
		c.Epochs = 1
		h1, err := m.Fit(context.Background(), train, val, c)
		if err != nil {
			t.Fatal(err)
		}
		if release {
			m.ReleaseBuffers()
			for i, o := range m.outputs {
				if o != nil {
					t.Fatalf("layer %d still holds its output after ReleaseBuffers", i)
				}
			}
		}
		c.Epochs, c.InitialEpoch = 2, 1
		h2, err := m.Fit(context.Background(), train, val, c)
		if err != nil {
			t.Fatal(err)
		}
		return slices.Clone(m.Predict(val.X[:784], 1)), append(h1, h2...)
	}
	want, wantH := run(false)
	got, gotH := run(true)
	if !slices.Equal(got, want) {
		t.Error("a model whose buffers were released trains on differently")
	}
	for i := range wantH {
		if gotH[i].TrainLoss != wantH[i].TrainLoss || gotH[i].ValLoss != wantH[i].ValLoss {
			t.Errorf("epoch %d: losses %v, want %v", i+1, gotH[i], wantH[i])
		}
	}
}
