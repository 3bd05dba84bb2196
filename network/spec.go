package network

import (
	"encoding/json"
	"fmt"
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
	Err   error
}

func (e *SpecError) Error() string {
	if e.Layer < 0 {
		return "spec: " + e.Err.Error()
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

func (e *SpecError) Unwrap() error { return e.Err }

// MarshalSpec encodes s as indented JSON.
func MarshalSpec(s Spec) ([]byte, error) { return json.MarshalIndent(s, "", "  ") }

// UnmarshalSpec decodes a spec from JSON, rejecting unknown fields, and
// checks that it builds.
func UnmarshalSpec(b []byte) (Spec, error) {
	var s Spec
	if err := json.Unmarshal(b, &s); err != nil {
		return Spec{}, fmt.Errorf("spec: %w", err)
	}
	if _, err := s.Check(); err != nil {
		return Spec{}, err
	}
	return s, nil
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
// weights, and returns the first error as a *SpecError naming the layer.
func (s Spec) Check() ([]LayerInfo, error) {
	m, err := build(s, 0, false)
	if err != nil {
		return nil, err
	}
	return m.Summary(), nil
}
