package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"autoencoder-studio/network"
)

// This file holds the editor's spec transformations. They know nothing of
// Fyne: each takes a spec and returns an edited copy.

// blankSpec returns the starting point of a design made from scratch: a
// single dense code layer of 32 units over a flat MNIST input.
func blankSpec() network.Spec {
	return network.Spec{
		Name:  "custom",
		Input: network.Shape{784},
		Layers: []network.LayerSpec{
			{Type: "dense", Units: 32, Activation: string(network.ReLU), Code: true},
			{Type: "dense", Units: 784, Activation: string(network.Sigmoid)},
		},
		Loss:      string(network.BinaryCrossentropy),
		Optimizer: network.OptimizerSpec{Name: "adam"},
		Train:     network.TrainSpec{Epochs: 5, BatchSize: 128},
	}
}

// codeIndex returns the index of the code layer of s, or -1.
func codeIndex(s network.Spec) int {
	for i, l := range s.Layers {
		if l.Code {
			return i
		}
	}
	return -1
}

// isDenseDesign reports whether s is a stack of dense layers over a flat
// input, the designs the tutorial's layer-count and node-count knobs apply
// to.
func isDenseDesign(s network.Spec) bool {
	if len(s.Input) != 1 || len(s.Layers) == 0 {
		return false
	}
	for _, l := range s.Layers {
		if l.Type != "dense" {
			return false
		}
	}
	return true
}

// codeSizeLayer returns the index of the layer whose width sets the code
// size: the code layer itself when it is dense or a convolution, else the
// last convolution before it. It returns -1 when there is none.
func codeSizeLayer(s network.Spec) int {
	for i := codeIndex(s); i >= 0; i-- {
		switch s.Layers[i].Type {
		case "dense", "conv2d", "conv2d_transpose":
			return i
		}
	}
	return -1
}

// codeSize returns the width (units or filters) that sets the code size, or
// 0 when the design has none.
func codeSize(s network.Spec) int {
	i := codeSizeLayer(s)
	if i < 0 {
		return 0
	}
	if s.Layers[i].Type == "dense" {
		return s.Layers[i].Units
	}
	return s.Layers[i].Filters
}

// withCodeSize returns s with its code width set to n.
func withCodeSize(s network.Spec, n int) (network.Spec, error) {
	if n < 1 {
		return s, fmt.Errorf("code size must be at least 1, got %d", n)
	}
	i := codeSizeLayer(s)
	if i < 0 {
		return s, errors.New("no dense or convolution layer sets the code size: mark a code layer first")
	}
	s = s.Clone()
	if s.Layers[i].Type == "dense" {
		s.Layers[i].Units = n
	} else {
		s.Layers[i].Filters = n
	}
	return s, nil
}

// denseStack returns the tutorial's knobs of a dense design: how many hidden
// layers come before the code and the width of the first one (0 when there
// are none).
func denseStack(s network.Spec) (layers, nodes int) {
	c := codeIndex(s)
	if c <= 0 {
		return 0, 0
	}
	return c, s.Layers[0].Units
}

// withDenseStack regenerates a dense design with the given number of hidden
// layers before the code, the first nodes wide and each next one half as wide
// (never narrower than the code), mirrored after the code and closed by a
// sigmoid layer the size of the input. The code layer keeps its settings.
func withDenseStack(s network.Spec, layers, nodes int) (network.Spec, error) {
	switch {
	case len(s.Input) != 1:
		return s, errors.New("layers and nodes per layer apply to dense designs over a flat input")
	case layers < 0 || layers > 8:
		return s, fmt.Errorf("number of layers must be in [0, 8], got %d", layers)
	case layers > 0 && nodes < 1:
		return s, fmt.Errorf("nodes per layer must be at least 1, got %d", nodes)
	}
	code := network.LayerSpec{Type: "dense", Units: 32, Activation: string(network.ReLU)}
	if c := codeIndex(s); c >= 0 && s.Layers[c].Type == "dense" {
		code = s.Layers[c]
	}
	code.Code = true
	code.Name = ""
	out := s.Clone()
	out.Layers = nil
	for i := range layers {
		out.Layers = append(out.Layers, network.LayerSpec{Type: "dense", Units: max(nodes>>i, code.Units), Activation: string(network.ReLU)})
	}
	out.Layers = append(out.Layers, code)
	return mirrorDecoder(out)
}

// mirrorDecoder returns s with every layer after the code replaced by the
// mirror of the encoder: the encoder's stages (a layer with weights and the
// layers without weights that follow it) in reverse order, dense units and
// conv filters as in the encoder (the code layer itself excepted), each
// max-pooling as an upsampling, each flatten as a reshape back; and a final
// sigmoid layer sized to the input. A convolution is given valid padding
// where that makes the upsampled size match the encoder's, as the Keras
// tutorial's decoder does (16×16 → 14×14 → 28×28).
func mirrorDecoder(s network.Spec) (network.Spec, error) {
	c := codeIndex(s)
	if c < 0 {
		return s, errors.New("mark a code layer before mirroring")
	}
	enc := s.Clone()
	enc.Layers = enc.Layers[:c+1]
	info, err := encoderShapes(enc)
	if err != nil {
		return s, err
	}
	type stage struct{ from, to int } // layers [from, to)
	var stages []stage
	for i, l := range enc.Layers {
		if hasWeights(l.Type) || len(stages) == 0 {
			stages = append(stages, stage{i, i + 1})
		} else {
			stages[len(stages)-1].to = i + 1
		}
	}
	var dec []network.LayerSpec
	var tail []network.LayerSpec // the mirror of layers before the first weighted one
	size := 0                    // the decoder's current spatial height, for images
	if out := info[c].Out; len(out) == 3 {
		size = out[0]
	}
	finalDense := len(s.Input) == 1
	for k := len(stages) - 1; k >= 0; k-- {
		st := stages[k]
		first := enc.Layers[st.from]
		var ops []network.LayerSpec
		up := 1
		for i := st.to - 1; i >= st.from; i-- {
			l := enc.Layers[i]
			switch l.Type {
			case "maxpool2d":
				f := l.Stride
				if f == 0 {
					f = l.Size
				}
				if f == 0 {
					f = 2
				}
				up *= f
				ops = append(ops, network.LayerSpec{Type: "upsample2d", Size: f})
			case "flatten", "reshape":
				ops = append(ops, network.LayerSpec{Type: "reshape", Shape: append(network.Shape(nil), info[i].In...)})
				if len(info[i].In) == 3 {
					size = info[i].In[0]
				}
			}
		}
		if !hasWeights(first.Type) {
			if len(s.Input) != 1 && first.Type == "flatten" {
				finalDense = true
			}
			tail = ops
			continue
		}
		finalDense = first.Type == "dense"
		if st.from != c || first.Type != "dense" {
			m := network.LayerSpec{Type: first.Type, Activation: first.Activation}
			switch first.Type {
			case "dense":
				m.Units = first.Units
			default:
				m.Filters, m.Kernel, m.Padding = first.Filters, first.Kernel, "same"
				if first.Stride == 2 {
					m.Type, m.Stride = "conv2d_transpose", 2
					size *= 2
				}
				// Valid padding where it makes the upsampled size land on
				// the encoder's size at the start of this stage.
				if in := info[st.from].In; len(in) == 3 && size > 0 && up > 1 {
					if target := in[0]; size*up > target && (size-first.Kernel+1)*up == target {
						m.Padding = "valid"
						size -= first.Kernel - 1
					}
				}
			}
			dec = append(dec, m)
		}
		dec = append(dec, ops...)
		size *= up
	}
	if finalDense {
		dec = append(dec, network.LayerSpec{Type: "dense", Units: s.Input.Size(), Activation: string(network.Sigmoid)})
	} else {
		dec = append(dec, network.LayerSpec{Type: "conv2d", Filters: s.Input[len(s.Input)-1], Kernel: 3, Padding: "same", Activation: string(network.Sigmoid)})
	}
	dec = append(dec, tail...)
	out := s.Clone()
	out.Layers = append(enc.Layers, dec...)
	return out, nil
}

// hasWeights reports whether a layer type has trainable parameters.
func hasWeights(typ string) bool {
	switch typ {
	case "dense", "conv2d", "conv2d_transpose":
		return true
	}
	return false
}

// encoderShapes returns the shapes of an encoder's layers (the code last) by
// checking it closed with a throwaway decoder that maps the code straight
// back to the input size.
func encoderShapes(enc network.Spec) ([]network.LayerInfo, error) {
	probe := enc.Clone()
	probe.Layers = append(probe.Layers,
		network.LayerSpec{Type: "flatten"},
		network.LayerSpec{Type: "dense", Units: enc.Input.Size(), Activation: string(network.Linear)},
		network.LayerSpec{Type: "reshape", Shape: append(network.Shape(nil), enc.Input...)})
	info, err := probe.Check()
	if err != nil {
		return nil, fmt.Errorf("mirror: the encoder does not fit: %w", err)
	}
	return info[:len(enc.Layers)], nil
}

// parseShape reads a shape typed as "7,7,16", "7x7x16" or "7×7×16".
func parseShape(text string) (network.Shape, error) {
	f := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == 'x' || r == '×' || r == ' ' })
	if len(f) == 0 {
		return nil, errors.New("shape is empty (type e.g. 7,7,16)")
	}
	s := make(network.Shape, len(f))
	for i, p := range f {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("shape %q: %q is not a positive whole number", text, p)
		}
		s[i] = n
	}
	return s, nil
}

// shapeText formats a shape as "7,7,16" for editing.
func shapeText(s network.Shape) string {
	p := make([]string, len(s))
	for i, n := range s {
		p[i] = strconv.Itoa(n)
	}
	return strings.Join(p, ",")
}
