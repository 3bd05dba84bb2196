package network

import (
	"fmt"
	"math"
)

// Limits on what a spec may ask for. They keep a mistyped number from
// exhausting memory or running for days, and every one is checked by
// Spec.Check before anything is allocated, with the allowed range in the
// message.
const (
	MaxEpochs    = 10000 // epochs of one training run
	MaxBatchSize = 65536 // samples per batch (Fit also caps it at the training set)
	MaxLayers    = 1000  // layers of one model
	MaxNameLen   = 200   // bytes of a spec's or a layer's name

	maxUnits    = 1 << 16 // dense units
	maxFilters  = 4096    // convolution filters
	maxKernel   = 31      // convolution kernel side
	maxWindow   = 32      // pooling window, pooling stride and upsampling factor
	maxNoise    = 10      // Gaussian noise factor
	maxRegular  = 10      // L1 or L2 strength of a regulariser
	maxEpsilon  = 1       // an optimizer's epsilon
	activations = 2       // each layer output is kept once forward and once as its gradient

	// MaxActivationBytes bounds the memory one training batch needs for the
	// layer outputs and their gradients.
	MaxActivationBytes = 2 << 30
)

// fieldError is an error about one named field of a spec, such as
// "batch_size"; build puts the name in SpecError.Field.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// inRange returns an error naming field unless lo ≤ v ≤ hi.
func inRange(field string, v, lo, hi int) error {
	if v < lo || v > hi {
		return &fieldError{field, fmt.Errorf("%s must be in [%d, %d], got %d", field, lo, hi, v)}
	}
	return nil
}

// inRangeFloat returns an error naming field unless v is finite and
// lo ≤ v ≤ hi.
func inRangeFloat(field string, v, lo, hi float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
		return &fieldError{field, fmt.Errorf("%s must be a number in [%g, %g], got %g", field, lo, hi, v)}
	}
	return nil
}

// validate checks the training settings.
func (t TrainSpec) validate() error {
	if err := inRange("epochs", t.Epochs, 1, MaxEpochs); err != nil {
		return err
	}
	if err := inRange("batch_size", t.BatchSize, 1, MaxBatchSize); err != nil {
		return err
	}
	return inRangeFloat("noise", t.Noise, 0, maxNoise)
}

// activationBytes returns the memory a training batch of batch samples
// needs for the layer outputs and their gradients.
func (m *Model) activationBytes(batch int) int64 {
	values := int64(m.spec.Input.Size())
	for _, l := range m.layers {
		values += int64(l.OutShape().Size())
	}
	return 4 * activations * values * int64(batch)
}

// checkActivations returns an error if a batch of batch samples needs more
// than MaxActivationBytes.
func (m *Model) checkActivations(batch int) error {
	if b := m.activationBytes(batch); b > MaxActivationBytes {
		return &fieldError{"batch_size", fmt.Errorf("a batch of %d needs about %s for the layer outputs and their gradients, more than the %s limit: use a smaller batch or smaller layers",
			batch, byteSize(b), byteSize(MaxActivationBytes))}
	}
	return nil
}

// byteSize formats n bytes as "3.1 GB".
func byteSize(n int64) string {
	switch {
	case n >= 1e12:
		return fmt.Sprintf("%.1f TB", float64(n)/1e12)
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%d bytes", n)
}
