package network

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
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
	x := mat.NewDense(n, dim, nil)
	raw := x.RawMatrix()
	for i := range n {
		row := raw.Data[i*raw.Stride : i*raw.Stride+dim]
		for j, v := range data[i*dim : (i+1)*dim] {
			if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
				return nil, fmt.Errorf("pca: sample %d holds a non-finite value", i)
			}
			row[j] = float64(v) - mean[j]
		}
	}
	var cov mat.SymDense
	cov.SymOuterK(1/float64(n-1), x.T())
	var eig mat.EigenSym
	if !eig.Factorize(&cov, true) {
		return nil, errors.New("pca: eigendecomposition of the covariance did not converge")
	}
	vals := eig.Values(nil) // ascending
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	total := 0.0
	for _, v := range vals {
		total += max(v, 0)
	}
	p := &PCA{
		Mean:       mean,
		Components: mat.NewDense(k, dim, nil),
		Variance:   make([]float64, k),
		Explained:  make([]float64, k),
	}
	for c := range k {
		col := dim - 1 - c
		p.Variance[c] = max(vals[col], 0)
		if total > 0 {
			p.Explained[c] = p.Variance[c] / total
		}
		row := p.Components.RawRowView(c)
		mat.Col(row, col, &vecs)
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
