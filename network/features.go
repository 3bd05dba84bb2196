package network

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// FeatureImage returns the picture of a unit's input weights w as the UFLDL
// course draws learned features: w is divided by its norm ‖w‖ (the input of
// unit norm that excites the unit most), then mapped to [0, 1] symmetric
// around 0, so that 0.5 (mid grey) is a zero weight and 0 and 1 (black and
// white) are the unit's most negative or positive weight, whichever is
// larger in size, the other scaled alike. A zero w gives mid grey.
func FeatureImage(w []float32) []float32 {
	var ss float64
	for _, v := range w {
		ss += float64(v) * float64(v)
	}
	out := make([]float32, len(w))
	norm := math.Sqrt(ss)
	var peak float64 // largest |w_i| / ‖w‖
	for _, v := range w {
		peak = max(peak, math.Abs(float64(v))/norm)
	}
	for i, v := range w {
		if !(peak > 0) || math.IsInf(peak, 0) {
			out[i] = 0.5
			continue
		}
		out[i] = float32(0.5 + 0.5*(float64(v)/norm)/peak)
	}
	return out
}

// FirstDense returns the index of the model's first dense layer when it
// reads the input pixels themselves (only layers without weights, such as
// flatten, before it), and false otherwise (a convolution comes first).
func (m *Model) FirstDense() (int, bool) {
	for i, l := range m.layers {
		if l.Type() == TypeDense {
			return i, true
		}
		if len(l.Params()) > 0 {
			return -1, false
		}
	}
	return -1, false
}

// UnitFeatures returns the feature image (see FeatureImage) of every unit
// of dense layer i, unit after unit, each of the layer's input size. It
// returns an error if layer i is not a dense layer.
func (m *Model) UnitFeatures(i int) ([][]float32, error) {
	d, err := m.dense(i)
	if err != nil {
		return nil, err
	}
	out := make([][]float32, d.outSize)
	col := make([]float32, d.inSize)
	for u := range out {
		for j := range col { // the kernel is inputs × units
			col[j] = d.w.Value[j*d.outSize+u]
		}
		out[u] = FeatureImage(col)
	}
	return out, nil
}

func (m *Model) dense(i int) (*denseLayer, error) {
	if i < 0 || i >= len(m.layers) {
		return nil, fmt.Errorf("features: no layer %d in a model of %d", i, len(m.layers))
	}
	d, ok := m.layers[i].(*denseLayer)
	if !ok {
		return nil, fmt.Errorf("features: layer %s is a %s layer, not dense", m.layers[i].Name(), m.layers[i].Type())
	}
	return d, nil
}

// firingLevel returns the output above which a unit of activation a
// counts as firing: 0.5 for the sigmoid, whose output is 0.5 at rest, and 0
// for the others.
func firingLevel(a Activation) float32 {
	if a == Sigmoid {
		return 0.5
	}
	return 0
}

// UnitActivity is how the units of one dense layer respond to a set of
// images.
type UnitActivity struct {
	// Rates holds each unit's firing rate: the fraction of the images on
	// which its output is above its firing level (0 for relu, tanh and
	// linear units, 0.5 for sigmoid ones).
	Rates []float64
	// Order lists the units from the most often firing to the least,
	// ties in unit order.
	Order []int
	// Top holds, for each unit, the indices of the images that excite it
	// most (the highest outputs first).
	Top [][]int
}

// Activity runs d.X (clean inputs, d.N of them) through the model up to
// dense layer i in batches and returns its units' firing rates, their order
// by rate and the k images exciting each most. Like Predict, it uses the
// model's buffers. It returns an error if layer i is not dense or d does
// not fit the model's input.
func (m *Model) Activity(d Data, i, k int) (*UnitActivity, error) {
	dl, err := m.dense(i)
	if err != nil {
		return nil, err
	}
	size := m.spec.Input.Size()
	if d.N <= 0 || len(d.X) != d.N*size {
		return nil, fmt.Errorf("features: %d values for %d samples of %s (%d values each)", len(d.X), d.N, m.spec.Input, size)
	}
	units := dl.outSize
	level := firingLevel(dl.act)
	fires := make([]int, units)
	acts := make([]float32, d.N*units) // image-major
	const batch = 256
	for lo := 0; lo < d.N; lo += batch {
		n := min(batch, d.N-lo)
		y := m.forward(d.X[lo*size:(lo+n)*size], n, 0, i+1, false)
		copy(acts[lo*units:], y[:n*units])
		for j, v := range y[:n*units] {
			if v > level {
				fires[j%units]++
			}
		}
	}
	a := &UnitActivity{Rates: make([]float64, units), Top: make([][]int, units)}
	for u, f := range fires {
		a.Rates[u] = float64(f) / float64(d.N)
	}
	a.Order = make([]int, units)
	for u := range a.Order {
		a.Order[u] = u
	}
	slices.SortStableFunc(a.Order, func(p, q int) int { return cmp.Compare(a.Rates[q], a.Rates[p]) })
	k = min(max(k, 0), d.N)
	col := make([]float64, d.N)
	for u := range units {
		for j := range d.N {
			col[j] = float64(acts[j*units+u])
		}
		a.Top[u] = slices.Clone(Ranked(col)[:k])
	}
	return a, nil
}

// Filters is the kernel of one convolution drawn as feature images.
type Filters struct {
	Layer    string      // the layer's name
	Size     int         // the kernel's height and width
	Channels int         // input channels
	Images   [][]float32 // one per filter
}

// ConvFilters returns the filters of every convolution (conv2d and
// conv2d_transpose) of the model, layer by layer. Images[f] is filter f's
// weights as Channels pictures of Size×Size, one after another, normalised
// together as a FeatureImage: mid grey is zero.
func (m *Model) ConvFilters() []Filters {
	var out []Filters
	for _, l := range m.layers {
		if l.Type() != TypeConv2D && l.Type() != TypeConv2DTranspose {
			continue
		}
		w := l.Params()[0]
		if len(w.Shape) != 4 {
			continue
		}
		k, c, f := w.Shape[0], w.Shape[2], w.Shape[3]
		if l.Type() == TypeConv2DTranspose { // k, k, out (filters), in
			c, f = w.Shape[3], w.Shape[2]
		}
		fl := Filters{Layer: l.Name(), Size: k, Channels: c}
		for o := range f {
			vals := make([]float32, 0, c*k*k)
			for ch := range c {
				for q := range k * k {
					idx := (q*c+ch)*f + o
					if l.Type() == TypeConv2DTranspose {
						idx = (q*f+o)*c + ch
					}
					vals = append(vals, w.Value[idx])
				}
			}
			fl.Images = append(fl.Images, FeatureImage(vals))
		}
		out = append(out, fl)
	}
	return out
}

// FeatureMap is what one layer makes of one image: its output of shape
// height × width × channels, in the network's interleaved layout.
type FeatureMap struct {
	Layer, Type string
	Shape       Shape
	Values      []float32
}

// FeatureMaps runs one image x through the model and returns a copy of
// every layer's output whose shape is an image (height × width ×
// channels), in order. It returns an error if x is not one input of the
// model. Like Predict, it uses the model's buffers.
func (m *Model) FeatureMaps(x []float32) ([]FeatureMap, error) {
	if len(x) != m.spec.Input.Size() {
		return nil, fmt.Errorf("features: an image of %d values for an input of %s", len(x), m.spec.Input)
	}
	var out []FeatureMap
	for _, l := range m.layers {
		x = l.Forward(x, 1, false)
		if s := l.OutShape(); len(s) == 3 {
			out = append(out, FeatureMap{Layer: l.Name(), Type: l.Type(), Shape: slices.Clone(s), Values: slices.Clone(x)})
		}
	}
	return out, nil
}
