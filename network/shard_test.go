package network

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestShardGradientsMatch checks that a batch split across shards gives
// the loss terms and gradients of the whole batch at once, before and after
// an optimizer step (the shards share the weights being updated), for
// models with the layers shards take, an activity and a kernel
// regulariser, and a batch that does not split evenly.
func TestShardGradientsMatch(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("GOMAXPROCS 1: training does not split into shards")
	}
	convt, _ := Preset("conv")
	convt.Layers[len(convt.Layers)-2] = LayerSpec{Type: TypeConv2DTranspose, Filters: 16, Kernel: 3, Stride: 2, Padding: paddingSame, Activation: string(ReLU)}
	convt.Layers[0].KernelRegularizer = Regularizer{L2: 1e-3}
	convt.Layers[4].ActivityRegularizer = Regularizer{L1: 1e-3}
	denoising, _ := Preset("denoising")
	for _, tc := range []struct {
		name string
		spec Spec
		n    int
	}{
		{"conv", mustPreset(t, "conv"), 128},
		{"conv_odd_batch", mustPreset(t, "conv"), 37},
		{"denoising", denoising, 20},
		{"transpose_regularised", convt, 23},
		{"mse_dense_decoder", denseDecoderSpec(), 19},
		{"multilayer", mustPreset(t, "multilayer"), 128},
		{"sparse_odd_batch", mustPreset(t, "sparse"), 41},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Build(tc.spec, 3)
			if err != nil {
				t.Fatal(err)
			}
			if !m.shardable() || !m.useShards(tc.n) {
				t.Fatalf("%s at batch %d does not train in shards", tc.name, tc.n)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			x := make([]float32, tc.n*784)
			for i := range x {
				x[i] = rng.Float32()
			}
			for step := range 2 {
				whole := m.gradients(x, x, tc.n, tc.n)
				m.addParamPenalties(&whole)
				want := make([][]float32, len(m.params))
				for i, p := range m.params {
					want[i] = append([]float32(nil), p.Grad...)
				}
				got := m.Gradients(x, x, tc.n)
				for _, c := range []struct {
					what      string
					got, want float64
				}{{"recon", got.Recon, whole.Recon}, {"reg", got.Reg, whole.Reg}, {"mse", got.MSE, whole.MSE}} {
					if math.Abs(c.got-c.want) > 1e-5*math.Abs(c.want)+1e-12 {
						t.Errorf("step %d: %s loss %v by shards, %v whole", step, c.what, c.got, c.want)
					}
				}
				for i, p := range m.params {
					near(t, p.Name, p.Grad, want[i], 1e-4)
				}
				m.opt.Step(m.params)
			}
		})
	}
}

// denseDecoderSpec is a conv encoder with a dense sigmoid decoder trained
// with MSE: the fused MSE-sigmoid gradient inside shards.
func denseDecoderSpec() Spec {
	return Spec{
		Name:  "dense-decoder",
		Input: Shape{28, 28, 1},
		Layers: []LayerSpec{
			{Type: TypeConv2D, Filters: 8, Kernel: 3, Padding: paddingSame, Activation: string(ReLU)},
			{Type: TypeMaxPool2D, Size: 2, Padding: paddingSame},
			{Type: TypeFlatten},
			{Type: TypeDense, Units: 32, Activation: string(ReLU), Code: true},
			{Type: TypeDense, Units: 784, Activation: string(Sigmoid)},
			{Type: TypeReshape, Shape: Shape{28, 28, 1}},
		},
		Loss:      string(MSE),
		Optimizer: OptimizerSpec{Name: "adam"},
		Train:     TrainSpec{Epochs: 1, BatchSize: 32},
	}
}

func TestShardable(t *testing.T) {
	for _, tc := range []struct {
		preset string
		want   bool
	}{
		{"conv", true}, {"denoising", true}, {"vanilla", true}, {"sparse", true}, {"vae", false}, {"conv-vae", false},
	} {
		m, err := Build(mustPreset(t, tc.preset), 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.shardable(); got != tc.want {
			t.Errorf("%s: shardable %v, want %v", tc.preset, got, tc.want)
		}
	}
}

// TestShardPartsAnyShard checks that the gradient does not depend on which
// shard computes which part: one shard claiming every part (as when the
// other core is busy) gives the same bits as the shards sharing them, for
// parts of one chunk (dense, where a shard that takes a second part first
// copies the gradient of its first) and of several (conv).
func TestShardPartsAnyShard(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("GOMAXPROCS 1: training does not split into shards")
	}
	for _, name := range []string{"multilayer", "conv"} {
		t.Run(name, func(t *testing.T) {
			m, err := Build(mustPreset(t, name), 5)
			if err != nil {
				t.Fatal(err)
			}
			const n = 64
			rng := rand.New(rand.NewPCG(3, 4))
			x := make([]float32, n*784)
			for i := range x {
				x[i] = rng.Float32()
			}
			m.gradients(x, x, n, n)
			whole := make([][]float32, len(m.params))
			for i, p := range m.params {
				whole[i] = append([]float32(nil), p.Grad...)
			}
			shared := m.Gradients(x, x, n)
			want := make([][]float32, len(m.params))
			for i, p := range m.params {
				want[i] = append([]float32(nil), p.Grad...)
				near(t, p.Name+" shared", p.Grad, whole[i], 1e-4)
			}
			// The same batch with shard 0 claiming every part.
			s := m.shards
			s.x, s.y, s.n = x, x, n
			s.next.Store(0)
			for w := range s.holds {
				s.holds[w] = -1
			}
			for w := range s.m {
				s.runShards(w, w+1)
			}
			if s.holds[1] != -1 {
				t.Fatalf("shard 1 holds part %d: shard 0 was to take them all", s.holds[1])
			}
			s.into = m.params
			s.reduceGrads(0, len(s.m))
			var alone float64
			for _, l := range s.loss[:s.parts] {
				alone += l.Recon
			}
			if alone != shared.Recon {
				t.Errorf("loss %v with one shard, %v shared", alone, shared.Recon)
			}
			for i, p := range m.params {
				near(t, p.Name+" by one shard", p.Grad, whole[i], 1e-4)
				for j, v := range p.Grad {
					if v != want[i][j] {
						t.Fatalf("%s[%d] = %v with one shard, %v shared", p.Name, j, v, want[i][j])
					}
				}
			}
		})
	}
}
