package network

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"autoencoder-studio/network/gemm"
)

// PCA is a principal component analysis fitted to a data set, used to show
// codes in two dimensions. FitPCA computes it; Transform projects samples.
type PCA struct {
	// Mean is the per-feature mean of the fitted data, dim values.
	Mean []float64
	// Components holds the k principal axes as the rows of a k×dim matrix,
	// unit vectors ordered by decreasing variance. The sign of each is
	// chosen so that its entry of largest magnitude is positive (the first
	// such entry on a tie), which makes the result deterministic.
	Components *mat.Dense
	// Variance holds the variance of the data along each component (the
	// eigenvalues of the sample covariance, with the n-1 denominator).
	Variance []float64
	// Explained holds the fraction of the total variance along each
	// component: Variance[i] over the trace of the covariance, or 0 when
	// the data do not vary at all.
	Explained []float64
}

// FitPCA fits a principal component analysis with k components to n
// samples of dim features stored one after another in data (n×dim values):
// it centres the data, forms the dim×dim sample covariance and takes the
// eigenvectors of its k largest eigenvalues (mat.EigenSym). It takes
// O(n·dim²) time and O(n·dim + dim²) memory: for large codes, fit a
// subsample and Transform the rest.
//
// It returns an error if n < 2, dim < 1, k < 1, k > dim, or data holds a
// non-finite value, and panics with a ShapeError if len(data) != n*dim.
func FitPCA(data []float32, n, dim, k int) (*PCA, error) {
	switch {
	case n < 2:
		return nil, fmt.Errorf("pca: need at least 2 samples, got %d", n)
	case dim < 1:
		return nil, fmt.Errorf("pca: need at least 1 feature, got %d", dim)
	case k < 1 || k > dim:
		return nil, fmt.Errorf("pca: number of components must be in [1, %d] (the number of features), got %d", dim, k)
	}
	checkLen("FitPCA", "data", data, n*dim)
	mean := make([]float64, dim)
	for i := range n {
		for j, v := range data[i*dim : (i+1)*dim] {
			mean[j] += float64(v)
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	for i := range n {
		for _, v := range data[i*dim : (i+1)*dim] {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("pca: sample %d holds a non-finite value", i)
			}
		}
	}
	var (
		vals  []float64   // the k largest eigenvalues, largest first
		vecs  [][]float64 // their eigenvectors
		total float64     // the trace of the covariance
		err   error
	)
	if dim <= denseEigenMax {
		vals, vecs, total, err = denseEigen(data, mean, n, dim, k)
	} else {
		vals, vecs, total, err = subspaceEigen(data, mean, n, dim, k)
	}
	if err != nil {
		return nil, err
	}
	p := &PCA{
		Mean:       mean,
		Components: mat.NewDense(k, dim, nil),
		Variance:   make([]float64, k),
		Explained:  make([]float64, k),
	}
	for c := range k {
		p.Variance[c] = max(vals[c], 0)
		if total > 0 {
			p.Explained[c] = p.Variance[c] / total
		}
		row := p.Components.RawRowView(c)
		copy(row, vecs[c])
		big := 0
		for j, v := range row {
			if math.Abs(v) > math.Abs(row[big]) {
				big = j
			}
		}
		if row[big] < 0 {
			for j := range row {
				row[j] = -row[j]
			}
		}
	}
	return p, nil
}

// denseEigenMax is the largest number of features whose covariance FitPCA
// decomposes whole; above it, it finds the leading eigenvectors alone.
const denseEigenMax = 256

// centred returns the n samples of data minus mean, as an n×dim matrix.
func centred(data []float32, mean []float64, n, dim int) *mat.Dense {
	x := mat.NewDense(n, dim, nil)
	raw := x.RawMatrix()
	for i := range n {
		row := raw.Data[i*raw.Stride : i*raw.Stride+dim]
		for j, v := range data[i*dim : (i+1)*dim] {
			row[j] = float64(v) - mean[j]
		}
	}
	return x
}

// denseEigen returns the k largest eigenvalues of the sample covariance
// of data, their eigenvectors and the covariance's trace, from the whole
// eigendecomposition (mat.EigenSym).
func denseEigen(data []float32, mean []float64, n, dim, k int) (vals []float64, vecs [][]float64, total float64, err error) {
	x := centred(data, mean, n, dim)
	var cov mat.SymDense
	cov.SymOuterK(1/float64(n-1), x.T())
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		return nil, nil, 0, errors.New("pca: eigendecomposition of the covariance did not converge")
	}
	all := eig.Values(nil) // ascending
	var v mat.Dense
	eig.VectorsTo(&v)
	for _, e := range all {
		total += max(e, 0)
	}
	for c := range k {
		col := dim - 1 - c
		vals = append(vals, all[col])
		vecs = append(vecs, mat.Col(nil, col, &v))
	}
	return vals, vecs, total, nil
}

// orthonormalise makes the columns of v orthonormal in place, by modified
// Gram–Schmidt (twice, for the accuracy of a QR factorisation); a column
// that falls into the span of those before it becomes a unit basis vector
// outside it.
func orthonormalise(v *mat.Dense) {
	r, c := v.Dims()
	col := make([][]float64, c)
	for j := range c {
		col[j] = mat.Col(nil, j, v)
	}
	for j := range c {
		for range 2 {
			for i := range j {
				d := floats.Dot(col[i], col[j])
				floats.AddScaled(col[j], -d, col[i])
			}
		}
		if n := floats.Norm(col[j], 2); n > 1e-12 {
			floats.Scale(1/n, col[j])
		} else {
			clear(col[j])
			col[j][j%r] = 1
		}
		v.SetCol(j, col[j])
	}
}

// The subspace iteration stops once the leading eigenvalues move by less
// than subspaceTol of the largest in a round, or after subspaceRounds.
const (
	subspaceTol    = 1e-8
	subspaceRounds = 200
)

// subspaceEigen returns what denseEigen does for many features: the
// covariance is formed with the engine's float32 matrix product, and its
// leading eigenvectors found by subspace iteration on a block of k+6
// vectors with a Rayleigh–Ritz step each round (Golub & Van Loan, §8.3),
// until the k leading eigenvalues settle (see subspaceTol).
func subspaceEigen(data []float32, mean []float64, n, dim, k int) (vals []float64, vecs [][]float64, total float64, err error) {
	xc := make([]float32, n*dim)
	for i := range n {
		for j, v := range data[i*dim : (i+1)*dim] {
			xc[i*dim+j] = float32(float64(v) - mean[j])
		}
	}
	c32 := make([]float32, dim*dim)
	gemm.Sgemm(true, false, dim, dim, n, float32(1/float64(n-1)), xc, dim, xc, dim, 0, c32, dim)
	cd := make([]float64, dim*dim)
	for i := range dim {
		for j := range dim { // symmetrise the float32 sums
			cd[i*dim+j] = (float64(c32[i*dim+j]) + float64(c32[j*dim+i])) / 2
		}
		total += max(cd[i*dim+i], 0)
	}
	cov := mat.NewSymDense(dim, cd)
	b := min(dim, k+6)
	rng := rand.New(rand.NewPCG(uint64(dim), uint64(n)))
	v := mat.NewDense(dim, b, nil)
	for i := range dim {
		for j := range b {
			v.Set(i, j, rng.NormFloat64())
		}
	}
	var w, t, ritz mat.Dense
	var eig mat.EigenSym
	prev := make([]float64, k)
	small := mat.NewSymDense(b, nil)
	for iter := range subspaceRounds {
		// Q spans the block; W = C·Q; the Ritz pairs of C on that span come
		// from the small Qᵀ·C·Q, and W·U is the next block.
		orthonormalise(v)
		basis := v
		w.Mul(cov, basis)
		t.Mul(basis.T(), &w)
		for i := range b {
			for j := i; j < b; j++ {
				small.SetSym(i, j, (t.At(i, j)+t.At(j, i))/2)
			}
		}
		if !eig.Factorize(small, true) {
			return nil, nil, 0, errors.New("pca: eigendecomposition of the projected covariance did not converge")
		}
		ev := eig.Values(nil) // ascending
		var u mat.Dense
		eig.VectorsTo(&u)
		ritz.Reset()
		ritz.Mul(basis, &u)
		done := iter > 0
		for c := range k {
			l := ev[b-1-c]
			if math.Abs(l-prev[c]) > subspaceTol*math.Abs(ev[b-1]) {
				done = false
			}
			prev[c] = l
		}
		if done {
			break
		}
		v = mat.NewDense(dim, b, nil)
		v.Mul(&w, &u)
	}
	v = &ritz
	for c := range k {
		vals = append(vals, prev[c])
		vecs = append(vecs, mat.Col(nil, b-1-c, v))
	}
	return vals, vecs, total, nil
}

// Transform projects n samples of data (n×dim values, dim the number of
// features fitted) onto the components and returns the n×k coordinates,
// sample after sample. It panics with a ShapeError if len(data) != n*dim.
func (p *PCA) Transform(data []float32, n int) []float64 {
	k, dim := p.Components.Dims()
	checkLen("PCA.Transform", "data", data, n*dim)
	out := make([]float64, n*k)
	row := make([]float64, dim)
	for i := range n {
		for j, v := range data[i*dim : (i+1)*dim] {
			row[j] = float64(v) - p.Mean[j]
		}
		for c := range k {
			out[i*k+c] = mat.Dot(mat.NewVecDense(dim, row), p.Components.RowView(c))
		}
	}
	return out
}
