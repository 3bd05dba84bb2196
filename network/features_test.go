package network

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestFeatureImage(t *testing.T) {
	for _, tc := range []struct {
		name string
		w    []float32
		want []float32
	}{
		// ‖w‖ = √27.25; w/‖w‖ peaks at 4/‖w‖ in size, so each weight maps
		// to 0.5 + 0.5·w/4.
		{"mixed", []float32{3, -4, 0, 1.5}, []float32{0.875, 0, 0.5, 0.6875}},
		{"scaled", []float32{300, -400, 0, 150}, []float32{0.875, 0, 0.5, 0.6875}},
		{"negated", []float32{-3, 4, 0, -1.5}, []float32{0.125, 1, 0.5, 0.3125}},
		{"positive only", []float32{1, 2}, []float32{0.75, 1}},
		{"zero", []float32{0, 0, 0}, []float32{0.5, 0.5, 0.5}},
		{"empty", nil, []float32{}},
	} {
		got := FeatureImage(tc.w)
		if len(got) != len(tc.want) {
			t.Fatalf("%s: %d values, want %d", tc.name, len(got), len(tc.want))
		}
		for i := range got {
			if math.Abs(float64(got[i]-tc.want[i])) > 1e-6 {
				t.Errorf("%s: FeatureImage = %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

// twoUnits returns a model of two inputs, a dense layer of two units of
// activation act computing x0 and -x0, and a sigmoid output.
func twoUnits(t *testing.T, act Activation) *Model {
	t.Helper()
	s := Spec{
		Name: "two", Input: Shape{2}, Loss: string(MSE), Optimizer: OptimizerSpec{Name: "adam"},
		Train: TrainSpec{Epochs: 1, BatchSize: 2},
		Layers: []LayerSpec{
			{Type: TypeDense, Units: 2, Activation: string(act), Code: true},
			{Type: TypeDense, Units: 2, Activation: string(Sigmoid)},
		},
	}
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	copy(m.Layers()[0].Params()[0].Value, []float32{1, -1, 0, 0}) // inputs × units
	clear(m.Layers()[0].Params()[1].Value)
	return m
}

func TestActivity(t *testing.T) {
	x := []float32{1, 0, 2, 0, -1, 0, 0.5, 0, -3, 9}
	for _, act := range []Activation{ReLU, Sigmoid} {
		m := twoUnits(t, act)
		a, err := m.Activity(Data{X: x, N: 5}, 0, 2)
		if err != nil {
			t.Fatal(err)
		}
		// Unit 0 (x0) fires on the three positive x0, unit 1 (-x0) on the two
		// negative ones, with either activation (sigmoid's level is 0.5).
		if !slices.Equal(a.Rates, []float64{0.6, 0.4}) || !slices.Equal(a.Order, []int{0, 1}) {
			t.Errorf("%s: rates %v, order %v; want [0.6 0.4], [0 1]", act, a.Rates, a.Order)
		}
		if !slices.Equal(a.Top[0], []int{1, 0}) || !slices.Equal(a.Top[1], []int{4, 2}) {
			t.Errorf("%s: top images %v, want [[1 0] [4 2]]", act, a.Top)
		}
	}
	m := twoUnits(t, ReLU)
	if _, err := m.Activity(Data{X: x, N: 5}, 1, 2); err != nil {
		t.Errorf("the output layer is dense too: %v", err)
	}
	for _, tc := range []struct {
		d     Data
		layer int
	}{{Data{X: x, N: 4}, 0}, {Data{X: x, N: 5}, 2}, {Data{}, 0}} {
		if _, err := m.Activity(tc.d, tc.layer, 2); err == nil {
			t.Errorf("Activity(%d samples of %d values, layer %d): no error", tc.d.N, len(tc.d.X), tc.layer)
		}
	}
}

func TestUnitFeatures(t *testing.T) {
	s, _ := Preset("vanilla")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if i, ok := m.FirstDense(); i != 0 || !ok {
		t.Fatalf("FirstDense = %d, %v", i, ok)
	}
	k := m.Layers()[0].Params()[0].Value
	for j := range 784 { // unit 5's weights: 0 at pixel 392, rising
		k[j*64+5] = float32(j - 392)
	}
	imgs, err := m.UnitFeatures(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(imgs) != 64 || len(imgs[5]) != 784 {
		t.Fatalf("%d images of %d values", len(imgs), len(imgs[5]))
	}
	if u := imgs[5]; u[0] != 0 || u[392] != 0.5 || u[783] >= 1 || u[783] < 0.99 {
		t.Errorf("unit 5's image runs %v…%v…%v, want 0…0.5…~1", u[0], u[392], u[783])
	}
	if _, err := m.UnitFeatures(1); err != nil {
		t.Error(err)
	}
	cs, _ := Preset("conv")
	cm, err := Build(cs, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cm.FirstDense(); ok {
		t.Error("the conv model has a dense layer on its pixels")
	}
	if _, err := cm.UnitFeatures(0); err == nil {
		t.Error("UnitFeatures of a convolution: no error")
	}
}

func TestConvFiltersAndMaps(t *testing.T) {
	s, _ := Preset("conv")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	convs := 0
	for _, l := range m.Layers() {
		if l.Type() == TypeConv2D || l.Type() == TypeConv2DTranspose {
			convs++
		}
	}
	fs := m.ConvFilters()
	if len(fs) != convs || convs == 0 {
		t.Fatalf("%d filter banks for %d convolutions", len(fs), convs)
	}
	first := m.Layers()[0].Params()[0] // 3×3×1×16
	if fs[0].Size != first.Shape[0] || fs[0].Channels != 1 || len(fs[0].Images) != first.Shape[3] {
		t.Errorf("first bank %dx%d, %d channels, %d filters; kernel %v", fs[0].Size, fs[0].Size, fs[0].Channels, len(fs[0].Images), first.Shape)
	}
	w := make([]float32, 9)
	for q := range 9 {
		w[q] = first.Value[q*first.Shape[3]+2] // filter 2
	}
	if !slices.Equal(fs[0].Images[2], FeatureImage(w)) {
		t.Error("filter 2 of the first layer is not its kernel's weights")
	}
	for _, f := range fs {
		for _, img := range f.Images {
			if len(img) != f.Channels*f.Size*f.Size {
				t.Fatalf("%s: a filter of %d values", f.Layer, len(img))
			}
		}
	}

	x := make([]float32, 784)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range x {
		x[i] = rng.Float32()
	}
	maps, err := m.FeatureMaps(x)
	if err != nil {
		t.Fatal(err)
	}
	if len(maps) < convs || maps[0].Layer != m.Layers()[0].Name() {
		t.Fatalf("%d feature maps, the first of %s", len(maps), maps[0].Layer)
	}
	last := maps[len(maps)-1] // the 28×28×1 reconstruction
	if !slices.Equal(last.Shape, Shape{28, 28, 1}) || !slices.Equal(last.Values, m.Predict(x, 1)) {
		t.Errorf("the last feature map, of shape %v, is not the reconstruction", last.Shape)
	}
	if f := maps[0]; !slices.Equal(f.Shape, m.Layers()[0].OutShape()) || len(f.Values) != f.Shape.Size() {
		t.Errorf("first map of shape %v and %d values, want %v", f.Shape, len(f.Values), m.Layers()[0].OutShape())
	}
	if _, err := m.FeatureMaps(x[:10]); err == nil {
		t.Error("FeatureMaps of 10 values: no error")
	}
}
