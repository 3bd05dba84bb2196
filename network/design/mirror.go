package design

import (
	"errors"
	"fmt"

	"autoencoder-studio/network"
)

// MirrorDecoder returns s with every layer after the code replaced by the
// mirror of the encoder: the encoder's stages (a layer with weights and the
// layers without weights that follow it) in reverse order, dense units and
// conv filters as in the encoder (the code layer itself excepted), each
// max-pooling as an upsampling, each flatten as a dense layer as wide as
// the flattened image and a reshape back (a variational code is not
// mirrored, like a dense one); and a final
// sigmoid layer sized to the input. A convolution is given valid padding
// where that makes the upsampled size match the encoder's, as the Keras
// tutorial's decoder does (16×16 → 14×14 → 28×28).
func MirrorDecoder(s network.Spec) (network.Spec, error) {
	c := CodeIndex(s)
	if c < 0 {
		return s, errors.New("mark a code layer before mirroring")
	}
	enc := s.Clone()
	enc.Layers = enc.Layers[:c+1]
	info, err := encoderShapes(enc)
	if err != nil {
		return s, err
	}
	stages := stagesOf(enc.Layers)
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
		ops, up := undoShapes(enc.Layers, info, st, &size)
		if !network.HasWeights(first.Type) {
			if len(s.Input) != 1 && first.Type == network.TypeFlatten {
				finalDense = true
			}
			tail = ops
			continue
		}
		finalDense = hasUnits(first.Type)
		if st.from != c || !hasUnits(first.Type) {
			w := mirrorWeighted(first, info[st.from].In, &size, up)
			if n := leadingReshapes(ops); n > 0 && !hasUnits(first.Type) {
				// Back from a flat code to an image: a dense layer as
				// wide as the flattened image, the reshape, then the
				// convolution.
				flat := ops[n-1].Shape.Size()
				dec = append(dec, network.LayerSpec{Type: network.TypeDense, Units: flat, Activation: first.Activation})
				dec = append(dec, ops[:n]...)
				ops = ops[n:]
			}
			dec = append(dec, w)
		}
		dec = append(dec, ops...)
		size *= up
	}
	if finalDense {
		dec = append(dec, network.LayerSpec{Type: network.TypeDense, Units: s.Input.Size(), Activation: string(network.Sigmoid)})
	} else {
		dec = append(dec, network.LayerSpec{Type: network.TypeConv2D, Filters: s.Input[len(s.Input)-1], Kernel: 3, Padding: "same", Activation: string(network.Sigmoid)})
	}
	dec = append(dec, tail...)
	out := s.Clone()
	out.Layers = append(enc.Layers, dec...)
	return out, nil
}

// stage is a layer with weights and the layers without weights after it:
// the layers [from, to) of an encoder. The first stage may start with
// layers without weights.
type stage struct{ from, to int }

// stagesOf cuts layers into stages.
func stagesOf(layers []network.LayerSpec) []stage {
	var stages []stage
	for i, l := range layers {
		if network.HasWeights(l.Type) || len(stages) == 0 {
			stages = append(stages, stage{i, i + 1})
		} else {
			stages[len(stages)-1].to = i + 1
		}
	}
	return stages
}

// undoShapes returns the layers undoing the reshaping layers of stage st,
// last first (an upsampling for each pooling, a reshape back for each
// flatten or reshape), and the factor by which they upsample. It sets
// *size to the height a reshape back to an image gives.
func undoShapes(layers []network.LayerSpec, info []network.LayerInfo, st stage, size *int) (ops []network.LayerSpec, up int) {
	up = 1
	for i := st.to - 1; i >= st.from; i-- {
		l := layers[i]
		switch l.Type {
		case network.TypeMaxPool2D:
			f := network.PoolStride(l)
			up *= f
			ops = append(ops, network.LayerSpec{Type: network.TypeUpSample2D, Size: f})
		case network.TypeFlatten, network.TypeReshape:
			ops = append(ops, network.LayerSpec{Type: network.TypeReshape, Shape: append(network.Shape(nil), info[i].In...)})
			if len(info[i].In) == 3 {
				*size = info[i].In[0]
			}
		}
	}
	return ops, up
}

// leadingReshapes returns how many of ops, from the first, are reshapes.
func leadingReshapes(ops []network.LayerSpec) int {
	n := 0
	for n < len(ops) && ops[n].Type == network.TypeReshape {
		n++
	}
	return n
}

// mirrorWeighted returns the decoder's mirror of the encoder layer first
// (dense or a convolution, whose input shape was in), followed by an
// upsampling by up, updating *size, the decoder's current image height: a
// convolution of stride 2 becomes a transposed one, and a convolution
// gets valid padding where that makes the upsampled size land on the
// encoder's size at the start of the stage.
func mirrorWeighted(first network.LayerSpec, in network.Shape, size *int, up int) network.LayerSpec {
	m := network.LayerSpec{Type: first.Type, Activation: first.Activation}
	if hasUnits(first.Type) {
		m.Type, m.Units = network.TypeDense, first.Units
		return m
	}
	m.Filters, m.Kernel, m.Padding = first.Filters, first.Kernel, "same"
	if first.Stride == 2 {
		m.Type, m.Stride = network.TypeConv2DTranspose, 2
		*size *= 2
	}
	if len(in) == 3 && *size > 0 && up > 1 {
		if target := in[0]; *size*up > target && (*size-first.Kernel+1)*up == target {
			m.Padding = "valid"
			*size -= first.Kernel - 1
		}
	}
	return m
}

// encoderShapes returns the shapes of an encoder's layers (the code last) by
// checking it closed with a probe decoder.
func encoderShapes(enc network.Spec) ([]network.LayerInfo, error) {
	probe := enc.Clone()
	probe.Layers = append(probe.Layers, probeDecoder(enc.Input)...)
	info, err := probe.Check()
	if err != nil {
		return nil, fmt.Errorf("mirror: the encoder does not fit: %w", err)
	}
	return info[:len(enc.Layers)], nil
}

// probeDecoder returns a throwaway decoder that maps any output straight
// back to the input shape in: flatten, a linear dense layer the size of the
// input, and a reshape to it.
func probeDecoder(in network.Shape) []network.LayerSpec {
	return []network.LayerSpec{
		{Type: network.TypeFlatten},
		{Type: network.TypeDense, Units: max(in.Size(), 1), Activation: string(network.Linear)},
		{Type: network.TypeReshape, Shape: append(network.Shape(nil), in...)},
	}
}

// Check checks s and returns the layer information: all of it when s fits,
// else that of the layers before the one that does not fit (or of every
// layer when the spec as a whole is at fault, such as an output of the
// wrong size), with the error of s.Check. The layers are checked closed by
// a probe decoder, so that their shapes are known before the design is
// complete.
func Check(s network.Spec) ([]network.LayerInfo, error) {
	info, err := s.Check()
	if err == nil {
		return info, nil
	}
	n := len(s.Layers)
	if k := ErrLayer(err); k >= 0 {
		n = k
	}
	if n == 0 {
		return nil, err
	}
	probe := s.Clone()
	probe.Layers = probe.Layers[:n]
	for i := range probe.Layers {
		probe.Layers[i].Code = false
	}
	// Valid training settings (Check validates them too) with the least
	// activation memory, so the probe fails only where the layers do.
	probe.Loss, probe.Optimizer = string(network.MSE), network.OptimizerSpec{Name: "sgd"}
	probe.Train = network.TrainSpec{Epochs: 1, BatchSize: 1}
	dec := probeDecoder(s.Input)
	dec[0].Code = true
	probe.Layers = append(probe.Layers, dec...)
	pinfo, perr := probe.Check()
	if perr != nil {
		return nil, err
	}
	return pinfo[:n], err
}

// ErrLayer returns the index of the layer a *network.SpecError names, or
// -1.
func ErrLayer(err error) int {
	var se *network.SpecError
	if errors.As(err, &se) {
		return se.Layer
	}
	return -1
}
