package network

import (
	"math"
	"slices"
	"testing"
)

func TestLatentPlaneOfTwoValues(t *testing.T) {
	codes := []float32{0, 0, 1, 2, -3, 4, 0.5, -1}
	p, err := NewLatentPlane(codes, 4, 2, true)
	if err != nil {
		t.Fatal(err)
	}
	if p.PCA != nil {
		t.Fatal("a 2-D code got a PCA")
	}
	xy := p.Project(codes, 4)
	for i, v := range codes {
		if xy[i] != float64(v) {
			t.Fatalf("Project = %v, want the codes %v", xy, codes)
		}
	}
	if c := p.Code(0.25, -2, nil); c[0] != 0.25 || c[1] != -2 {
		t.Errorf("Code(0.25, -2) = %v", c)
	}
	// The Keras blog's grid: norm.ppf(linspace(0.05, 0.95, n)).
	xs, ys := p.Grid(5)
	want := []float64{-1.6448536, -0.5977601, 0, 0.5977601, 1.6448536} // Φ⁻¹ of 0.05, 0.275, 0.5…
	for i := range want {
		if math.Abs(xs[i]-want[i]) > 1e-6 || math.Abs(ys[4-i]-want[i]) > 1e-6 {
			t.Fatalf("Grid(5) = %v, %v; want x %v and y from the top", xs, ys, want)
		}
	}
	p.Variational = false
	xs, ys = p.Grid(3)
	if xs[0] != p.X[0] || xs[2] != p.X[1] || ys[0] != p.Y[1] || ys[2] != p.Y[0] {
		t.Errorf("Grid(3) = %v, %v over X %v and Y %v", xs, ys, p.X, p.Y)
	}
	if p.X[0] >= -3 || p.X[1] <= 1 {
		t.Errorf("X range %v does not cover the codes", p.X)
	}
}

// TestLatentPlaneOfPCA lays codes of 5 values on a plane and checks that a
// point's code and a code's point invert each other.
func TestLatentPlaneOfPCA(t *testing.T) {
	rng := testRand()
	u := []float64{0.6, 0.8, 0, 0, 0}
	v := []float64{0, 0, 0, 1, 0}
	mean := []float64{1, -2, 3, 0.5, 7}
	const n = 200
	codes := make([]float32, 0, n*5)
	for range n {
		a, b := 3*rng.NormFloat64(), rng.NormFloat64()
		for j := range 5 {
			codes = append(codes, float32(mean[j]+a*u[j]+b*v[j]))
		}
	}
	p, err := NewLatentPlane(codes, n, 5, false)
	if err != nil {
		t.Fatal(err)
	}
	if p.PCA == nil {
		t.Fatal("a 5-D code got no PCA")
	}
	xy := p.Project(codes, n)
	for i := range n {
		c := p.Code(xy[2*i], xy[2*i+1], nil)
		for j := range 5 {
			if math.Abs(float64(c[j]-codes[i*5+j])) > 1e-4 {
				t.Fatalf("code %d: back from its point (%v, %v) it is %v, want %v", i, xy[2*i], xy[2*i+1], c, codes[i*5:i*5+5])
			}
		}
	}
}

func TestLatentPlaneRejects(t *testing.T) {
	if _, err := NewLatentPlane([]float32{1, 2}, 1, 2, false); err == nil {
		t.Error("one code made a plane")
	}
	if _, err := NewLatentPlane([]float32{1, float32(math.NaN()), 0, 0}, 2, 2, false); err == nil {
		t.Error("a NaN code made a plane")
	}
}

func TestDecodePlaneAndSamplePrior(t *testing.T) {
	s, _ := Preset("vae")
	s.Layers[0].Units, s.Layers[2].Units = 16, 16
	m, err := Build(s, 3)
	if err != nil {
		t.Fatal(err)
	}
	p := &LatentPlane{Dim: 2, Variational: true}
	xs, ys := p.Grid(4)
	grid := m.DecodePlane(p, xs, ys)
	if len(grid) != 16*784 {
		t.Fatalf("DecodePlane gave %d values, want 16 images", len(grid))
	}
	// Row 1, column 2 is the point (xs[2], ys[1]).
	one := m.Decode([]float32{float32(xs[2]), float32(ys[1])}, 1)
	got := grid[(1*4+2)*784 : (1*4+3)*784]
	for i := range one {
		if math.Abs(float64(got[i]-one[i])) > 1e-5 { // a batch may round differently
			t.Fatalf("grid cell (1, 2) value %d = %v, the decoding of its point %v", i, got[i], one[i])
		}
	}
	a, codes := m.SamplePrior(8, 5)
	b, _ := m.SamplePrior(8, 5)
	c, _ := m.SamplePrior(8, 6)
	if len(a) != 8*784 || len(codes) != 16 || !slices.Equal(a, b) || slices.Equal(a, c) {
		t.Error("SamplePrior is not seeded: the same seed must repeat, another must not")
	}
}
