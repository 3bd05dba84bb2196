package network

import (
	"fmt"
	"strconv"
	"strings"
)

// Shape is the shape of one sample, without the batch dimension: [784] for a
// flat vector, [28, 28, 1] for a height×width×channels image.
type Shape []int

// Size returns the number of values in a sample of shape s.
func (s Shape) Size() int {
	n := 1
	for _, d := range s {
		n *= d
	}
	return n
}

// String formats s as "28×28×1".
func (s Shape) String() string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = strconv.Itoa(d)
	}
	return strings.Join(parts, "×")
}

// Equal reports whether s and t are the same shape.
func (s Shape) Equal(t Shape) bool {
	if len(s) != len(t) {
		return false
	}
	for i := range s {
		if s[i] != t[i] {
			return false
		}
	}
	return true
}

// valid reports an error if s has no dimension or a non-positive one.
func (s Shape) valid() error {
	if len(s) == 0 {
		return fmt.Errorf("empty shape")
	}
	n := 1
	for _, d := range s {
		if d <= 0 {
			return fmt.Errorf("shape %s has a non-positive dimension", s)
		}
		if n *= d; n > maxSampleValues {
			return fmt.Errorf("shape %s holds more than %d values", s, maxSampleValues)
		}
	}
	return nil
}

// maxSampleValues bounds the size of one sample.
const maxSampleValues = 1 << 22

// ShapeError is the panic value of engine functions called with buffers that
// do not match the shapes they were built for: a programmer error, not a user
// error.
type ShapeError struct {
	Op   string
	Want int
	Got  int
}

func (e ShapeError) Error() string {
	return fmt.Sprintf("network: %s: want %d values, got %d", e.Op, e.Want, e.Got)
}

// checkLen panics with a ShapeError whose Op is "who op" (a layer's name
// and its pass, or an API function and its argument) unless len(x) ==
// want. The two parts are joined only on failure, so that a passing check
// allocates nothing in steady-state training.
func checkLen(who, op string, x []float32, want int) {
	if len(x) != want {
		panic(ShapeError{Op: who + " " + op, Want: want, Got: len(x)})
	}
}

// grow returns buf resliced to n values, reallocating only when its capacity
// is too small, so that steady-state training allocates nothing.
func grow(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}
