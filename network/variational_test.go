package network

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestVariationalGradients checks the whole gradient of a model with a
// variational code (reconstruction plus KL) against central finite
// differences, with ε held fixed: every forward pass is reseeded for the
// same batch, as Fit does.
func TestVariationalGradients(t *testing.T) {
	for _, tc := range []struct {
		name string
		loss Loss
	}{
		{"summed-bce", SummedBinaryCrossentropy},
		{"bce", BinaryCrossentropy},
		{"mse", MSE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Spec{
				Input: Shape{6}, Loss: string(tc.loss), Optimizer: OptimizerSpec{Name: "sgd"},
				Layers: []LayerSpec{
					{Type: TypeDense, Units: 5, Activation: "tanh"},
					{Type: TypeVariational, Units: 3, Code: true},
					{Type: TypeDense, Units: 6, Activation: "sigmoid"},
				},
			}
			m, err := Build(s, 5)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(9, 9))
			for _, p := range m.Params() {
				if p.Shape.Size() == len(p.Value) && len(p.Shape) == 1 {
					for i := range p.Value { // biases away from zero
						p.Value[i] = 0.3 * float32(rng.NormFloat64())
					}
				}
			}
			const n = 4
			x := make([]float32, n*6)
			y := make([]float32, n*6)
			for i := range x {
				x[i] = rng.Float32()
				y[i] = rng.Float32()
			}
			total := func() float64 {
				m.seedStep(3, 7)
				out := m.forward(x, n, 0, len(m.layers), true)
				return m.lossOf(out, y, n).Total()
			}
			m.seedStep(3, 7)
			bl := m.Gradients(x, y, n)
			if got := total(); math.Abs(got-bl.Total()) > 1e-6*math.Abs(got) {
				t.Fatalf("Gradients' loss %v, forward's %v: ε was not held fixed", bl.Total(), got)
			}
			if bl.Reg <= 0 {
				t.Fatalf("KL term %v, want > 0", bl.Reg)
			}
			compareModelGradients(t, m, total, 5e-4)
		})
	}
}

// TestVariationalForward checks the mean, the sample and the KL term of a
// variational layer against values computed by hand.
func TestVariationalForward(t *testing.T) {
	l := buildLayer(t, LayerSpec{Type: TypeVariational, Units: 2}, Shape{3}, 1).(*variational)
	// Zero kernels: μ and log σ² are the biases, the same for every sample.
	clear(l.wm.Value)
	clear(l.wv.Value)
	copy(l.bm.Value, []float32{0.5, -1})
	copy(l.bv.Value, []float32{0, math.Ln2})
	const n = 4000
	x := make([]float32, n*3)
	for i := range x {
		x[i] = float32(i%7) - 3
	}
	mu := l.Forward(x, n, false)
	for i := range n {
		if mu[2*i] != 0.5 || mu[2*i+1] != -1 {
			t.Fatalf("inference output of sample %d = %v, want the mean [0.5 -1]", i, mu[2*i:2*i+2])
		}
	}
	// KL per sample: −½[(1 + 0 − 0.25 − 1) + (1 + ln2 − 1 − 2)].
	wantKL := -0.5 * ((1 + 0 - 0.25 - 1) + (1 + math.Ln2 - 1 - 2))
	if got := l.penalty(); math.Abs(got-wantKL) > 1e-6 {
		t.Errorf("KL = %v, want %v", got, wantKL)
	}
	l.seedStep(1, 0)
	z := append([]float32(nil), l.Forward(x, n, true)...)
	if got := l.penalty(); math.Abs(got-wantKL) > 1e-6 {
		t.Errorf("KL while training = %v, want %v", got, wantKL)
	}
	// (z − μ)/σ must be standard normal: σ is 1 and √2.
	for j, sd := range []float64{1, math.Sqrt2} {
		var sum, sq float64
		for i := range n {
			e := (float64(z[2*i+j]) - float64(l.bm.Value[j])) / sd
			sum += e
			sq += e * e
		}
		mean, variance := sum/n, sq/n-(sum/n)*(sum/n)
		if math.Abs(mean) > 0.06 || math.Abs(variance-1) > 0.08 {
			t.Errorf("unit %d: ε has mean %.3f and variance %.3f, want 0 and 1", j, mean, variance)
		}
	}
	l.seedStep(1, 0)
	again := append([]float32(nil), l.Forward(x, n, true)...)
	l.seedStep(1, 1)
	other := append([]float32(nil), l.Forward(x, n, true)...)
	for i := range z {
		if again[i] != z[i] {
			t.Fatal("the same epoch and batch drew a different ε")
		}
	}
	same := 0
	for i := range z {
		if other[i] == z[i] {
			same++
		}
	}
	if same > n/100 {
		t.Errorf("another batch drew %d of %d same values", same, len(z))
	}
}

func TestVariationalRejects(t *testing.T) {
	for _, tc := range []struct {
		in   Shape
		ls   LayerSpec
		want string
	}{
		{Shape{4, 4, 1}, LayerSpec{Type: TypeVariational, Units: 2}, "flat input"},
		{Shape{16}, LayerSpec{Type: TypeVariational}, "units"},
	} {
		_, err := layerTypes[TypeVariational].build(tc.ls, buildContext{name: "v", in: tc.in, rng: testRand()})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("build on %s: %v, want an error about %q", tc.in, err, tc.want)
		}
	}
}

// TestSummedLossScale checks that a summed loss is the per-value mean times
// the sample size, in the model's loss and in its gradient.
func TestSummedLossScale(t *testing.T) {
	spec := func(l Loss) Spec {
		return Spec{Input: Shape{8}, Loss: string(l), Optimizer: OptimizerSpec{Name: "sgd"}, Layers: []LayerSpec{
			{Type: TypeDense, Units: 3, Activation: "relu", Code: true},
			{Type: TypeDense, Units: 8, Activation: "sigmoid"},
		}}
	}
	mean, _ := Build(spec(BinaryCrossentropy), 2)
	summed, _ := Build(spec(SummedBinaryCrossentropy), 2)
	rng := testRand()
	x := make([]float32, 5*8)
	for i := range x {
		x[i] = rng.Float32()
	}
	a, b := mean.Gradients(x, x, 5), summed.Gradients(x, x, 5)
	if math.Abs(b.Recon-8*a.Recon) > 1e-9*b.Recon || b.MSE != a.MSE {
		t.Errorf("summed loss %v (MSE %v), want 8 × %v (MSE %v)", b.Recon, b.MSE, a.Recon, a.MSE)
	}
	for i, p := range summed.Params() {
		for j, g := range p.Grad {
			if want := 8 * mean.Params()[i].Grad[j]; math.Abs(float64(g-want)) > 1e-5*math.Abs(float64(want))+1e-9 {
				t.Fatalf("%s[%d]: gradient %v, want %v", p.Name, j, g, want)
			}
		}
	}
}
