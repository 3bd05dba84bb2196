package network

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestOptimizerSteps checks two updates of every optimizer against values
// computed by hand from the Keras 2 formulas in the optimizers' docs, for
// p = (1, -2) with gradients (0.5, -0.1) and then (0.2, 0.3).
// For example SGD with momentum 0.9 and lr 0.1: v = -0.05, p = 0.95; then
// v = 0.9·(-0.05) - 0.1·0.2 = -0.065, p = 0.885.
func TestOptimizerSteps(t *testing.T) {
	for _, tc := range []struct {
		spec OptimizerSpec
		want [2]float64
	}{
		{OptimizerSpec{Name: "sgd"}, [2]float64{0.993, -2.002}},
		{OptimizerSpec{Name: "sgd", LearningRate: 0.1, Momentum: 0.9}, [2]float64{0.885, -2.011}},
		{OptimizerSpec{Name: "sgd", LearningRate: 0.1, Momentum: 0.9, Nesterov: true}, [2]float64{0.8265, -2.0299}},
		{OptimizerSpec{Name: "adam"}, [2]float64{0.9981014363988028, -1.9994942165129777}},
		{OptimizerSpec{Name: "adadelta"}, [2]float64{0.9978264699527785, -2.000487941507246}},
		{OptimizerSpec{Name: "rmsprop"}, [2]float64{0.9956091348608789, -1.9998528427552777}},
	} {
		name := tc.spec.Name
		if tc.spec.Momentum != 0 {
			name += "-momentum"
		}
		if tc.spec.Nesterov {
			name += "-nesterov"
		}
		t.Run(name, func(t *testing.T) {
			opt, err := NewOptimizer(tc.spec)
			if err != nil {
				t.Fatal(err)
			}
			p := &Param{Value: []float32{1, -2}, Grad: make([]float32, 2)}
			for _, g := range [][]float32{{0.5, -0.1}, {0.2, 0.3}} {
				copy(p.Grad, g)
				opt.Step([]*Param{p})
			}
			for i, w := range tc.want {
				if d := math.Abs(float64(p.Value[i]) - w); d > 2e-6 {
					t.Errorf("p[%d] = %.7f, want %.7f", i, p.Value[i], w)
				}
			}
		})
	}
}

func TestOptimizerDefaultsAndErrors(t *testing.T) {
	d := OptimizerSpec{Name: "adam"}.WithDefaults()
	if d.LearningRate != 1e-3 || d.Beta1 != 0.9 || d.Beta2 != 0.999 || d.Epsilon != 1e-7 {
		t.Errorf("adam defaults %+v", d)
	}
	if d := (OptimizerSpec{Name: "adadelta"}).WithDefaults(); d.LearningRate != 1 || d.Rho != 0.95 || d.Epsilon != 1e-7 {
		t.Errorf("adadelta defaults %+v", d)
	}
	for _, tc := range []struct {
		spec OptimizerSpec
		want string
	}{
		{OptimizerSpec{Name: "adamw"}, `unknown optimizer "adamw"`},
		{OptimizerSpec{Name: "adam", Beta1: 1}, "adam: beta_1 must be in [0, 1), got 1"},
		{OptimizerSpec{Name: "adam", LearningRate: -1}, "learning rate must be a finite number above 0, got -1"},
		{OptimizerSpec{Name: "sgd", Momentum: 1.5}, "momentum must be in [0, 1)"},
		{OptimizerSpec{Name: "rmsprop", Rho: math.NaN()}, "rho must be in [0, 1)"},
	} {
		if _, err := NewOptimizer(tc.spec); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.spec, err, tc.want)
		}
	}
}

// TestOptimizerState checks that State copies an optimizer's state and
// SetState restores it: an optimizer given another's state takes the same
// next step.
func TestOptimizerState(t *testing.T) {
	for _, spec := range []OptimizerSpec{
		{Name: "sgd"}, {Name: "sgd", Momentum: 0.9}, {Name: "adam"}, {Name: "adadelta"}, {Name: "rmsprop"},
	} {
		t.Run(fmt.Sprintf("%s-momentum-%g", spec.Name, spec.Momentum), func(t *testing.T) {
			params := func() []*Param {
				return []*Param{
					{Name: "w", Value: []float32{1, -2, 3}, Grad: []float32{0.5, -0.1, 0.2}},
					{Name: "b", Value: []float32{0.5}, Grad: []float32{-0.3}},
				}
			}
			a, _ := NewOptimizer(spec)
			pa := params()
			if st := a.State(); st.Steps != 0 || len(st.Slots) != 0 || st.Name != spec.Name {
				t.Errorf("fresh state %+v", st)
			}
			a.Step(pa)
			a.Step(pa)
			st := a.State()
			if st.Steps != 2 || len(st.Slots) != len(spec.WithDefaults().SlotNames()) {
				t.Fatalf("state after 2 steps: %d steps, %d slots", st.Steps, len(st.Slots))
			}
			b, _ := NewOptimizer(spec)
			pb := params()
			for i := range pb {
				copy(pb[i].Value, pa[i].Value)
			}
			if err := b.SetState(st, pb); err != nil {
				t.Fatal(err)
			}
			// The state is a copy: changing it changes neither optimizer.
			for _, sl := range st.Slots {
				sl.Values[0][0] = 1e6
			}
			a.Step(pa)
			b.Step(pb)
			for i := range pa {
				for j, v := range pa[i].Value {
					if pb[i].Value[j] != v {
						t.Errorf("%s[%d] = %v after restoring, want %v", pa[i].Name, j, pb[i].Value[j], v)
					}
				}
			}
		})
	}
}

func TestOptimizerSetStateErrors(t *testing.T) {
	params := []*Param{{Name: "w", Value: make([]float32, 3)}, {Name: "b", Value: make([]float32, 1)}}
	good := func() OptimizerState {
		return OptimizerState{Name: "adam", Steps: 4, Slots: []OptimizerSlot{
			{Name: "m", Values: [][]float32{{1, 2, 3}, {4}}},
			{Name: "v", Values: [][]float32{{1, 2, 3}, {4}}},
		}}
	}
	for _, tc := range []struct {
		name string
		edit func(*OptimizerState)
		want string
	}{
		{"other optimizer", func(s *OptimizerState) { s.Name = "sgd" }, `state of "sgd" for a "adam" optimizer`},
		{"negative steps", func(s *OptimizerState) { s.Steps = -1 }, "negative step count -1"},
		{"no slots after steps", func(s *OptimizerState) { s.Slots = nil }, "adam after 4 steps keeps 2 slots (m, v), got 0"},
		{"slot order", func(s *OptimizerState) { s.Slots[0].Name, s.Slots[1].Name = "v", "m" }, `slot 0 is "v", want "m"`},
		{"parameter count", func(s *OptimizerState) { s.Slots[1].Values = s.Slots[1].Values[:1] }, "slot v holds 1 parameters, want 2"},
		{"parameter size", func(s *OptimizerState) { s.Slots[0].Values[1] = []float32{1, 2} }, "slot m of b holds 2 values, want 1"},
		{"infinite", func(s *OptimizerState) { s.Slots[1].Values[0][2] = float32(math.Inf(1)) }, "slot v of w holds a non-finite value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt, _ := NewOptimizer(OptimizerSpec{Name: "adam"})
			st := good()
			tc.edit(&st)
			if err := opt.SetState(st, params); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
			if got := opt.State(); got.Steps != 0 || got.Slots != nil {
				t.Errorf("a failed SetState changed the state to %+v", got)
			}
		})
	}
	opt, _ := NewOptimizer(OptimizerSpec{Name: "adam"})
	if err := opt.SetState(OptimizerState{Name: "adam"}, params); err != nil {
		t.Errorf("fresh state: %v", err)
	}
}

func TestOptimizerTypes(t *testing.T) {
	for _, ot := range OptimizerTypes() {
		t.Run(ot.Name, func(t *testing.T) {
			cfg, err := NewDefaultConfig(ot.Name)
			if err != nil || cfg.Name != ot.Name {
				t.Fatalf("NewDefaultConfig = %+v, %v", cfg, err)
			}
			if got := (OptimizerSpec{Name: ot.Name}).WithDefaults(); got != cfg {
				t.Errorf("WithDefaults = %+v, want %+v", got, cfg)
			}
			if _, err := NewOptimizer(cfg); err != nil {
				t.Error(err)
			}
			if lo, hi := ot.UsualLearningRates[0], ot.UsualLearningRates[1]; !(lo > 0 && lo <= cfg.LearningRate*10 && cfg.LearningRate <= hi) {
				t.Errorf("default learning rate %g outside the usual [%g, %g]", cfg.LearningRate, lo, hi)
			}
		})
	}
	if _, err := NewDefaultConfig("adamw"); err == nil {
		t.Error("NewDefaultConfig(adamw) succeeded")
	}
}
