package network

import (
	"fmt"
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
// other cores are busy) gives the same bits as the shards sharing them, for
// parts of one chunk (dense, where a shard that takes a second part first
// copies the gradient of its first, and the first shard's last part is
// summed in place, or moved out when it is the fourth) and of several
// (conv).
func TestShardPartsAnyShard(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("GOMAXPROCS 1: training does not split into shards")
	}
	for _, tc := range []struct {
		preset string
		procs  int
	}{{"multilayer", 2}, {"multilayer", 4}, {"conv", 2}} {
		t.Run(fmt.Sprintf("%s/%d_shards", tc.preset, tc.procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tc.procs))
			m, err := Build(mustPreset(t, tc.preset), 5)
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
			for w := 1; w < len(s.m); w++ {
				if s.holds[w] != -1 {
					t.Fatalf("shard %d holds part %d: shard 0 was to take them all", w, s.holds[w])
				}
			}
			s.settle()
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

// TestShardTrainStepSameBits checks that a sharded TrainStep, which applies
// the optimizer to each range of values as its gradient is summed, leaves
// the bits of Gradients followed by Step: the same weights, gradients,
// optimizer state and loss terms, step after step, for every optimizer and
// with kernel and activity regularisers.
func TestShardTrainStepSameBits(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("GOMAXPROCS 1: training does not split into shards")
	}
	regularised, _ := Preset("conv")
	regularised.Layers[0].KernelRegularizer = Regularizer{L1: 1e-3, L2: 1e-3}
	regularised.Layers[4].ActivityRegularizer = Regularizer{L1: 1e-3}
	sparse := mustPreset(t, "sparse")
	sparse.Layers[0].KernelRegularizer = Regularizer{L2: 1e-2}
	optimizers := []OptimizerSpec{
		{Name: "adam"}, {Name: "adadelta"}, {Name: "rmsprop"},
		{Name: "sgd"}, {Name: "sgd", Momentum: 0.9}, {Name: "sgd", Momentum: 0.9, Nesterov: true},
	}
	for _, tc := range []struct {
		name string
		spec Spec
		n    int
	}{
		{"multilayer", mustPreset(t, "multilayer"), 128},
		{"sparse_regularised_odd_batch", sparse, 41},
		{"conv_regularised", regularised, 37},
	} {
		for _, o := range optimizers {
			name := o.Name
			if o.Nesterov {
				name += "_nesterov"
			} else if o.Momentum != 0 {
				name += "_momentum"
			}
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				spec := tc.spec
				spec.Optimizer = o.WithDefaults()
				fused, err := Build(spec, 7)
				if err != nil {
					t.Fatal(err)
				}
				plain, err := Build(spec, 7)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := fused.opt.(rangeUpdater); !ok || !fused.useShards(tc.n) {
					t.Fatalf("%s does not take the sharded step", name)
				}
				rng := rand.New(rand.NewPCG(5, 6))
				x := make([]float32, tc.n*784)
				for i := range x {
					x[i] = rng.Float32()
				}
				for step := range 3 {
					got := fused.TrainStep(x, x, tc.n)
					want := plain.Gradients(x, x, tc.n)
					plain.opt.Step(plain.params)
					if got != want {
						t.Fatalf("step %d: loss %+v fused, %+v by Gradients and Step", step, got, want)
					}
					for i, p := range fused.params {
						q := plain.params[i]
						sameBits(t, step, p.Name+" value", p.Value, q.Value)
						sameBits(t, step, p.Name+" gradient", p.Grad, q.Grad)
					}
					gs, ws := fused.opt.State(), plain.opt.State()
					if gs.Steps != ws.Steps || len(gs.Slots) != len(ws.Slots) {
						t.Fatalf("step %d: optimizer at step %d with %d slots, want %d with %d", step, gs.Steps, len(gs.Slots), ws.Steps, len(ws.Slots))
					}
					for s, slot := range gs.Slots {
						for i, v := range slot.Values {
							sameBits(t, step, slot.Name, v, ws.Slots[s].Values[i])
						}
					}
				}
			})
		}
	}
}

// sameBits fails t unless got and want hold the same float32 bits.
func sameBits(t *testing.T, step int, what string, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("step %d: %s has %d values, want %d", step, what, len(got), len(want))
	}
	for j := range got {
		if math.Float32bits(got[j]) != math.Float32bits(want[j]) {
			t.Fatalf("step %d: %s[%d] = %v, want %v", step, what, j, got[j], want[j])
		}
	}
}
