package network

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"autoencoder-studio/network/gemm"
	"autoencoder-studio/network/vec"
)

// Optimizer updates parameters from their gradients. An optimizer keeps
// per-parameter state (moments, accumulators) keyed by the parameter's
// position, so it must always be stepped with the same parameter list.
type Optimizer interface {
	// Step applies one update to every parameter from its Grad.
	Step(params []*Param)
	// Config returns the hyper-parameters the optimizer was built with.
	Config() OptimizerSpec
	// State returns a copy of the optimizer's state: its step count and
	// its per-parameter slots, so training can later continue exactly.
	State() OptimizerState
	// SetState replaces the optimizer's state with a copy of s, for the
	// parameter list params the optimizer will be stepped with. It returns
	// an error, leaving the optimizer unchanged, if s belongs to another
	// optimizer, lacks a slot or holds one of the wrong shape or with a
	// non-finite value.
	SetState(s OptimizerState, params []*Param) error
}

// OptimizerState is the state of an optimizer between two steps: the number
// of updates applied (Keras's iterations, Adam's t) and named slots, each
// holding one slice per parameter shaped like the parameter's values. The
// slots are, in this order:
//
//	sgd      velocity (only with momentum)
//	adam     m, v
//	adadelta accumulator (of squared gradients), delta (of squared updates)
//	rmsprop  accumulator (of squared gradients)
//
// Slots is empty before the first step, the state of a fresh optimizer.
type OptimizerState struct {
	Name  string // the optimizer's name, as in OptimizerSpec
	Steps int    // updates applied so far
	Slots []OptimizerSlot
}

// OptimizerSlot is one named piece of per-parameter optimizer state.
type OptimizerSlot struct {
	Name   string
	Values [][]float32 // one slice per parameter, len(Values[i]) == len(params[i].Value)
}

// SlotNames returns the names of the slots an optimizer configured by s
// keeps, in the order of OptimizerState.Slots (see OptimizerType.Slots).
func (s OptimizerSpec) SlotNames() []string {
	t, ok := optimizerTypes[s.Name]
	if !ok || t.noSlots != nil && t.noSlots(s) {
		return nil
	}
	return t.Slots
}

// stateOf returns an OptimizerState holding copies of the given slots,
// named after cfg.SlotNames, or no slots if they are not allocated yet.
func stateOf(cfg OptimizerSpec, steps int, slots ...[][]float32) OptimizerState {
	st := OptimizerState{Name: cfg.Name, Steps: steps}
	names := cfg.SlotNames()
	for i, sl := range slots {
		if sl == nil {
			return OptimizerState{Name: cfg.Name, Steps: steps}
		}
		vals := make([][]float32, len(sl))
		for k, v := range sl {
			vals[k] = append([]float32(nil), v...)
		}
		st.Slots = append(st.Slots, OptimizerSlot{Name: names[i], Values: vals})
	}
	return st
}

// checkState validates s for an optimizer configured by cfg stepping params
// and returns copies of its slots in the order of cfg.SlotNames, each nil
// when s has no slots.
func checkState(cfg OptimizerSpec, s OptimizerState, params []*Param) ([][][]float32, error) {
	names := cfg.SlotNames()
	out := make([][][]float32, len(names))
	switch {
	case s.Name != cfg.Name:
		return nil, fmt.Errorf("optimizer state: state of %q for a %q optimizer", s.Name, cfg.Name)
	case s.Steps < 0:
		return nil, fmt.Errorf("optimizer state: negative step count %d", s.Steps)
	case len(s.Slots) == 0 && (s.Steps == 0 || len(names) == 0):
		return out, nil
	case len(s.Slots) != len(names):
		return nil, fmt.Errorf("optimizer state: %s after %d steps keeps %d slots (%s), got %d", cfg.Name, s.Steps, len(names), strings.Join(names, ", "), len(s.Slots))
	}
	for i, sl := range s.Slots {
		if sl.Name != names[i] {
			return nil, fmt.Errorf("optimizer state: slot %d is %q, want %q", i, sl.Name, names[i])
		}
		if len(sl.Values) != len(params) {
			return nil, fmt.Errorf("optimizer state: slot %s holds %d parameters, want %d", sl.Name, len(sl.Values), len(params))
		}
		vals := make([][]float32, len(params))
		for k, p := range params {
			v := sl.Values[k]
			if len(v) != len(p.Value) {
				return nil, fmt.Errorf("optimizer state: slot %s of %s holds %d values, want %d", sl.Name, p.Name, len(v), len(p.Value))
			}
			for _, x := range v {
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					return nil, fmt.Errorf("optimizer state: slot %s of %s holds a non-finite value", sl.Name, p.Name)
				}
			}
			vals[k] = append([]float32(nil), v...)
		}
		out[i] = vals
	}
	return out, nil
}

// OptimizerSpec names an optimizer and its hyper-parameters. A zero field
// takes the Keras 2 default of that optimizer (see NewOptimizer).
type OptimizerSpec struct {
	Name         string  `json:"name"`
	LearningRate float64 `json:"learning_rate,omitempty"`
	Momentum     float64 `json:"momentum,omitempty"`
	Nesterov     bool    `json:"nesterov,omitempty"`
	Beta1        float64 `json:"beta_1,omitempty"`
	Beta2        float64 `json:"beta_2,omitempty"`
	Rho          float64 `json:"rho,omitempty"`
	Epsilon      float64 `json:"epsilon,omitempty"`
}

// OptimizerType describes one optimizer: its name in specs, its display
// name, its defaults (a Config in spago's sense, see NewDefaultConfig), the
// slots of its state, the learning rates that usually train well and how it
// is written as Keras code, validated and built.
type OptimizerType struct {
	Name  string // as in OptimizerSpec.Name: "adam"
	Title string // for messages: "Adam"
	// Defaults holds the Keras 2 default of every hyper-parameter the
	// optimizer reads; the others are zero.
	Defaults OptimizerSpec
	// Slots names the per-parameter state slots, in the order of
	// OptimizerState.Slots.
	Slots []string
	// UsualLearningRates is the range [lo, hi] of learning rates that
	// train the tutorial's models well.
	UsualLearningRates [2]float64

	noSlots  func(OptimizerSpec) bool  // true when a configuration keeps no slots
	validate func(OptimizerSpec) error // checks the optimizer's own hyper-parameters
	keras    func(lr string, s OptimizerSpec) string
	build    func(OptimizerSpec) Optimizer
}

// optimizerTable lists every optimizer, in the order editors offer them.
var optimizerTable = []OptimizerType{
	{
		Name: "adam", Title: "Adam", Slots: []string{"m", "v"}, UsualLearningRates: [2]float64{1e-4, 1e-2},
		Defaults: OptimizerSpec{LearningRate: 0.001, Beta1: 0.9, Beta2: 0.999, Epsilon: 1e-7},
		validate: func(s OptimizerSpec) error {
			if err := in01(s, "beta_1", s.Beta1); err != nil {
				return err
			}
			return in01(s, "beta_2", s.Beta2)
		},
		keras: func(lr string, s OptimizerSpec) string {
			return fmt.Sprintf("keras.optimizers.Adam(%s, beta_1=%s, beta_2=%s, epsilon=%s)", lr, pyFloat(s.Beta1), pyFloat(s.Beta2), pyFloat(s.Epsilon))
		},
		build: func(s OptimizerSpec) Optimizer { return &adam{cfg: s} },
	},
	{
		Name: "adadelta", Title: "Adadelta", Slots: []string{"accumulator", "delta"}, UsualLearningRates: [2]float64{1e-2, 10},
		Defaults: OptimizerSpec{LearningRate: 1.0, Rho: 0.95, Epsilon: 1e-7},
		validate: func(s OptimizerSpec) error { return in01(s, "rho", s.Rho) },
		keras: func(lr string, s OptimizerSpec) string {
			return fmt.Sprintf("keras.optimizers.Adadelta(%s, rho=%s, epsilon=%s)", lr, pyFloat(s.Rho), pyFloat(s.Epsilon))
		},
		build: func(s OptimizerSpec) Optimizer { return &adadelta{cfg: s} },
	},
	{
		Name: "rmsprop", Title: "RMSprop", Slots: []string{"accumulator"}, UsualLearningRates: [2]float64{1e-4, 1e-2},
		Defaults: OptimizerSpec{LearningRate: 0.001, Rho: 0.9, Epsilon: 1e-7},
		validate: func(s OptimizerSpec) error { return in01(s, "rho", s.Rho) },
		keras: func(lr string, s OptimizerSpec) string {
			return fmt.Sprintf("keras.optimizers.RMSprop(%s, rho=%s, epsilon=%s)", lr, pyFloat(s.Rho), pyFloat(s.Epsilon))
		},
		build: func(s OptimizerSpec) Optimizer { return &rmsprop{cfg: s} },
	},
	{
		// The losses are means over every value, so SGD's steps are small
		// and its usual learning rates high.
		Name: "sgd", Title: "SGD", Slots: []string{"velocity"}, UsualLearningRates: [2]float64{1e-3, 10},
		Defaults: OptimizerSpec{LearningRate: 0.01},
		noSlots:  func(s OptimizerSpec) bool { return s.Momentum == 0 },
		validate: func(s OptimizerSpec) error { return in01(s, "momentum", s.Momentum) },
		keras: func(lr string, s OptimizerSpec) string {
			return fmt.Sprintf("keras.optimizers.SGD(%s, momentum=%s, nesterov=%s)", lr, pyFloat(s.Momentum), pyBool(s.Nesterov))
		},
		build: func(s OptimizerSpec) Optimizer { return &sgd{cfg: s} },
	},
}

// optimizerTypes indexes optimizerTable by name.
var optimizerTypes = func() map[string]OptimizerType {
	m := map[string]OptimizerType{}
	for _, t := range optimizerTable {
		t.Defaults.Name = t.Name
		m[t.Name] = t
	}
	return m
}()

// Optimizers lists the optimizer names NewOptimizer accepts, in the order
// editors offer them.
var Optimizers = func() []string {
	var out []string
	for _, t := range optimizerTable {
		out = append(out, t.Name)
	}
	return out
}()

// OptimizerTypes returns every optimizer's description, in the order of
// Optimizers.
func OptimizerTypes() []OptimizerType {
	out := make([]OptimizerType, len(optimizerTable))
	for i, t := range optimizerTable {
		out[i] = optimizerTypes[t.Name]
	}
	return out
}

// OptimizerTypeOf returns the description of the optimizer named name,
// and false when there is none.
func OptimizerTypeOf(name string) (OptimizerType, bool) {
	t, ok := optimizerTypes[name]
	return t, ok
}

// NewDefaultConfig returns the configuration of the optimizer named name
// with every hyper-parameter at its Keras 2 default, or an error for an
// unknown name.
func NewDefaultConfig(name string) (OptimizerSpec, error) {
	t, ok := optimizerTypes[name]
	if !ok {
		return OptimizerSpec{}, unknownOptimizer(name)
	}
	return t.Defaults, nil
}

// unknownOptimizer is the error for an optimizer name not in Optimizers.
func unknownOptimizer(name string) error {
	want := strings.Join(Optimizers[:len(Optimizers)-1], ", ") + " or " + Optimizers[len(Optimizers)-1]
	return &fieldError{"optimizer", fmt.Errorf("unknown optimizer %q (want %s)", name, want)}
}

// WithDefaults returns s with every zero hyper-parameter replaced by the
// Keras 2 default of its optimizer (its OptimizerType.Defaults):
//
//	sgd      learning_rate 0.01, momentum 0, nesterov false
//	adam     learning_rate 0.001, beta_1 0.9, beta_2 0.999, epsilon 1e-7
//	adadelta learning_rate 1.0, rho 0.95, epsilon 1e-7
//	rmsprop  learning_rate 0.001, rho 0.9, epsilon 1e-7
func (s OptimizerSpec) WithDefaults() OptimizerSpec {
	t, ok := optimizerTypes[s.Name]
	if !ok {
		return s
	}
	d := t.Defaults
	for _, f := range []struct{ v, def *float64 }{
		{&s.LearningRate, &d.LearningRate}, {&s.Momentum, &d.Momentum}, {&s.Beta1, &d.Beta1},
		{&s.Beta2, &d.Beta2}, {&s.Rho, &d.Rho}, {&s.Epsilon, &d.Epsilon},
	} {
		if *f.v == 0 {
			*f.v = *f.def
		}
	}
	return s
}

// in01 returns an error naming the hyper-parameter name of s unless v is in
// [0, 1).
func in01(s OptimizerSpec, name string, v float64) error {
	if !(v >= 0 && v < 1) {
		return &fieldError{name, fmt.Errorf("%s: %s must be in [0, 1), got %g", s.Name, name, v)}
	}
	return nil
}

// validate checks the hyper-parameters of s (after defaults) and returns an
// error naming the first one out of range.
func (s OptimizerSpec) validate() error {
	t, ok := optimizerTypes[s.Name]
	if !ok {
		return unknownOptimizer(s.Name)
	}
	if !(s.LearningRate > 0) || math.IsInf(s.LearningRate, 0) {
		return &fieldError{"learning_rate", fmt.Errorf("%s: learning rate must be a finite number above 0, got %g", s.Name, s.LearningRate)}
	}
	if err := inRangeFloat("epsilon", s.Epsilon, 0, maxEpsilon); err != nil {
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	return t.validate(s)
}

// NewOptimizer returns the optimizer s names, with Keras 2 defaults for its
// zero hyper-parameters, or an error naming the first invalid one.
func NewOptimizer(s OptimizerSpec) (Optimizer, error) {
	s = s.WithDefaults()
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("optimizer %w", err)
	}
	return optimizerTypes[s.Name].build(s), nil
}

// kerasOptimizer returns the Keras constructor of the optimizer s (with its
// defaults filled in), every hyper-parameter written out.
func kerasOptimizer(s OptimizerSpec) string {
	t, ok := optimizerTypes[s.Name]
	if !ok {
		panic("network: KerasCode: unknown optimizer " + s.Name)
	}
	return t.keras("learning_rate="+pyFloat(s.LearningRate), s)
}

// slots returns per-parameter state slices shaped like params, allocating
// them on first use.
func slots(state *[][]float32, params []*Param) [][]float32 {
	if len(*state) != len(params) {
		*state = make([][]float32, len(params))
		for i, p := range params {
			(*state)[i] = make([]float32, len(p.Value))
		}
	}
	return *state
}

// sgd is stochastic gradient descent with optional momentum, as in Keras 2:
//
//	v = momentum·v − lr·g
//	p = p + v                      (plain momentum)
//	p = p + momentum·v − lr·g      (Nesterov)
type sgd struct {
	cfg      OptimizerSpec
	steps    int
	velocity [][]float32
}

// Config returns the optimizer's hyper-parameters.
func (o *sgd) Config() OptimizerSpec { return o.cfg }

// State returns a copy of the step count and the velocity.
func (o *sgd) State() OptimizerState {
	if o.cfg.Momentum == 0 {
		return stateOf(o.cfg, o.steps)
	}
	return stateOf(o.cfg, o.steps, o.velocity)
}

// SetState replaces the step count and the velocity with copies of s's.
func (o *sgd) SetState(s OptimizerState, params []*Param) error {
	sl, err := checkState(o.cfg, s, params)
	if err != nil {
		return err
	}
	o.steps = s.Steps
	if len(sl) > 0 {
		o.velocity = sl[0]
	}
	return nil
}

// Step applies one SGD update.
func (o *sgd) Step(params []*Param) { stepRanges(o, params) }

// start begins a step: it counts it and readies the velocity.
func (o *sgd) start(params []*Param) {
	o.steps++
	if o.cfg.Momentum != 0 {
		slots(&o.velocity, params)
	}
}

// update applies the step to values [lo, hi) of parameter k, p.
func (o *sgd) update(k int, p *Param, lo, hi int) {
	lr, mom := float32(o.cfg.LearningRate), float32(o.cfg.Momentum)
	w, g := p.Value[lo:hi], p.Grad[lo:hi]
	if mom == 0 {
		for i, gi := range g {
			w[i] -= lr * gi
		}
		return
	}
	v := o.velocity[k][lo:hi]
	for i, gi := range g {
		v[i] = mom*v[i] - lr*gi
		if o.cfg.Nesterov {
			w[i] += mom*v[i] - lr*gi
		} else {
			w[i] += v[i]
		}
	}
}

// adam is the Adam optimizer with the Keras 2 update, where epsilon is added
// outside the square root and the bias correction folds into the step size:
//
//	t = t + 1
//	m = β1·m + (1−β1)·g
//	v = β2·v + (1−β2)·g²
//	lr_t = lr·√(1−β2^t)/(1−β1^t)
//	p = p − lr_t·m/(√v + ε)
type adam struct {
	cfg  OptimizerSpec
	t    int
	lrt  float32 // lr_t of the step under way
	m, v [][]float32
}

// Config returns the optimizer's hyper-parameters.
func (o *adam) Config() OptimizerSpec { return o.cfg }

// State returns a copy of t and the moments m and v.
func (o *adam) State() OptimizerState { return stateOf(o.cfg, o.t, o.m, o.v) }

// SetState replaces t and the moments with copies of s's.
func (o *adam) SetState(s OptimizerState, params []*Param) error {
	sl, err := checkState(o.cfg, s, params)
	if err != nil {
		return err
	}
	o.t, o.m, o.v = s.Steps, sl[0], sl[1]
	return nil
}

// Step applies one Adam update.
func (o *adam) Step(params []*Param) { stepRanges(o, params) }

// start begins a step: it counts it, folds the bias correction into the
// step size and readies the moments.
func (o *adam) start(params []*Param) {
	o.t++
	b1, b2 := o.cfg.Beta1, o.cfg.Beta2
	o.lrt = float32(o.cfg.LearningRate * math.Sqrt(1-math.Pow(b2, float64(o.t))) / (1 - math.Pow(b1, float64(o.t))))
	slots(&o.m, params)
	slots(&o.v, params)
}

// update applies the step to values [lo, hi) of parameter k, p (see
// vec.Adam): m = b1·m + (1−b1)·g; v = b2·v + (1−b2)·g²;
// w = w − lr_t·m/(√v + eps).
func (o *adam) update(k int, p *Param, lo, hi int) {
	vec.Adam(p.Value[lo:hi], p.Grad[lo:hi], o.m[k][lo:hi], o.v[k][lo:hi],
		float32(o.cfg.Beta1), float32(o.cfg.Beta2), o.lrt, float32(o.cfg.Epsilon))
}

// rangeUpdater is an optimizer whose update treats every value on its own,
// so that a step can be applied range by range, on several cores at once:
// start begins a step of params (counting it, readying the per-parameter
// state), and update applies it to values [lo, hi) of parameter k, p.
// Between two starts every value is updated exactly once. Sharded training
// (shards.reduceStep) updates each range as soon as its gradient is summed,
// while it is still in cache.
type rangeUpdater interface {
	Optimizer
	start(params []*Param)
	update(k int, p *Param, lo, hi int)
}

// stepRanges applies one step of o to params, spreading each parameter of
// more than updateGrain values over the cores.
func stepRanges(o rangeUpdater, params []*Param) {
	o.start(params)
	j := rangeJobs.Get().(*rangeJob)
	j.o = o
	for k, p := range params {
		j.k, j.p = k, p
		if len(p.Value) <= updateGrain {
			j.run(0, len(p.Value))
			continue
		}
		gemm.Parallel(len(p.Value), updateGrain, j.fn)
	}
	j.o, j.p = nil, nil
	rangeJobs.Put(j)
}

// updateGrain is the smallest parameter worth updating on several cores.
const updateGrain = 1 << 14

// rangeJob carries one parameter's update for gemm.Parallel; jobs are
// pooled with their function bound once, so a step allocates nothing.
type rangeJob struct {
	o  rangeUpdater
	k  int
	p  *Param
	fn func(lo, hi int)
}

var rangeJobs = sync.Pool{New: func() any {
	j := &rangeJob{}
	j.fn = j.run
	return j
}}

func (j *rangeJob) run(lo, hi int) { j.o.update(j.k, j.p, lo, hi) }

// adadelta is the Adadelta optimizer with the Keras 2 update:
//
//	a = ρ·a + (1−ρ)·g²
//	u = g·√(d + ε)/√(a + ε)
//	d = ρ·d + (1−ρ)·u²
//	p = p − lr·u
type adadelta struct {
	cfg   OptimizerSpec
	steps int
	a, d  [][]float32
}

// Config returns the optimizer's hyper-parameters.
func (o *adadelta) Config() OptimizerSpec { return o.cfg }

// State returns a copy of the step count and the accumulators.
func (o *adadelta) State() OptimizerState { return stateOf(o.cfg, o.steps, o.a, o.d) }

// SetState replaces the step count and the accumulators with copies of s's.
func (o *adadelta) SetState(s OptimizerState, params []*Param) error {
	sl, err := checkState(o.cfg, s, params)
	if err != nil {
		return err
	}
	o.steps, o.a, o.d = s.Steps, sl[0], sl[1]
	return nil
}

// Step applies one Adadelta update.
func (o *adadelta) Step(params []*Param) { stepRanges(o, params) }

// start begins a step: it counts it and readies the accumulators.
func (o *adadelta) start(params []*Param) {
	o.steps++
	slots(&o.a, params)
	slots(&o.d, params)
}

// update applies the step to values [lo, hi) of parameter k, p.
func (o *adadelta) update(k int, p *Param, lo, hi int) {
	vec.Adadelta(p.Value[lo:hi], p.Grad[lo:hi], o.a[k][lo:hi], o.d[k][lo:hi],
		float32(o.cfg.Rho), float32(o.cfg.Epsilon), float32(o.cfg.LearningRate))
}

// rmsprop is the RMSprop optimizer with the Keras 2 update:
//
//	a = ρ·a + (1−ρ)·g²
//	p = p − lr·g/(√a + ε)
type rmsprop struct {
	cfg   OptimizerSpec
	steps int
	a     [][]float32
}

// Config returns the optimizer's hyper-parameters.
func (o *rmsprop) Config() OptimizerSpec { return o.cfg }

// State returns a copy of the step count and the accumulator.
func (o *rmsprop) State() OptimizerState { return stateOf(o.cfg, o.steps, o.a) }

// SetState replaces the step count and the accumulator with copies of s's.
func (o *rmsprop) SetState(s OptimizerState, params []*Param) error {
	sl, err := checkState(o.cfg, s, params)
	if err != nil {
		return err
	}
	o.steps, o.a = s.Steps, sl[0]
	return nil
}

// Step applies one RMSprop update.
func (o *rmsprop) Step(params []*Param) { stepRanges(o, params) }

// start begins a step: it counts it and readies the accumulator.
func (o *rmsprop) start(params []*Param) {
	o.steps++
	slots(&o.a, params)
}

// update applies the step to values [lo, hi) of parameter k, p.
func (o *rmsprop) update(k int, p *Param, lo, hi int) {
	vec.RMSprop(p.Value[lo:hi], p.Grad[lo:hi], o.a[k][lo:hi],
		float32(o.cfg.Rho), float32(o.cfg.Epsilon), float32(o.cfg.LearningRate))
}

// farOutside is the factor beyond the usual range from which a learning
// rate gets a warning.
const farOutside = 10

// LearningRateWarning returns "" when the learning rate of s (after
// defaults) is within a factor of ten of its optimizer's usual range, else
// a sentence saying how far out it is and what to try, such as "learning
// rate 1000 is far above Adam's usual 1e-4…1e-2: try 0.001, its default".
func (s OptimizerSpec) LearningRateWarning() string {
	t, ok := optimizerTypes[s.Name]
	if !ok {
		return ""
	}
	lr, def := s.WithDefaults().LearningRate, t.Defaults.LearningRate
	lo, hi := t.UsualLearningRates[0], t.UsualLearningRates[1]
	var side string
	switch {
	case lr > hi*farOutside:
		side = "above"
	case lr < lo/farOutside:
		side = "below"
	default:
		return ""
	}
	return fmt.Sprintf("learning rate %g is far %s %s's usual %g…%g: try %g, its default", lr, side, t.Title, lo, hi, def)
}
