package network

import (
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
		{OptimizerSpec{Name: "adam", LearningRate: -1}, "learning rate must be positive, got -1"},
		{OptimizerSpec{Name: "sgd", Momentum: 1.5}, "momentum must be in [0, 1)"},
		{OptimizerSpec{Name: "rmsprop", Rho: math.NaN()}, "rho must be in [0, 1)"},
	} {
		if _, err := NewOptimizer(tc.spec); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.spec, err, tc.want)
		}
	}
}
