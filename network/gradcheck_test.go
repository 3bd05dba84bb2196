package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// gradTolerance is the allowed difference between an analytic gradient and
// its central finite difference in float32: |a-n| ≤ rel·max(|a|,|n|) + abs.
const (
	gradRel = 2e-2
	gradAbs = 2e-3
	gradEps = 1e-2
)

func closeGrad(a, n float64) bool {
	return math.Abs(a-n) <= gradRel*max(math.Abs(a), math.Abs(n))+gradAbs
}

// checkLayerGradients checks a layer's input and parameter gradients against
// central finite differences of the scalar L = Σ c·y for random c, on a
// batch of n random inputs.
func checkLayerGradients(t *testing.T, l Layer, n int, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float32, n*l.InShape().Size())
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	c := make([]float32, n*l.OutShape().Size())
	for i := range c {
		c[i] = float32(rng.NormFloat64())
	}
	loss := func() float64 {
		y := l.Forward(x, n, false)
		var s float64
		for i, v := range y {
			s += float64(c[i]) * float64(v)
		}
		return s
	}
	loss()
	dy := append([]float32(nil), c...)
	dx := l.Backward(dy)
	if dx == nil {
		t.Fatalf("%s: Backward returned no input gradient", l.Name())
	}
	dx = append([]float32(nil), dx...)
	grads := make([][]float32, len(l.Params()))
	for i, p := range l.Params() {
		grads[i] = append([]float32(nil), p.Grad...)
	}
	numeric := func(v []float32, i int) float64 {
		old := v[i]
		v[i] = old + gradEps
		up := loss()
		v[i] = old - gradEps
		down := loss()
		v[i] = old
		return (up - down) / (2 * gradEps)
	}
	bad := 0
	check := func(what string, v, analytic []float32) {
		idx := rng.Perm(len(v))
		if len(idx) > 60 {
			idx = idx[:60]
		}
		for _, i := range idx {
			if n := numeric(v, i); !closeGrad(float64(analytic[i]), n) {
				if bad++; bad <= 5 {
					t.Errorf("%s: d/d%s[%d] analytic %.5f, numeric %.5f", l.Name(), what, i, analytic[i], n)
				}
			}
		}
	}
	check("x", x, dx)
	for i, p := range l.Params() {
		check(p.Name, p.Value, grads[i])
	}
}

// buildLayer builds one layer from its spec for the given input shape.
func buildLayer(t *testing.T, ls LayerSpec, in Shape, seed uint64) Layer {
	t.Helper()
	l, err := layerTypes[ls.Type].build(ls, buildContext{name: ls.Type + "_1", in: in, rng: rand.New(rand.NewPCG(seed, 2)), needInputGrad: true})
	if err != nil {
		t.Fatalf("build %s on %s: %v", ls.Type, in, err)
	}
	return l
}

// TestDenseGradients checks every activation at 5 units (the Go row
// kernels) and 16 (the assembly bias + ReLU and ReLU backward + bias
// gradient, where built).
func TestDenseGradients(t *testing.T) {
	for _, units := range []int{5, 16} {
		for _, act := range Activations {
			t.Run(fmt.Sprintf("%s/%d", act, units), func(t *testing.T) {
				l := buildLayer(t, LayerSpec{Type: "dense", Units: units, Activation: string(act)}, Shape{7}, 3)
				// Biases start at zero; give them values so their gradient is tested away from zero.
				for i := range l.Params()[1].Value {
					l.Params()[1].Value[i] = 0.1 * float32(i)
				}
				checkLayerGradients(t, l, 3, 4)
			})
		}
	}
}

func TestDropoutGradients(t *testing.T) {
	l := buildLayer(t, LayerSpec{Type: "dropout", Rate: 0.4}, Shape{50}, 1)
	x := make([]float32, 100)
	for i := range x {
		x[i] = 1
	}
	y := l.Forward(x, 2, true)
	zeros := 0
	for _, v := range y {
		switch v {
		case 0:
			zeros++
		case 1 / 0.6:
		default:
			t.Fatalf("dropout output %v, want 0 or 1/0.6", v)
		}
	}
	if zeros < 20 || zeros > 60 {
		t.Errorf("%d of 100 dropped at rate 0.4", zeros)
	}
	dx := l.Backward(append([]float32(nil), x...))
	for i := range dx {
		if dx[i] != y[i] {
			t.Fatal("dropout gradient does not follow its mask")
		}
	}
	if got := l.Forward(x, 2, false); &got[0] != &x[0] {
		t.Error("dropout changed inputs at inference")
	}
}

// TestModelGradients checks the whole model's gradient of the total loss
// (reconstruction + activity + kernel regularisers) for each loss, and for
// a design whose first layers have no weights (the backward pass stops at
// the first layer with weights).
func TestModelGradients(t *testing.T) {
	for _, tc := range []struct {
		name string
		loss Loss
		act  Regularizer
		kern Regularizer
		out  Activation
		// layers replaces the two dense layers when set.
		layers []LayerSpec
	}{
		{"mse", MSE, Regularizer{}, Regularizer{}, Sigmoid, nil},
		{"bce", BinaryCrossentropy, Regularizer{}, Regularizer{}, Sigmoid, nil},
		{"mse-linear-out", MSE, Regularizer{}, Regularizer{}, Linear, nil},
		{"activity-l1", MSE, Regularizer{L1: 0.05}, Regularizer{}, Sigmoid, nil},
		{"activity-l2", BinaryCrossentropy, Regularizer{L2: 0.05}, Regularizer{}, Sigmoid, nil},
		{"kernel-l1-l2", MSE, Regularizer{}, Regularizer{L1: 0.01, L2: 0.02}, Sigmoid, nil},
		{"leading-reshape", MSE, Regularizer{}, Regularizer{}, Sigmoid, []LayerSpec{
			{Type: TypeReshape, Shape: Shape{2, 3, 1}},
			{Type: TypeConv2D, Filters: 2, Kernel: 3, Padding: "same", Activation: "tanh", Code: true},
			{Type: TypeFlatten},
			{Type: TypeDense, Units: 6, Activation: "sigmoid"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Spec{
				Input: Shape{6}, Loss: string(tc.loss), Optimizer: OptimizerSpec{Name: "sgd"},
				Layers: []LayerSpec{
					{Type: "dense", Units: 4, Activation: "tanh", Code: true, ActivityRegularizer: tc.act, KernelRegularizer: tc.kern},
					{Type: "dense", Units: 6, Activation: string(tc.out), KernelRegularizer: tc.kern},
				},
			}
			if tc.layers != nil {
				s.Layers = tc.layers
			}
			m, err := Build(s, 5)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(9, 9))
			const n = 3
			x := make([]float32, n*6)
			y := make([]float32, n*6)
			for i := range x {
				x[i] = rng.Float32()
				y[i] = rng.Float32()
			}
			total := func() float64 {
				out := m.forward(x, n, 0, len(m.layers), true)
				return m.lossOf(out, y, n).Total()
			}
			m.Gradients(x, y, n)
			compareModelGradients(t, m, total, 2e-4)
		})
	}
}

// compareModelGradients compares every parameter gradient Gradients left
// in m with the central finite difference of total, the loss as a function
// of the parameters: |a−n| ≤ 2 %·max(|a|,|n|) + abs. It skips values next
// to the kink of an L1 penalty at zero.
func compareModelGradients(t *testing.T, m *Model, total func() float64, abs float64) {
	t.Helper()
	bad := 0
	for _, p := range m.Params() {
		analytic := append([]float32(nil), p.Grad...)
		for i := range p.Value {
			old := p.Value[i]
			if !p.Reg.Zero() && math.Abs(float64(old)) < 2e-3 {
				continue // the L1 penalty has a kink at zero
			}
			p.Value[i] = old + 1e-3
			up := total()
			p.Value[i] = old - 1e-3
			down := total()
			p.Value[i] = old
			num := (up - down) / 2e-3
			if math.Abs(float64(analytic[i])-num) > 2e-2*max(math.Abs(num), math.Abs(float64(analytic[i])))+abs {
				if bad++; bad < 5 {
					t.Errorf("%s[%d]: analytic %.6f numeric %.6f", p.Name, i, analytic[i], num)
				}
			}
		}
	}
}

func TestLossValues(t *testing.T) {
	p := []float32{0.5, 1, 0}
	y := []float32{1, 1, 0}
	if got, want := MSE.Value(p, y), 0.25/3; math.Abs(got-want) > 1e-9 {
		t.Errorf("mse = %v, want %v", got, want)
	}
	// Clipping: log(1-1e-7) for the exact predictions, log(0.5) for the first.
	want := (-math.Log(0.5) - 2*math.Log(1-1e-7)) / 3
	if got := BinaryCrossentropy.Value(p, y); math.Abs(got-want) > 1e-7 {
		t.Errorf("bce = %v, want %v", got, want)
	}
}

// testRand returns a fixed-seed generator for tests and benchmarks.
func testRand() *rand.Rand { return rand.New(rand.NewPCG(11, 13)) }
