package network

import (
	"math/rand/v2"
	"testing"
)

func TestInterpolate(t *testing.T) {
	for _, name := range []string{"vanilla", "conv"} {
		t.Run(name, func(t *testing.T) {
			s, err := Preset(name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Build(s, 1)
			if err != nil {
				t.Fatal(err)
			}
			size, in := m.CodeShape().Size(), m.InputShape().Size()
			rng := rand.New(rand.NewPCG(1, 2))
			a, b := make([]float32, size), make([]float32, size)
			for i := range a {
				a[i], b[i] = rng.Float32(), rng.Float32()*2
			}
			const steps = 5
			got := m.Interpolate(a, b, steps)
			if len(got) != steps*in {
				t.Fatalf("%d values, want %d", len(got), steps*in)
			}
			mid := append([]float32(nil), got[2*in:3*in]...)
			for _, tc := range []struct {
				step int
				code []float32
			}{{0, a}, {steps - 1, b}} {
				want := m.Decode(tc.code, 1)
				for j, v := range want {
					if got[tc.step*in+j] != v {
						t.Fatalf("step %d value %d = %v, want Decode()[%d] = %v", tc.step, j, got[tc.step*in+j], j, v)
					}
				}
			}
			// The result is a copy: later calls do not change it.
			c := make([]float32, size)
			for i := range c {
				c[i] = (a[i] + b[i]) / 2
			}
			want := m.Decode(c, 1)
			for j, v := range want {
				if d := mid[j] - v; d > 1e-5 || d < -1e-5 || got[2*in+j] != mid[j] {
					t.Fatalf("midpoint value %d = %v, want %v", j, got[2*in+j], v)
				}
			}
			if one := m.Interpolate(a, b, 1); len(one) != in || one[0] != got[0] {
				t.Errorf("one step: %d values starting %v, want Decode(A)", len(one), one[0])
			}
		})
	}
}

func TestInterpolatePanics(t *testing.T) {
	s, _ := Preset("vanilla")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	code := make([]float32, m.CodeShape().Size())
	for _, tc := range []struct {
		name  string
		a, b  []float32
		steps int
	}{
		{"short code", code[1:], code, 3},
		{"long code", code, append(code, 0), 3},
		{"no steps", code, code, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			m.Interpolate(tc.a, tc.b, tc.steps)
		})
	}
}
