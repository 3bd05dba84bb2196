package network

import (
	"context"
	"errors"
	"math"
	"testing"

	"autoencoder-studio/dataset"
)

// mnistSubset returns the first nTrain training and nVal test images.
func mnistSubset(t testing.TB, nTrain, nVal int) (Data, Data) {
	t.Helper()
	train, test, err := dataset.MNIST()
	if err != nil {
		t.Fatal(err)
	}
	tr, va := train.Subset(nTrain), test.Subset(nVal)
	return Data{X: tr.Pixels, N: tr.Len()}, Data{X: va.Pixels, N: va.Len()}
}

// meanImageMSE is the validation MSE of always predicting the mean training
// image: the baseline any autoencoder must beat.
func meanImageMSE(train, val Data) float64 {
	mean := make([]float64, 784)
	for i, v := range train.X {
		mean[i%784] += float64(v) / float64(train.N)
	}
	var s float64
	for i, v := range val.X {
		d := float64(v) - mean[i%784]
		s += d * d
	}
	return s / float64(len(val.X))
}

func TestVanillaLearnsMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("trains 4 epochs on 10,000 MNIST digits")
	}
	train, val := mnistSubset(t, 10000, 1000)
	s, _ := Preset("vanilla")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	var reports int
	hist, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 4, Seed: 1, Progress: func(Progress) { reports++ }})
	if err != nil {
		t.Fatal(err)
	}
	base := meanImageMSE(train, val)
	last := hist[len(hist)-1]
	t.Logf("mean-image MSE %.4f; after 4 epochs on 10000 digits: val MSE %.4f", base, last.ValMSE)
	if last.ValMSE > base/2 {
		t.Errorf("validation MSE %.4f, want far below the mean-image baseline %.4f", last.ValMSE, base)
	}
	if hist[0].ValLoss <= last.ValLoss || last.TrainLoss >= hist[0].TrainLoss {
		t.Errorf("losses did not fall: %+v", hist)
	}
	if reports < 4 {
		t.Errorf("%d progress reports for 4 epochs", reports)
	}
}

func TestFitReproducible(t *testing.T) {
	train, val := mnistSubset(t, 600, 100)
	run := func() *Model {
		s, _ := Preset("sparse")
		m, _ := Build(s, 7)
		if _, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 1, BatchSize: 64, Seed: 3}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b := run(), run()
	for i, p := range a.Params() {
		for j, v := range p.Value {
			if math.Float32bits(v) != math.Float32bits(b.Params()[i].Value[j]) {
				t.Fatalf("%s[%d] differs between two seeded runs", p.Name, j)
			}
		}
	}
}

func TestFitDivergenceKeepsLastGoodWeights(t *testing.T) {
	train, val := mnistSubset(t, 512, 64)
	s, _ := Preset("vanilla")
	s.Optimizer = OptimizerSpec{Name: "sgd", LearningRate: 1e30}
	s.Layers[1].Activation = "linear" // unbounded outputs, so the loss overflows
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	before := m.snapshot(nil)
	hist, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 2, BatchSize: 64})
	if !errors.Is(err, ErrDiverged) {
		t.Fatalf("error %v, want ErrDiverged", err)
	}
	t.Log(err)
	if len(hist) != 0 {
		t.Errorf("history %v after divergence in the first epoch", hist)
	}
	for i, p := range m.Params() {
		for j, v := range p.Value {
			if v != before[i][j] {
				t.Fatalf("%s[%d] = %v, want the initial %v", p.Name, j, v, before[i][j])
			}
		}
	}
}

func TestFitCancel(t *testing.T) {
	train, val := mnistSubset(t, 2000, 100)
	s, _ := Preset("vanilla")
	m, _ := Build(s, 1)
	ctx, cancel := context.WithCancel(context.Background())
	var batches int
	_, err := m.Fit(ctx, train, val, FitConfig{Epochs: 3, BatchSize: 10, ProgressEvery: 1,
		Wait: func(context.Context) error {
			if batches++; batches == 5 {
				cancel()
			}
			return nil
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if batches != 5 {
		t.Errorf("ran %d batches after cancelling at 5", batches)
	}
}

func TestFitRejectsBadData(t *testing.T) {
	s, _ := Preset("vanilla")
	m, _ := Build(s, 1)
	for _, d := range []Data{{}, {X: make([]float32, 100), N: 1}} {
		if _, err := m.Fit(context.Background(), d, Data{}, FitConfig{Epochs: 1}); err == nil {
			t.Errorf("Fit accepted %d values for %d samples", len(d.X), d.N)
		}
	}
}

func TestCloneForTrainingContinuesExactly(t *testing.T) {
	train, val := mnistSubset(t, 256, 32)
	s, _ := Preset("vanilla")
	a, _ := Build(s, 3)
	if _, err := a.Fit(context.Background(), train, val, FitConfig{Epochs: 1, BatchSize: 64, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	b, err := a.CloneForTraining()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []*Model{a, b} {
		if _, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 2, InitialEpoch: 1, BatchSize: 64, Seed: 5}); err != nil {
			t.Fatal(err)
		}
	}
	for i, p := range a.Params() {
		for j, v := range p.Value {
			if math.Float32bits(v) != math.Float32bits(b.Params()[i].Value[j]) {
				t.Fatalf("%s[%d]: the clone trained to %v, the original to %v", p.Name, j, b.Params()[i].Value[j], v)
			}
		}
	}
}

// TestTrainWithLeadingLayersWithoutParams trains designs that start with
// layers without weights (a reshape of a flat input, training noise): the
// backward pass must stop at the first layer with weights, whose input
// gradient nothing needs.
func TestTrainWithLeadingLayersWithoutParams(t *testing.T) {
	for _, lead := range [][]LayerSpec{
		{{Type: TypeReshape, Shape: Shape{4, 4, 1}}},
		{{Type: TypeGaussianNoise, Noise: 0.2}, {Type: TypeReshape, Shape: Shape{4, 4, 1}}, {Type: TypeMaxPool2D, Size: 1}},
	} {
		s := Spec{
			Input: Shape{16},
			Layers: append(append([]LayerSpec(nil), lead...),
				LayerSpec{Type: TypeConv2D, Filters: 2, Kernel: 3, Padding: "same", Activation: "relu", Code: true},
				LayerSpec{Type: TypeFlatten},
				LayerSpec{Type: TypeDense, Units: 16, Activation: "sigmoid"}),
			Loss: "mse", Optimizer: OptimizerSpec{Name: "adam", LearningRate: 0.01},
		}
		m, err := Build(s, 1)
		if err != nil {
			t.Fatal(err)
		}
		x := make([]float32, 8*16)
		for i := range x {
			x[i] = float32(i%7) / 7
		}
		first := m.Evaluate(x, x, 8, 8).Total()
		for range 50 {
			m.TrainStep(x, x, 8)
		}
		if last := m.Evaluate(x, x, 8, 8).Total(); !(last < first) {
			t.Errorf("%d leading layers: loss %g after 50 steps, %g before", len(lead), last, first)
		}
	}
}
