package network

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Spec declares a model: its input shape, its layers (one of them marked as
// the code layer), its loss, its optimizer and how it trains. A Spec is plain
// data: it encodes to JSON, and Build turns it into a Model.
type Spec struct {
	Name      string        `json:"name"`
	Input     Shape         `json:"input"`
	Layers    []LayerSpec   `json:"layers"`
	Loss      string        `json:"loss"`
	Optimizer OptimizerSpec `json:"optimizer"`
	Train     TrainSpec     `json:"train"`
}

// TrainSpec holds the training settings that belong to a design.
type TrainSpec struct {
	Epochs    int `json:"epochs"`
	BatchSize int `json:"batch_size"`
	// Noise is the factor of the Gaussian noise added to training and
	// validation inputs (clipped to [0,1]) for a denoising autoencoder; the
	// targets stay clean. Zero for a plain autoencoder.
	Noise float64 `json:"noise,omitempty"`
}

// LayerSpec declares one layer. Type selects the layer; the other fields are
// read by the types that use them and must otherwise be zero.
type LayerSpec struct {
	Type string `json:"type"`
	// Name overrides the automatic name ("dense_1", "conv2d_2", …).
	Name string `json:"name,omitempty"`
	// Code marks the layer whose output is the code (bottleneck).
	Code bool `json:"code,omitempty"`

	Units      int    `json:"units,omitempty"`      // dense
	Filters    int    `json:"filters,omitempty"`    // conv2d, conv2d_transpose
	Kernel     int    `json:"kernel,omitempty"`     // conv2d, conv2d_transpose
	Stride     int    `json:"stride,omitempty"`     // conv, pooling (0: default)
	Padding    string `json:"padding,omitempty"`    // "same" or "valid"
	Activation string `json:"activation,omitempty"` // dense, conv
	Size       int    `json:"size,omitempty"`       // maxpool2d pool size, upsample2d factor
	Shape      Shape  `json:"shape,omitempty"`      // reshape target

	Rate  float64 `json:"rate,omitempty"`  // dropout
	Noise float64 `json:"noise,omitempty"` // gaussian_noise factor

	ActivityRegularizer Regularizer `json:"activity_regularizer,omitzero"`
	KernelRegularizer   Regularizer `json:"kernel_regularizer,omitzero"`
}

// SpecError reports the layer of a spec that does not fit, by position and
// name.
type SpecError struct {
	Layer int    // index into Spec.Layers, or -1 for the spec as a whole
	Name  string // the layer's name, or ""
	// Field is the JSON name of the field at fault when one is ("epochs",
	// "batch_size", "learning_rate", "units", …), else "".
	Field string
	Err   error
}

func (e *SpecError) Error() string {
	if e.Layer < 0 {
		return e.Err.Error()
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *SpecError) Unwrap() error { return e.Err }

// MarshalSpec encodes s as indented JSON.
func MarshalSpec(s Spec) ([]byte, error) { return json.MarshalIndent(s, "", "  ") }

// UnmarshalSpec decodes a spec from JSON and checks it (see Check). It
// rejects unknown fields, naming the field, where it stands and the known
// field it most likely misspells, so that a typo such as "activaton" is
// never silently ignored; and it rejects data after the spec.
func UnmarshalSpec(b []byte) (Spec, error) {
	var s Spec
	if err := decodeStrict(b, &s); err != nil {
		return Spec{}, fmt.Errorf("spec: %w", explainUnknown(b, err))
	}
	if _, err := s.Check(); err != nil {
		return Spec{}, err
	}
	return s, nil
}

// decodeStrict decodes one JSON value from b into v, refusing unknown
// fields and trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the spec")
	}
	return nil
}

// explainUnknown turns json's "unknown field" error into one that says
// where the field stands (the spec, a layer by number, its optimizer…) and
// which known field it most likely misspells. Other errors pass unchanged.
func explainUnknown(b []byte, err error) error {
	field, ok := strings.CutPrefix(err.Error(), "json: unknown field ")
	if !ok {
		return err
	}
	field = strings.Trim(field, `"`)
	where, known := "", specFields
	var raw struct {
		Layers    []json.RawMessage `json:"layers"`
		Optimizer json.RawMessage   `json:"optimizer"`
		Train     json.RawMessage   `json:"train"`
	}
	if json.Unmarshal(b, &raw) == nil {
		for i, l := range raw.Layers {
			var ls LayerSpec
			if decodeStrict(l, &ls) != nil && hasKey(l, field) {
				where, known = fmt.Sprintf(" in layer %d", i+1), layerFields
				break
			}
		}
		switch {
		case where != "":
		case hasKey(raw.Optimizer, field):
			where, known = " in optimizer", optimizerFields
		case hasKey(raw.Train, field):
			where, known = " in train", trainFields
		}
	}
	msg := fmt.Sprintf("unknown field %q%s", field, where)
	if guess := closest(field, known); guess != "" {
		msg += fmt.Sprintf(": did you mean %q?", guess)
	}
	return errors.New(msg)
}

// hasKey reports whether the JSON object b has the key k (at its top level,
// or in its regularisers).
func hasKey(b []byte, k string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	if _, ok := m[k]; ok {
		return true
	}
	for _, r := range []string{"activity_regularizer", "kernel_regularizer"} {
		if len(m[r]) > 0 && r != k && hasKey(m[r], k) {
			return true
		}
	}
	return false
}

// The JSON field names of the spec's parts, for suggestions.
var (
	specFields      = jsonFields(Spec{})
	layerFields     = append(jsonFields(LayerSpec{}), jsonFields(Regularizer{})...)
	optimizerFields = jsonFields(OptimizerSpec{})
	trainFields     = jsonFields(TrainSpec{})
)

// jsonFields returns the JSON names of the fields of struct v.
func jsonFields(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// closest returns the name in known nearest to s by edit distance (ignoring
// case, "_" and "-"), or "" when none is close enough to be a typo.
func closest(s string, known []string) string {
	norm := func(x string) string {
		return strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(x))
	}
	best, bestD := "", 1<<30
	for _, k := range known {
		if d := editDistance(norm(s), norm(k)); d < bestD {
			best, bestD = k, d
		}
	}
	if bestD > max(1, len(s)/3) {
		return ""
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Clone returns a deep copy of s.
func (s Spec) Clone() Spec {
	out := s
	out.Input = append(Shape(nil), s.Input...)
	out.Layers = make([]LayerSpec, len(s.Layers))
	for i, l := range s.Layers {
		l.Shape = append(Shape(nil), l.Shape...)
		out.Layers[i] = l
	}
	return out
}

// LayerInfo describes one layer of a checked spec.
type LayerInfo struct {
	Name   string
	Type   string
	In     Shape
	Out    Shape
	Params int
	Code   bool
}

// Check infers every layer's shapes and parameter count without allocating
// weights, and checks every number of the spec against the limits (see
// MaxEpochs and the other limits): the layers' sizes, each layer's output
// and the memory a training batch needs, the optimizer's hyper-parameters
// and the training settings. It returns the first error as a *SpecError
// naming the layer, or the field, and the allowed range.
func (s Spec) Check() ([]LayerInfo, error) {
	m, err := build(s, 0, false, true)
	if err != nil {
		return nil, err
	}
	return m.Summary(), nil
}
