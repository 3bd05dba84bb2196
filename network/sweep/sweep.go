package sweep

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
)

// MaxValues is the most values one sweep may list.
const MaxValues = 32

// defaultNodes is the least width of the first hidden layer when a layers
// sweep adds hidden layers to a design that has none (the tutorial's
// multilayer autoencoder starts at 128; a wide code gets twice its width).
const defaultNodes = 128

// Setting is one knob a sweep can turn.
type Setting struct {
	Name  string // as typed in name=values: "code"
	Title string // for axes and menus: "code size"
	// Numeric is false for settings whose values are names (loss,
	// optimizer), drawn on a categorical axis.
	Numeric bool
	// Suggested lists values that make a telling sweep of the setting.
	Suggested []string
	// Valid describes the values the setting takes, for messages.
	Valid string

	applies func(s network.Spec) error
	apply   func(s network.Spec, v string) (network.Spec, error)
}

// settings lists every setting, in the order menus offer them.
var settings = []Setting{
	{
		Name: "code", Title: "code size", Numeric: true, Valid: "whole numbers from 1 up",
		Suggested: []string{"2", "4", "8", "16", "32", "64"},
		applies: func(s network.Spec) error {
			if design.CodeSize(s) == 0 {
				return errors.New("the design has no dense or convolution layer up to its code layer")
			}
			return nil
		},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			n, err := whole(v, 1)
			if err != nil {
				return s, err
			}
			return design.WithCodeSize(s, n)
		},
	},
	{
		Name: "layers", Title: "layers before the code", Numeric: true,
		Valid:     fmt.Sprintf("whole numbers in [0, %d]", design.MaxDenseLayers),
		Suggested: []string{"0", "1", "2", "3"},
		applies:   denseOnly("layers"),
		apply: func(s network.Spec, v string) (network.Spec, error) {
			n, err := whole(v, 0)
			if err != nil {
				return s, err
			}
			if n > design.MaxDenseLayers {
				return s, fmt.Errorf("at most %d layers before the code, got %d", design.MaxDenseLayers, n)
			}
			_, nodes := design.DenseStack(s)
			if nodes == 0 { // as the editor's layers field does
				nodes = max(defaultNodes, 2*design.CodeSize(s))
			}
			return design.WithDenseStack(s, n, nodes)
		},
	},
	{
		Name: "nodes", Title: "nodes per layer", Numeric: true, Valid: "whole numbers from 1 up",
		Suggested: []string{"32", "64", "128", "256", "512"},
		applies: func(s network.Spec) error {
			if err := denseOnly("nodes")(s); err != nil {
				return err
			}
			if layers, _ := design.DenseStack(s); layers == 0 {
				return fmt.Errorf("nodes per layer needs hidden layers before the code, and %s has none: sweep layers, or start from multilayer", name(s))
			}
			return nil
		},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			n, err := whole(v, 1)
			if err != nil {
				return s, err
			}
			layers, _ := design.DenseStack(s)
			return design.WithDenseStack(s, layers, n)
		},
	},
	{
		Name: "loss", Title: "loss", Valid: string(network.MSE) + ", " + string(network.BinaryCrossentropy),
		Suggested: []string{string(network.MSE), string(network.BinaryCrossentropy)},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			if v != string(network.MSE) && v != string(network.BinaryCrossentropy) {
				return s, fmt.Errorf("unknown loss %q", v)
			}
			s.Loss = v
			return s, nil
		},
	},
	{
		Name: "optimizer", Title: "optimizer", Valid: strings.Join(network.Optimizers, ", "),
		Suggested: append([]string(nil), network.Optimizers...),
		apply: func(s network.Spec, v string) (network.Spec, error) {
			if _, ok := network.OptimizerTypeOf(v); !ok {
				return s, fmt.Errorf("unknown optimizer %q", v)
			}
			// Every other hyper-parameter at the new optimizer's
			// default: Adam's learning rate would stall Adadelta.
			s.Optimizer = network.OptimizerSpec{Name: v}
			return s, nil
		},
	},
	{
		Name: "lr", Title: "learning rate", Numeric: true, Valid: "numbers > 0 such as 1e-3",
		Suggested: []string{"1e-4", "1e-3", "1e-2"},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			f, err := number(v)
			if err != nil {
				return s, err
			}
			if f <= 0 {
				return s, fmt.Errorf("learning rate must be above 0, got %s", v)
			}
			s.Optimizer.LearningRate = f
			return s, nil
		},
	},
	{
		Name: "epochs", Title: "epochs", Numeric: true,
		Valid:     fmt.Sprintf("whole numbers in [1, %d]", network.MaxEpochs),
		Suggested: []string{"1", "2", "5", "10"},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			n, err := whole(v, 1)
			s.Train.Epochs = n
			return s, err
		},
	},
	{
		Name: "batch", Title: "batch size", Numeric: true,
		Valid:     fmt.Sprintf("whole numbers in [1, %d]", network.MaxBatchSize),
		Suggested: []string{"32", "64", "128", "256"},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			n, err := whole(v, 1)
			s.Train.BatchSize = n
			return s, err
		},
	},
	{
		Name: "noise", Title: "noise factor", Numeric: true, Valid: "numbers from 0 up such as 0.5",
		Suggested: []string{"0", "0.25", "0.5", "0.75"},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			f, err := number(v)
			if err == nil && f < 0 {
				err = fmt.Errorf("noise factor must not be negative, got %s", v)
			}
			s.Train.Noise = f
			return s, err
		},
	},
	{
		Name: "l1", Title: "L1 on the code", Numeric: true, Valid: "numbers from 0 up such as 1e-4",
		Suggested: []string{"0", "1e-5", "1e-4", "1e-3"},
		applies: func(s network.Spec) error {
			if design.CodeIndex(s) < 0 {
				return errors.New("the design has no code layer to regularise")
			}
			return nil
		},
		apply: func(s network.Spec, v string) (network.Spec, error) {
			f, err := number(v)
			if err != nil {
				return s, err
			}
			if f < 0 {
				return s, fmt.Errorf("L1 must not be negative, got %s", v)
			}
			s = s.Clone()
			s.Layers[design.CodeIndex(s)].ActivityRegularizer.L1 = f
			return s, nil
		},
	},
}

// denseOnly returns the applies check of a setting that reshapes a stack of
// dense layers.
func denseOnly(setting string) func(network.Spec) error {
	return func(s network.Spec) error {
		if !design.IsDenseStack(s) {
			return fmt.Errorf("%s applies to stacks of dense layers over a flat input, and %s is not one (sweep code, loss, optimizer, lr, epochs, batch, noise or l1)", setting, name(s))
		}
		return nil
	}
}

// name returns how messages call the design s.
func name(s network.Spec) string {
	if s.Name == "" {
		return "the design"
	}
	return fmt.Sprintf("%q", s.Name)
}

// whole parses v as a whole number of at least lo.
func whole(v string, lo int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", v)
	}
	if n < lo {
		return n, fmt.Errorf("must be at least %d, got %d", lo, n)
	}
	return n, nil
}

// number parses v as a finite number.
func number(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a finite number", v)
	}
	return f, nil
}

// Settings returns every setting, in the order menus offer them.
func Settings() []Setting { return append([]Setting(nil), settings...) }

// Names returns the names of the settings, in the order of Settings.
func Names() []string {
	out := make([]string, len(settings))
	for i, s := range settings {
		out[i] = s.Name
	}
	return out
}

// Lookup returns the setting called name, or an error listing the valid
// names.
func Lookup(name string) (Setting, error) {
	for _, s := range settings {
		if s.Name == name {
			return s, nil
		}
	}
	return Setting{}, fmt.Errorf("unknown setting %q (want one of %s)", name, strings.Join(Names(), ", "))
}

// Applies returns nil when the setting can be swept on the design s, else
// an error saying why not.
func (st Setting) Applies(s network.Spec) error {
	if st.applies == nil {
		return nil
	}
	return st.applies(s)
}

// Sweep is one setting and the values it takes, in order.
type Sweep struct {
	Setting string
	Values  []string
}

// String returns the sweep as Parse reads it: "code=2,4,8".
func (sw Sweep) String() string { return sw.Setting + "=" + strings.Join(sw.Values, ",") }

// Parse reads a sweep written as name=v1,v2,… ("code=2,4,8", spaces
// allowed around the values). It returns an error naming what is wrong for
// an unknown setting (listing the valid ones), a missing "=", an empty or
// repeated value, or more than MaxValues values. The values themselves are
// checked by Expand, against the design.
func Parse(arg string) (Sweep, error) {
	name, list, ok := strings.Cut(arg, "=")
	name = strings.TrimSpace(name)
	if !ok {
		return Sweep{}, fmt.Errorf("sweep %q: want name=v1,v2,… such as code=2,4,8 (names: %s)", arg, strings.Join(Names(), ", "))
	}
	st, err := Lookup(name)
	if err != nil {
		return Sweep{}, fmt.Errorf("sweep %q: %w", arg, err)
	}
	return Values(st, list)
}

// Values splits a comma-separated list of values of setting st into a
// sweep, with the checks of Parse.
func Values(st Setting, list string) (Sweep, error) {
	sw := Sweep{Setting: st.Name}
	seen := map[string]bool{}
	for v := range strings.SplitSeq(list, ",") {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			return Sweep{}, fmt.Errorf("sweep %s: empty value in %q (want %s, separated by commas)", st.Name, list, st.Valid)
		case seen[v]:
			return Sweep{}, fmt.Errorf("sweep %s: value %s given twice", st.Name, v)
		}
		seen[v] = true
		sw.Values = append(sw.Values, v)
	}
	if len(sw.Values) > MaxValues {
		return Sweep{}, fmt.Errorf("sweep %s: %d values, at most %d", st.Name, len(sw.Values), MaxValues)
	}
	return sw, nil
}

// Run is one run of an expanded sweep.
type Run struct {
	// Name names the run: the base design's name and the value,
	// "vanilla code=8"; it is also the Spec's name.
	Name string
	// Value is the value as given, X its position on the sweep's x axis:
	// the number for a numeric setting, the index for the others.
	Value string
	X     float64
	Spec  network.Spec
}

// Expand applies sw to a copy of base once per value and returns one run
// per value, in order, each spec checked with Spec.Check. It returns an
// error naming the setting and value at fault, with the values the setting
// takes, when the setting does not apply to base, a value does not parse or
// is out of range, or a spec fails its check; nothing is returned then.
func Expand(base network.Spec, sw Sweep) ([]Run, error) {
	st, err := Lookup(sw.Setting)
	if err != nil {
		return nil, err
	}
	if len(sw.Values) == 0 {
		return nil, fmt.Errorf("sweep %s: no values (want %s, such as %s=%s)", st.Name, st.Valid, st.Name, strings.Join(st.Suggested, ","))
	}
	if err := st.Applies(base); err != nil {
		return nil, fmt.Errorf("sweep %s: %w", st.Name, err)
	}
	prefix := base.Name
	if prefix == "" {
		prefix = "model"
	}
	runs := make([]Run, 0, len(sw.Values))
	for i, v := range sw.Values {
		s, err := st.apply(base.Clone(), v)
		if err != nil {
			return nil, fmt.Errorf("sweep %s=%s: %w (want %s)", st.Name, v, err, st.Valid)
		}
		r := Run{Name: prefix + " " + st.Name + "=" + v, Value: v, X: float64(i)}
		if st.Numeric {
			r.X, _ = strconv.ParseFloat(v, 64)
		}
		s.Name = r.Name
		if _, err := s.Check(); err != nil {
			return nil, fmt.Errorf("sweep %s=%s: %w", st.Name, v, err)
		}
		r.Spec = s
		runs = append(runs, r)
	}
	return runs, nil
}

// LogScale reports whether the values xs are best drawn on a logarithmic
// axis: at least two, all above zero, and either all powers of two, all
// powers of ten, or (with three or more) a constant ratio other than 1
// between neighbours, within a relative 1e-6.
func LogScale(xs []float64) bool {
	if len(xs) < 2 {
		return false
	}
	for _, x := range xs {
		if !(x > 0) || math.IsInf(x, 0) {
			return false
		}
	}
	if allPowers(xs, 2) || allPowers(xs, 10) {
		return true
	}
	if len(xs) < 3 {
		return false
	}
	r := xs[1] / xs[0]
	if math.Abs(r-1) < 1e-6 {
		return false
	}
	for i := 2; i < len(xs); i++ {
		if math.Abs(xs[i]/xs[i-1]-r) > 1e-6*r {
			return false
		}
	}
	return true
}

// allPowers reports whether every x of xs is base raised to a whole
// number, within a relative 1e-9, and the xs are not all equal.
func allPowers(xs []float64, base float64) bool {
	for _, x := range xs {
		e := math.Round(math.Log(x) / math.Log(base))
		if math.Abs(math.Pow(base, e)-x) > 1e-9*x {
			return false
		}
	}
	for _, x := range xs[1:] {
		if x != xs[0] {
			return true
		}
	}
	return false
}
