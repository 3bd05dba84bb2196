package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// pairwiseAUC is the Mann–Whitney statistic counted pair by pair.
func pairwiseAUC(normal, anomalous []float64) float64 {
	var s float64
	for _, a := range anomalous {
		for _, n := range normal {
			switch {
			case a > n:
				s++
			case a == n:
				s += 0.5
			}
		}
	}
	return s / float64(len(normal)*len(anomalous))
}

// trapezoid returns the area under the straight lines through the points.
func trapezoid(pts []ROCPoint) float64 {
	var a float64
	for i := 1; i < len(pts); i++ {
		a += (pts[i].FPR - pts[i-1].FPR) * (pts[i].TPR + pts[i-1].TPR) / 2
	}
	return a
}

func TestAUC(t *testing.T) {
	for _, tc := range []struct {
		name              string
		normal, anomalous []float64
		want              float64
	}{
		// By hand: 0.4 beats 0.1 and 0.35 and ties 0.4 (2.5), 0.9 beats
		// all four (4), 0.6 beats three (3): 9.5 of 12 pairs.
		{"ties", []float64{0.1, 0.4, 0.35, 0.8}, []float64{0.4, 0.9, 0.6}, 19.0 / 24},
		{"separated", []float64{1, 2, 3}, []float64{4, 5}, 1},
		{"reversed", []float64{4, 5}, []float64{1, 2, 3}, 0},
		{"all tied", []float64{2, 2, 2}, []float64{2, 2}, 0.5},
		{"one each, tied", []float64{7}, []float64{7}, 0.5},
		// 3 beats 1 and 2 and ties 3 twice (3), 1 ties 1 (0.5): 3.5 of 8.
		{"repeated ties", []float64{1, 2, 3, 3}, []float64{3, 1}, 3.5 / 8},
	} {
		if got := AUC(tc.normal, tc.anomalous); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: AUC %v, want %v", tc.name, got, tc.want)
		}
		if got := pairwiseAUC(tc.normal, tc.anomalous); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: the hand count %v is wrong, want %v", tc.name, got, tc.want)
		}
		if got := trapezoid(ROC(tc.normal, tc.anomalous)); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: area under ROC %v, want %v", tc.name, got, tc.want)
		}
	}
	if !math.IsNaN(AUC(nil, []float64{1})) || !math.IsNaN(AUC([]float64{1}, nil)) || ROC(nil, []float64{1}) != nil {
		t.Error("AUC or ROC of an empty set is not NaN or nil")
	}
}

// TestAUCRandom checks the rank computation and the curve against the pair
// count on scores with many ties.
func TestAUCRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 20 {
		normal := make([]float64, 1+rng.IntN(60))
		anomalous := make([]float64, 1+rng.IntN(60))
		for i := range normal {
			normal[i] = float64(rng.IntN(10))
		}
		for i := range anomalous {
			anomalous[i] = float64(rng.IntN(10) + trial%4)
		}
		want := pairwiseAUC(normal, anomalous)
		if got := AUC(normal, anomalous); math.Abs(got-want) > 1e-12 {
			t.Errorf("trial %d: AUC %v, pairs say %v", trial, got, want)
		}
		if got := trapezoid(ROC(normal, anomalous)); math.Abs(got-want) > 1e-12 {
			t.Errorf("trial %d: area under ROC %v, pairs say %v", trial, got, want)
		}
	}
}

func TestROC(t *testing.T) {
	normal, anomalous := []float64{0.1, 0.4, 0.35, 0.8}, []float64{0.4, 0.9, 0.6}
	want := []ROCPoint{
		{math.Inf(1), 0, 0},
		{0.9, 0, 1.0 / 3},
		{0.8, 0.25, 1.0 / 3},
		{0.6, 0.25, 2.0 / 3},
		{0.4, 0.5, 1}, // the tie moves both rates
		{0.35, 0.75, 1},
		{0.1, 1, 1},
	}
	got := ROC(normal, anomalous)
	if len(got) != len(want) {
		t.Fatalf("ROC %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Threshold != want[i].Threshold || math.Abs(got[i].FPR-want[i].FPR) > 1e-12 || math.Abs(got[i].TPR-want[i].TPR) > 1e-12 {
			t.Errorf("point %d: %+v, want %+v", i, got[i], want[i])
		}
		fpr, tpr := RatesAt(normal, anomalous, want[i].Threshold)
		if math.Abs(fpr-want[i].FPR) > 1e-12 || math.Abs(tpr-want[i].TPR) > 1e-12 {
			t.Errorf("RatesAt(%v) = %v, %v; want the curve's %v, %v", want[i].Threshold, fpr, tpr, want[i].FPR, want[i].TPR)
		}
	}
	if fpr, tpr := RatesAt(nil, nil, 0); fpr != 0 || tpr != 0 {
		t.Errorf("rates of empty sets %v, %v", fpr, tpr)
	}
}

func TestQuantile(t *testing.T) {
	v := []float64{4, 1, 3, 2}
	for _, tc := range []struct{ q, want float64 }{{0, 1}, {0.5, 2.5}, {1, 4}, {0.25, 1.75}} {
		if got := Quantile(v, tc.q); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Quantile(%v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if !slices.Equal(v, []float64{4, 1, 3, 2}) {
		t.Error("Quantile reordered its input")
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("quantile of nothing is not NaN")
	}
}

func TestHistogram(t *testing.T) {
	h := NewHistogram(4, 0, 2, []float64{0, 0.49, 0.5, 1.99, 2, 7, -1, math.NaN()}, []float64{1.2})
	if h.Lo != 0 || h.Width != 0.5 {
		t.Errorf("bins from %v of width %v, want 0 and 0.5", h.Lo, h.Width)
	}
	// -1 and 0, 0.49 in the first bin; 0.5; none; 1.99, 2 and 7 in the last.
	if want := [][]int{{3, 1, 0, 3}, {0, 0, 1, 0}}; !slices.Equal(h.Counts[0], want[0]) || !slices.Equal(h.Counts[1], want[1]) {
		t.Errorf("counts %v, want %v", h.Counts, want)
	}
	if flat := NewHistogram(3, 5, 5, []float64{5, 5}); flat.Width != 1 || flat.Counts[0][0] != 2 {
		t.Errorf("histogram of one value: %+v", flat)
	}
	if h.Edge(0) != 0 || h.Edge(4) != 2 {
		t.Errorf("edges %v…%v, want 0…2", h.Edge(0), h.Edge(4))
	}
	// Three bins per decade from 0.001 to 1: 0 and 0.001 in the first,
	// 0.02 in the fourth (0.01…0.0215), 0.5 and 3 in the last.
	lh := NewLogHistogram(9, 0.001, 1, []float64{0, 0.001, 0.02, 0.5, 3})
	if want := []int{2, 0, 0, 1, 0, 0, 0, 0, 2}; !slices.Equal(lh.Counts[0], want) || !lh.Log {
		t.Errorf("log counts %v, want %v", lh.Counts[0], want)
	}
	if e := lh.Edge(3); math.Abs(e-0.01) > 1e-12 {
		t.Errorf("log bin 3 starts at %v, want 0.01", e)
	}
}

func TestRanked(t *testing.T) {
	if got, want := Ranked([]float64{0.2, 0.9, 0.2, 0.5}), []int{1, 3, 0, 2}; !slices.Equal(got, want) {
		t.Errorf("Ranked = %v, want %v", got, want)
	}
}

func TestImageErrors(t *testing.T) {
	s, _ := Preset("vanilla")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	const n = 300 // more than one batch of 256
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, n*784)
	for i := range x {
		x[i] = rng.Float32()
	}
	got, err := m.ImageErrors(Data{X: x, N: n})
	if err != nil {
		t.Fatal(err)
	}
	var mean float64
	for i, e := range got {
		mean += e / n
		if i%97 != 0 { // a few, one by one
			continue
		}
		rec := m.Predict(x[i*784:(i+1)*784], 1)
		var want float64
		for j, r := range rec {
			d := float64(r) - float64(x[i*784+j])
			want += d * d / 784
		}
		if math.Abs(e-want) > 1e-9 {
			t.Errorf("image %d: error %v, want %v", i, e, want)
		}
	}
	if want := m.Evaluate(x, x, n, 64).MSE; math.Abs(mean-want) > 1e-6 {
		t.Errorf("mean image error %v, Evaluate's MSE %v", mean, want)
	}
	// Against other targets the errors change.
	y := make([]float32, len(x))
	other, _ := m.ImageErrors(Data{X: x, Y: y, N: n})
	if other[0] == got[0] {
		t.Error("the targets were not used")
	}
	for _, d := range []Data{{X: x[:100], N: 1}, {X: x, Y: y[:10], N: n}, {N: -1}} {
		if _, err := m.ImageErrors(d); err == nil || !strings.Contains(err.Error(), "784 values each") {
			t.Errorf("%d values for %d samples: error %v", len(d.X), d.N, err)
		}
	}
}

func TestScoreAnomalies(t *testing.T) {
	s, _ := Preset("vanilla")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	// A model fresh from its initialisation reconstructs every image near
	// 0.5: dark images (normal) err less than bright ones (other).
	const n = 40
	dark, bright := make([]float32, n*784), make([]float32, n*784)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range dark {
		dark[i] = 0.3 * rng.Float32()
		bright[i] = 1 - 0.1*rng.Float32()
	}
	a, err := ScoreAnomalies(m, Data{X: dark, N: n}, Data{X: bright, N: n})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Normal) != n || len(a.Other) != n || a.AUC != 1 || len(a.ROC) != 2*n+1 {
		t.Errorf("%d and %d errors, AUC %v, %d ROC points; want %d, %d, 1, %d", len(a.Normal), len(a.Other), a.AUC, len(a.ROC), n, n, 2*n+1)
	}
	if a.AUC != AUC(a.Normal, a.Other) {
		t.Error("AUC is not that of the errors")
	}
	thr := a.ThresholdFor(0.1)
	if fpr, _ := a.Rates(thr); math.Abs(fpr-0.1) > 1.0/n+1e-12 {
		t.Errorf("threshold for 10%% flags %v of the normal images", fpr)
	}
	if fpr, tpr := a.Rates(a.ThresholdFor(0)); fpr != 1.0/n || tpr != 1 {
		t.Errorf("threshold at the largest normal error: rates %v, %v", fpr, tpr)
	}
	h := a.Histogram(10)
	total := 0
	for _, c := range h.Counts[0] {
		total += c
	}
	if len(h.Counts) != 2 || total != n || !h.Log || h.Edge(0) <= 0 {
		t.Errorf("histogram %+v", h)
	}
	if _, err := ScoreAnomalies(m, Data{X: dark, N: n}, Data{}); err == nil {
		t.Error("no error for an empty set")
	}
	if _, err := ScoreAnomalies(m, Data{X: dark[:10], N: 1}, Data{X: bright, N: n}); err == nil || !strings.Contains(err.Error(), "own images") {
		t.Errorf("bad own set: error %v", err)
	}
}
