package network

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// LatentPlane is the plane of a model's code space that a latent explorer
// walks and a manifold figure covers. For codes of one or two values it is
// the code space itself (a point is the code). For larger codes it is the
// plane through the mean code spanned by the codes' first two principal
// components: point (x, y) stands for the code mean + x·PC1 + y·PC2, and a
// code is shown at its projection.
type LatentPlane struct {
	// Dim is the number of values in a code.
	Dim int
	// PCA is the two-component analysis of the codes, nil when Dim ≤ 2.
	PCA *PCA
	// Variational is set for the code of a variational model, whose codes
	// follow N(0, I): its grid then follows the Gaussian's quantiles.
	Variational bool
	// X and Y are the ranges the codes cover along each axis: from their
	// 1st to their 99th percentile, widened by a tenth on each side.
	X, Y [2]float64
}

// NewLatentPlane returns the plane of n codes of dim values (n×dim
// values): the code space for dim ≤ 2, else the plane of a PCA fitted on
// every code. It returns an error when there are fewer than two codes or a
// code holds a value that is not finite, and panics with a ShapeError if
// len(codes) != n*dim.
func NewLatentPlane(codes []float32, n, dim int, variational bool) (*LatentPlane, error) {
	if dim < 1 {
		return nil, fmt.Errorf("latent plane: codes must hold at least 1 value, got %d", dim)
	}
	checkLen("NewLatentPlane", "codes", codes, n*dim)
	if n < 2 {
		return nil, fmt.Errorf("latent plane: need at least 2 codes, got %d", n)
	}
	p := &LatentPlane{Dim: dim, Variational: variational}
	if dim > 2 {
		pca, err := FitPCA(codes, n, dim, 2)
		if err != nil {
			return nil, fmt.Errorf("latent plane: %w", err)
		}
		p.PCA = pca
	} else if slices.ContainsFunc(codes, func(v float32) bool { return math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) }) {
		return nil, errors.New("latent plane: a code holds a value that is not finite")
	}
	xy := p.Project(codes, n)
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i], ys[i] = xy[2*i], xy[2*i+1]
	}
	p.X, p.Y = spread(xs), spread(ys)
	return p, nil
}

// spread returns the range from the 1st to the 99th percentile of v,
// widened by a tenth of it on each side, or [-1, 1] around a constant.
func spread(v []float64) [2]float64 {
	slices.Sort(v)
	lo, hi := v[len(v)/100], v[len(v)-1-len(v)/100]
	if hi-lo < 1e-9 {
		return [2]float64{lo - 1, hi + 1}
	}
	pad := (hi - lo) / 10
	return [2]float64{lo - pad, hi + pad}
}

// Project returns the points of n codes on the plane, n×2 values (x, y),
// y 0 for codes of one value. It panics with a ShapeError if len(codes) !=
// n*Dim.
func (p *LatentPlane) Project(codes []float32, n int) []float64 {
	checkLen("LatentPlane.Project", "codes", codes, n*p.Dim)
	if p.PCA != nil {
		return p.PCA.Transform(codes, n)
	}
	out := make([]float64, 2*n)
	for i := range n {
		out[2*i] = float64(codes[i*p.Dim])
		if p.Dim == 2 {
			out[2*i+1] = float64(codes[i*p.Dim+1])
		}
	}
	return out
}

// Code writes into dst, and returns, the code that point (x, y) of the
// plane stands for; dst is grown to Dim values when too short.
func (p *LatentPlane) Code(x, y float64, dst []float32) []float32 {
	dst = grow(dst, p.Dim)
	if p.PCA == nil {
		dst[0] = float32(x)
		if p.Dim == 2 {
			dst[1] = float32(y)
		}
		return dst
	}
	c1, c2 := p.PCA.Components.RawRowView(0), p.PCA.Components.RawRowView(1)
	for j := range dst {
		dst[j] = float32(p.PCA.Mean[j] + x*c1[j] + y*c2[j])
	}
	return dst
}

// Grid returns the n coordinates along each axis of an n×n grid over the
// plane. For a variational code of two values they are the N(0, 1)
// quantiles of n probabilities evenly spaced from 0.05 to 0.95, as in the
// Keras blog's manifold, so that each cell holds as much of the prior;
// otherwise they are evenly spaced over X and Y. ys run from the top row
// (largest y) down. It panics if n < 1.
func (p *LatentPlane) Grid(n int) (xs, ys []float64) {
	if n < 1 {
		panic("network: LatentPlane.Grid needs at least 1 point per axis")
	}
	at := func(i int) float64 {
		if n == 1 {
			return 0.5
		}
		return float64(i) / float64(n-1)
	}
	xs, ys = make([]float64, n), make([]float64, n)
	if p.Variational && p.PCA == nil {
		std := distuv.UnitNormal
		for i := range n {
			xs[i] = std.Quantile(0.05 + 0.9*at(i))
			ys[n-1-i] = xs[i]
		}
		return xs, ys
	}
	for i := range n {
		xs[i] = p.X[0] + (p.X[1]-p.X[0])*at(i)
		ys[i] = p.Y[1] - (p.Y[1]-p.Y[0])*at(i)
	}
	return xs, ys
}

// DecodePlane decodes the codes of the grid points (xs[c], ys[r]) of plane
// p, row by row: it returns len(ys)×len(xs) reconstructions as a new slice.
// It panics with a ShapeError if the plane's codes are not the model's.
func (m *Model) DecodePlane(p *LatentPlane, xs, ys []float64) []float32 {
	if size := m.CodeShape().Size(); p.Dim != size {
		panic(ShapeError{Op: "DecodePlane code size", Want: size, Got: p.Dim})
	}
	codes := make([]float32, 0, len(xs)*len(ys)*p.Dim)
	var c []float32
	for _, y := range ys {
		for _, x := range xs {
			c = p.Code(x, y, c)
			codes = append(codes, c...)
		}
	}
	return m.decodeAll(codes, len(xs)*len(ys))
}

// decodeAll decodes n codes in batches and returns a new slice.
func (m *Model) decodeAll(codes []float32, n int) []float32 {
	const batch = 256
	size, in := m.CodeShape().Size(), m.InputShape().Size()
	out := make([]float32, 0, n*in)
	for lo := 0; lo < n; lo += batch {
		k := min(batch, n-lo)
		out = append(out, m.Decode(codes[lo*size:(lo+k)*size], k)...)
	}
	return out
}

// SamplePrior decodes n codes drawn from N(0, I), the prior of a
// variational model, with a generator seeded by seed, and returns the n
// images and the codes. For a model that is not variational the codes
// still come from N(0, I), which its decoder was never trained on.
func (m *Model) SamplePrior(n int, seed uint64) (images, codes []float32) {
	rng := rand.New(rand.NewPCG(seed, 0x7072696f72))
	codes = make([]float32, n*m.CodeShape().Size())
	for i := range codes {
		codes[i] = float32(rng.NormFloat64())
	}
	return m.decodeAll(codes, n), codes
}

// Variational reports whether the model's code is variational.
func (m *Model) Variational() bool { return m.spec.Variational() }

// EncodeAll returns the codes of n inputs x, encoded in batches, as a new
// slice of n×CodeShape().Size() values.
func (m *Model) EncodeAll(x []float32, n int) []float32 {
	const batch = 256
	size := m.InputShape().Size()
	checkLen("EncodeAll", "input", x, n*size)
	out := make([]float32, 0, n*m.CodeShape().Size())
	for lo := 0; lo < n; lo += batch {
		k := min(batch, n-lo)
		out = append(out, m.Encode(x[lo*size:(lo+k)*size], k)...)
	}
	return out
}

// PlaneOf returns the latent plane of the codes of n inputs x (see
// NewLatentPlane).
func (m *Model) PlaneOf(x []float32, n int) (*LatentPlane, error) {
	return NewLatentPlane(m.EncodeAll(x, n), n, m.CodeShape().Size(), m.Variational())
}
