package network

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"

	"autoencoder-studio/network/vec"
)

// Model is a built Spec: a stack of layers with their weights, a loss and an
// optimizer. A Model is not safe for concurrent use; Clone gives another
// goroutine its own copy.
type Model struct {
	spec   Spec
	seed   uint64
	layers []Layer
	code   int // index of the code layer
	// first is the index of the first layer with parameters: the backward
	// pass stops there, as no layer before it needs a gradient.
	first int
	loss  Loss
	// lossScale multiplies the loss's per-value mean: the sample size for
	// a summed loss, else 1.
	lossScale float64
	opt       Optimizer
	params    []*Param

	activity []Regularizer // per layer
	outputs  [][]float32   // per layer, the last forward output
	lossGrad []float32
	shards   *shards // per-core copies for training (shard.go), built on first use
}

// Build builds the model s declares, with weights initialised from seed.
// It returns a *SpecError naming the first layer that does not fit.
//
// Build checks the architecture, the loss and the optimizer; the training
// settings (epochs, batch size, noise) are checked by Spec.Check and by Fit,
// which may override them.
func Build(s Spec, seed uint64) (*Model, error) { return build(s, seed, true, false) }

// AutoLayerName returns the name Build gives the n-th layer (from 1) of
// type typ that has no name of its own, such as "dense_2".
func AutoLayerName(typ string, n int) string { return typ + "_" + strconv.Itoa(n) }

// LayerName returns the name layer i of s gets when built: its own, or
// AutoLayerName of its type and its number among the layers of that type.
// It panics if i is out of range.
func (s Spec) LayerName(i int) string {
	if s.Layers[i].Name != "" {
		return s.Layers[i].Name
	}
	n := 0
	for _, l := range s.Layers[:i+1] {
		if l.Type == s.Layers[i].Type {
			n++
		}
	}
	return AutoLayerName(s.Layers[i].Type, n)
}

func build(s Spec, seed uint64, withOptimizer, checkTrain bool) (*Model, error) {
	whole := func(field string, err error) error {
		var fe *fieldError
		if errors.As(err, &fe) {
			field = fe.field
		}
		return &SpecError{Layer: -1, Field: field, Err: err}
	}
	if len(s.Name) > MaxNameLen {
		return nil, whole("name", fmt.Errorf("the name has %d bytes, more than %d", len(s.Name), MaxNameLen))
	}
	if err := s.Input.valid(); err != nil {
		return nil, whole("input", fmt.Errorf("input: %w", err))
	}
	if len(s.Layers) == 0 {
		return nil, whole("layers", errors.New("the model has no layers: add at least an encoder and a decoder layer"))
	}
	if len(s.Layers) > MaxLayers {
		return nil, whole("layers", fmt.Errorf("the model has %d layers, more than the %d this studio builds", len(s.Layers), MaxLayers))
	}
	loss, err := parseLoss(s.Loss)
	if err != nil {
		return nil, whole("loss", err)
	}
	opt, err := NewOptimizer(s.Optimizer)
	if err != nil {
		return nil, whole("optimizer", err)
	}
	m := &Model{spec: s.Clone(), seed: seed, loss: loss, lossScale: 1, code: -1, first: len(s.Layers)}
	if loss.Summed() {
		m.lossScale = float64(s.Input.Size())
	}
	if withOptimizer {
		m.opt = opt
	}
	rng := rand.New(rand.NewPCG(seed, 0x6d6f64656c))
	counts := map[string]int{}
	names := map[string]bool{}
	in := s.Input
	hasParams := false
	total := 0 // parameter values so far
	for i, ls := range s.Layers {
		counts[ls.Type]++
		name := ls.Name
		if name == "" {
			name = AutoLayerName(ls.Type, counts[ls.Type])
		}
		fail := func(err error) error {
			se := &SpecError{Layer: i, Name: name, Err: err}
			var fe *fieldError
			if errors.As(err, &fe) {
				se.Field = fe.field
			}
			return se
		}
		if len(name) > MaxNameLen {
			return nil, fail(fmt.Errorf("the layer name has %d bytes, more than %d", len(name), MaxNameLen))
		}
		if names[name] {
			return nil, fail(errors.New("name already used by another layer"))
		}
		names[name] = true
		t, ok := layerTypes[ls.Type]
		if !ok {
			return nil, fail(fmt.Errorf("unknown layer type %q", ls.Type))
		}
		if err := ls.ActivityRegularizer.validate(); err != nil {
			return nil, fail(err)
		}
		if err := ls.KernelRegularizer.validate(); err != nil {
			return nil, fail(err)
		}
		l, err := buildOne(t.build, ls, buildContext{name: name, in: in, rng: rng, needInputGrad: hasParams})
		if err != nil {
			return nil, fail(err)
		}
		if err := l.OutShape().valid(); err != nil {
			return nil, fail(fmt.Errorf("output %w", err))
		}
		if total += paramCount(l); total > maxModelValues {
			return nil, fail(fmt.Errorf("the model would have %d parameters, more than the %d this studio trains", total, maxModelValues))
		}
		if len(l.Params()) > 0 && !hasParams {
			hasParams = true
			m.first = i
		}
		if ls.Code {
			if m.code >= 0 {
				return nil, fail(fmt.Errorf("a second code layer: %s is already the code", m.layers[m.code].Name()))
			}
			m.code = i
		}
		m.layers = append(m.layers, l)
		m.activity = append(m.activity, ls.ActivityRegularizer)
		m.params = append(m.params, l.Params()...)
		in = l.OutShape()
	}
	m.outputs = make([][]float32, len(m.layers))
	if m.code < 0 {
		return nil, whole("layers", errors.New("no layer is marked as the code"))
	}
	if m.code == len(m.layers)-1 {
		return nil, whole("layers", errors.New("the code layer is the last layer: there is no decoder"))
	}
	if out := m.layers[len(m.layers)-1].OutShape(); out.Size() != s.Input.Size() {
		return nil, whole("layers", fmt.Errorf("output %s has %d values but the input %s has %d: an autoencoder must reconstruct its input", out, out.Size(), s.Input, s.Input.Size()))
	}
	if checkTrain {
		if err := s.Train.validate(); err != nil {
			return nil, whole("train", err)
		}
	}
	if err := m.checkActivations(s.Train.BatchSize); err != nil {
		return nil, whole("batch_size", err)
	}
	return m, nil
}

// buildOne runs a layer builder, turning an oversized parameter into an error.
func buildOne(b layerBuilder, ls LayerSpec, ctx buildContext) (l Layer, err error) {
	defer func() {
		if r := recover(); r != nil {
			tl, ok := r.(tooLarge)
			if !ok {
				panic(r)
			}
			l, err = nil, fmt.Errorf("%s would hold %d values, more than the %d one parameter may", tl.name, tl.size, maxParamValues)
		}
	}()
	return b(ls, ctx)
}

func paramCount(l Layer) int {
	n := 0
	for _, p := range l.Params() {
		n += len(p.Value)
	}
	return n
}

// Spec returns a copy of the spec the model was built from.
func (m *Model) Spec() Spec { return m.spec.Clone() }

// Layers returns the model's layers in order.
func (m *Model) Layers() []Layer { return m.layers }

// Params returns every trainable parameter, layer by layer.
func (m *Model) Params() []*Param { return m.params }

// Loss returns the model's reconstruction loss.
func (m *Model) Loss() Loss { return m.loss }

// Optimizer returns the model's optimizer.
func (m *Model) Optimizer() Optimizer { return m.opt }

// InputShape returns the per-sample input shape.
func (m *Model) InputShape() Shape { return m.spec.Input }

// CodeShape returns the per-sample shape of the code.
func (m *Model) CodeShape() Shape { return m.layers[m.code].OutShape() }

// CodeLayer returns the index of the code layer.
func (m *Model) CodeLayer() int { return m.code }

// ParamCount returns the total number of trainable values.
func (m *Model) ParamCount() int {
	n := 0
	for _, p := range m.params {
		n += len(p.Value)
	}
	return n
}

// Summary describes every layer: name, type, shapes and parameter count.
func (m *Model) Summary() []LayerInfo {
	out := make([]LayerInfo, len(m.layers))
	for i, l := range m.layers {
		out[i] = LayerInfo{Name: l.Name(), Type: l.Type(), In: l.InShape(), Out: l.OutShape(), Params: paramCount(l), Code: i == m.code}
	}
	return out
}

// Clone returns an independent model with the same spec and a copy of the
// weights; its optimizer starts afresh.
func (m *Model) Clone() *Model {
	c, err := Build(m.spec, m.seed)
	if err != nil {
		panic("network: rebuilding a built spec failed: " + err.Error())
	}
	c.CopyWeightsFrom(m)
	return c
}

// CloneForTraining returns an independent model with a copy of m's weights
// and of its optimizer state, so that training the copy continues m's
// training exactly.
func (m *Model) CloneForTraining() (*Model, error) {
	c := m.Clone()
	if m.opt == nil {
		return c, nil
	}
	if err := c.opt.SetState(m.opt.State(), c.params); err != nil {
		return nil, fmt.Errorf("clone optimizer state: %w", err)
	}
	return c, nil
}

// CopyWeightsFrom copies every parameter value of src into m. It panics if
// the two models do not have the same parameter shapes.
func (m *Model) CopyWeightsFrom(src *Model) {
	if len(src.params) != len(m.params) {
		panic(ShapeError{Op: "CopyWeightsFrom parameter count", Want: len(m.params), Got: len(src.params)})
	}
	for i, p := range m.params {
		checkLen("CopyWeightsFrom", p.Name, src.params[i].Value, len(p.Value))
		copy(p.Value, src.params[i].Value)
	}
}

// forward runs layers [from, to) on a batch of n samples.
func (m *Model) forward(x []float32, n, from, to int, train bool) []float32 {
	for i := from; i < to; i++ {
		x = m.layers[i].Forward(x, n, train)
		m.outputs[i] = x
	}
	return x
}

// Predict returns the reconstructions of n samples x. The result is owned by
// the model and valid until its next call.
func (m *Model) Predict(x []float32, n int) []float32 {
	checkLen("Predict", "input", x, n*m.spec.Input.Size())
	return m.forward(x, n, 0, len(m.layers), false)
}

// Encode returns the codes of n samples x, owned by the model.
func (m *Model) Encode(x []float32, n int) []float32 {
	checkLen("Encode", "input", x, n*m.spec.Input.Size())
	return m.forward(x, n, 0, m.code+1, false)
}

// Decode returns the reconstructions of n codes, owned by the model.
func (m *Model) Decode(code []float32, n int) []float32 {
	checkLen("Decode", "input", code, n*m.CodeShape().Size())
	return m.forward(code, n, m.code+1, len(m.layers), false)
}

// BatchLoss holds the loss terms of one batch or one data set.
type BatchLoss struct {
	Recon float64 // reconstruction loss (the model's loss)
	Reg   float64 // activity and kernel regularisation
	MSE   float64 // mean squared error, the metric every model shares
}

// Total returns the reconstruction loss plus the regularisation.
func (b BatchLoss) Total() float64 { return b.Recon + b.Reg }

// TrainStep runs one forward and backward pass on n samples x against
// targets y, applies the optimizer and returns the batch's loss terms (before
// the update).
func (m *Model) TrainStep(x, y []float32, n int) BatchLoss {
	if o, ok := m.opt.(rangeUpdater); ok && m.useShards(n) {
		m.checkBatch(x, y, n)
		return m.shardTrainStep(x, y, n, o)
	}
	bl := m.Gradients(x, y, n)
	m.opt.Step(m.params)
	return bl
}

// Gradients runs one forward and backward pass on n samples x against
// targets y, leaving every parameter's gradient of the total loss in its
// Grad, and returns the loss terms.
//
// A convolutional model on more than one core is split by sample across
// shards (see shard.go); the result is the same up to rounding.
func (m *Model) Gradients(x, y []float32, n int) BatchLoss {
	m.checkBatch(x, y, n)
	if m.useShards(n) {
		return m.shardGradients(x, y, n)
	}
	bl := m.gradients(x, y, n, n)
	m.addParamPenalties(&bl)
	return bl
}

// checkBatch panics unless x and y hold n samples each.
func (m *Model) checkBatch(x, y []float32, n int) {
	size := m.spec.Input.Size()
	checkLen("train", "input", x, n*size)
	checkLen("train", "target", y, n*size)
}

// gradients runs the forward and backward pass of k samples of a batch of
// total: it leaves in every Grad the gradient of the k samples' share of
// the batch's mean loss, and returns that share of its terms, without the
// penalties on the weights (addParamPenalties adds those once per batch).
func (m *Model) gradients(x, y []float32, k, total int) BatchLoss {
	out := m.forward(x, k, 0, len(m.layers), true)
	m.lossGrad = grow(m.lossGrad, len(out))
	g := m.lossGrad
	last := len(m.layers) - 1
	values := total * m.spec.Input.Size() // the values the batch's mean divides by
	var bl BatchLoss
	if d, ok := m.layers[last].(*denseLayer); ok && d.act == Sigmoid && m.loss == MSE && m.activity[last].Zero() {
		// The loss gradient and the sigmoid's backward pass in one sweep
		// (the same float32 operations as the two passes).
		recon := vec.MSESigmoidGrad(g, out, y, 1/float32(values))
		bl = m.lossTerms(out, y, k, total, recon/float64(values))
		g = d.backwardLinear(g)
		last--
	} else {
		inv := float32(m.lossScale / float64(values))
		bl = m.lossTerms(out, y, k, total, m.loss.sumGrad(g, out, y, inv)*m.lossScale/float64(values))
	}
	for i := last; i >= m.first; i-- {
		if r := m.activity[i]; !r.Zero() {
			r.addGrad(g, m.outputs[i], 1/float64(total))
		}
		g = m.layers[i].Backward(g)
	}
	return bl
}

// addParamPenalties adds the kernel regularisers' penalties to bl and
// their gradients to the parameters' Grad.
func (m *Model) addParamPenalties(bl *BatchLoss) {
	for _, p := range m.params {
		if !p.Reg.Zero() {
			bl.Reg += p.Reg.penalty(p.Value)
			p.Reg.addGrad(p.Grad, p.Value, 1)
		}
	}
}

// lossOf returns the loss terms of the last forward pass of n samples, whose
// output is out, against targets y.
func (m *Model) lossOf(out, y []float32, n int) BatchLoss {
	bl := m.lossTerms(out, y, n, n, m.loss.Value(out, y)*m.lossScale)
	for _, p := range m.params {
		if !p.Reg.Zero() {
			bl.Reg += p.Reg.penalty(p.Value)
		}
	}
	return bl
}

// lossTerms returns the loss terms of the last forward pass of k samples
// of a batch of total, whose output is out, as their share of the batch's
// means; recon is the reconstruction loss, already computed. The penalties
// on the weights are left out.
func (m *Model) lossTerms(out, y []float32, k, total int, recon float64) BatchLoss {
	var bl BatchLoss
	bl.Recon = recon
	bl.MSE = bl.Recon
	if m.loss != MSE {
		bl.MSE = MSE.Value(out, y) * float64(k) / float64(total)
	}
	for i, l := range m.layers {
		if r := m.activity[i]; !r.Zero() {
			bl.Reg += r.penalty(m.outputs[i]) / float64(total)
		}
		if p, ok := l.(penalizer); ok {
			bl.Reg += p.penalty() * float64(k) / float64(total)
		}
	}
	return bl
}

// penalizer is a layer that adds a term of its own to the loss, such as the
// KL divergence of a variational layer: penalty returns it for the last
// Forward, averaged over its samples, and Backward adds its gradient.
type penalizer interface {
	penalty() float64
}

// stepSeeder is a layer that draws random numbers while training (the ε of
// a variational layer). seedStep reseeds it for one training batch from the
// model's seed, the epoch and the batch number, so that a continued run
// draws what an uninterrupted one would.
type stepSeeder interface {
	seedStep(epoch, batch int)
}

// seedStep reseeds every stepSeeder layer for batch of epoch.
func (m *Model) seedStep(epoch, batch int) {
	for _, l := range m.layers {
		if s, ok := l.(stepSeeder); ok {
			s.seedStep(epoch, batch)
		}
	}
}

// Evaluate returns the loss terms averaged over n samples x against targets
// y, computed in inference mode in batches of at most batch samples.
func (m *Model) Evaluate(x, y []float32, n, batch int) BatchLoss {
	size := m.spec.Input.Size()
	checkLen("Evaluate", "input", x, n*size)
	checkLen("Evaluate", "target", y, n*size)
	if batch <= 0 {
		batch = 256
	}
	var sum BatchLoss
	for lo := 0; lo < n; lo += batch {
		k := min(batch, n-lo)
		xb, yb := x[lo*size:(lo+k)*size], y[lo*size:(lo+k)*size]
		bl := m.lossOf(m.forward(xb, k, 0, len(m.layers), false), yb, k)
		w := float64(k)
		sum.Recon += bl.Recon * w
		sum.Reg += bl.Reg * w
		sum.MSE += bl.MSE * w
	}
	if n > 0 {
		sum.Recon /= float64(n)
		sum.Reg /= float64(n)
		sum.MSE /= float64(n)
	}
	return sum
}

// ReleaseBuffers frees the per-batch buffers the model keeps between calls
// (layer outputs, gradients, scratch space), keeping its weights and its
// optimizer state: an idle model then holds little more than its weights.
// The buffers are allocated again on the next use. The random streams of
// dropout and noise layers start afresh.
func (m *Model) ReleaseBuffers() {
	fresh, err := build(m.spec, m.seed, false, false)
	if err != nil {
		panic("network: rebuilding a built spec failed: " + err.Error())
	}
	fresh.CopyWeightsFrom(m)
	fresh.opt = m.opt // its state is keyed by parameter position, not identity
	*m = *fresh
}
