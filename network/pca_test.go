package network

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// randomData returns n samples of dim correlated features.
func randomData(rng *rand.Rand, n, dim int) []float32 {
	mix := make([]float64, dim*dim)
	for i := range mix {
		mix[i] = rng.NormFloat64() / float64(1+i%dim)
	}
	data := make([]float32, n*dim)
	z := make([]float64, dim)
	for i := range n {
		for j := range z {
			z[j] = rng.NormFloat64()
		}
		for j := range dim {
			s := 3.0 * float64(j)
			for l, v := range z {
				s += mix[j*dim+l] * v
			}
			data[i*dim+j] = float32(s)
		}
	}
	return data
}

// TestFitPCA compares FitPCA with the covariance from stat.CovarianceMatrix
// and its eigendecomposition, up to the sign of each component.
func TestFitPCA(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct{ n, dim, k int }{
		{50, 5, 2}, {200, 32, 2}, {10, 3, 3}, {3, 8, 2},
	} {
		data := randomData(rng, tc.n, tc.dim)
		p, err := FitPCA(data, tc.n, tc.dim, tc.k)
		if err != nil {
			t.Fatal(err)
		}
		x := mat.NewDense(tc.n, tc.dim, nil)
		for i, v := range data {
			x.Set(i/tc.dim, i%tc.dim, float64(v))
		}
		var cov mat.SymDense
		stat.CovarianceMatrix(&cov, x, nil)
		var eig mat.EigenSym
		if !eig.Factorize(&cov, true) {
			t.Fatal("reference factorisation failed")
		}
		vals := eig.Values(nil)
		var vecs mat.Dense
		eig.VectorsTo(&vecs)
		total := mat.Trace(&cov)
		proj := p.Transform(data, tc.n)
		for c := range tc.k {
			col := tc.dim - 1 - c
			if d := math.Abs(p.Explained[c] - vals[col]/total); d > 1e-9 {
				t.Errorf("n=%d dim=%d: explained[%d] = %v, want %v", tc.n, tc.dim, c, p.Explained[c], vals[col]/total)
			}
			if d := math.Abs(p.Variance[c] - vals[col]); d > 1e-9*vals[col] {
				t.Errorf("n=%d dim=%d: variance[%d] = %v, want %v", tc.n, tc.dim, c, p.Variance[c], vals[col])
			}
			want := mat.Col(nil, col, &vecs)
			got := mat.Row(nil, c, p.Components)
			sign := 1.0
			if mat.Dot(mat.NewVecDense(tc.dim, want), mat.NewVecDense(tc.dim, got)) < 0 {
				sign = -1
			}
			for j := range want {
				if d := math.Abs(got[j] - sign*want[j]); d > 1e-7 {
					t.Errorf("n=%d dim=%d: component %d[%d] = %v, want %v", tc.n, tc.dim, c, j, got[j], sign*want[j])
					break
				}
			}
			// The projections on a component have its variance.
			col64 := make([]float64, tc.n)
			for i := range col64 {
				col64[i] = proj[i*tc.k+c]
			}
			if v := stat.Variance(col64, nil); math.Abs(v-vals[col]) > 1e-6*vals[col] {
				t.Errorf("n=%d dim=%d: projections on component %d have variance %v, want %v", tc.n, tc.dim, c, v, vals[col])
			}
			if m := stat.Mean(col64, nil); math.Abs(m) > 1e-6*math.Sqrt(vals[col]) {
				t.Errorf("n=%d dim=%d: projections on component %d have mean %v, want 0", tc.n, tc.dim, c, m)
			}
		}
	}
}

func TestFitPCASign(t *testing.T) {
	data := randomData(rand.New(rand.NewPCG(5, 6)), 100, 6)
	p, err := FitPCA(data, 100, 6, 2)
	if err != nil {
		t.Fatal(err)
	}
	for c := range 2 {
		row := mat.Row(nil, c, p.Components)
		big := 0
		for j, v := range row {
			if math.Abs(v) > math.Abs(row[big]) {
				big = j
			}
		}
		if row[big] <= 0 {
			t.Errorf("component %d = %v: largest loading not positive", c, row)
		}
	}
}

func TestFitPCALine(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const n, dim = 300, 10
	dir := make([]float64, dim)
	for j := range dir {
		dir[j] = rng.NormFloat64()
	}
	data := make([]float32, n*dim)
	for i := range n {
		s := rng.NormFloat64() * 5
		for j := range dim {
			data[i*dim+j] = float32(1 + s*dir[j] + 1e-4*rng.NormFloat64())
		}
	}
	p, err := FitPCA(data, n, dim, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Explained[0] < 0.99999 || p.Explained[1] > 1e-5 {
		t.Errorf("explained %v, want ≈ [1, 0]", p.Explained)
	}
	// Constant data: no variance, no NaN.
	flat := make([]float32, 20)
	for i := range flat {
		flat[i] = 0.5
	}
	p, err = FitPCA(flat, 10, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Explained[0] != 0 || p.Explained[1] != 0 {
		t.Errorf("constant data: explained %v, want zeros", p.Explained)
	}
	for _, v := range p.Transform(flat, 10) {
		if v != 0 {
			t.Fatalf("constant data: projection %v, want 0", v)
		}
	}
}

func TestFitPCAErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		data      []float32
		n, dim, k int
		want      string
	}{
		{"k > dim", make([]float32, 10), 5, 2, 3, "must be in [1, 2]"},
		{"k = 0", make([]float32, 10), 5, 2, 0, "must be in [1, 2]"},
		{"one sample", make([]float32, 4), 1, 4, 2, "at least 2 samples"},
		{"no features", nil, 5, 0, 1, "at least 1 feature"},
		{"NaN", []float32{0, 1, float32(math.NaN()), 2}, 2, 2, 1, "sample 1 holds a non-finite value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := FitPCA(tc.data, tc.n, tc.dim, tc.k); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	defer func() {
		if _, ok := recover().(ShapeError); !ok {
			t.Error("FitPCA with data of the wrong length did not panic with a ShapeError")
		}
	}()
	FitPCA(make([]float32, 9), 5, 2, 1)
}

// TestFitPCASubspaceMatchesDense checks the subspace iteration FitPCA uses
// for many features against the whole eigendecomposition.
func TestFitPCASubspaceMatchesDense(t *testing.T) {
	const n, dim, k = 2000, denseEigenMax + 44, 2
	r := testRand()
	x := make([]float32, n*dim)
	for i := range n {
		a, b := 3*r.NormFloat64(), 1.5*r.NormFloat64()
		for j := range dim {
			x[i*dim+j] = float32(a*math.Sin(float64(j)/9) + b*math.Cos(float64(j)/4) + 0.3*r.NormFloat64())
		}
	}
	p, err := FitPCA(x, n, dim, k)
	if err != nil {
		t.Fatal(err)
	}
	vals, vecs, total, err := denseEigen(x, p.Mean, n, dim, k)
	if err != nil {
		t.Fatal(err)
	}
	for c := range k {
		if math.Abs(p.Variance[c]-vals[c]) > 1e-4*vals[0] {
			t.Errorf("variance %d: subspace %v, dense %v", c, p.Variance[c], vals[c])
		}
		if math.Abs(p.Explained[c]-vals[c]/total) > 1e-4 {
			t.Errorf("explained %d: %v, want %v", c, p.Explained[c], vals[c]/total)
		}
		dot := 0.0
		for j := range dim {
			dot += p.Components.At(c, j) * vecs[c][j]
		}
		if math.Abs(math.Abs(dot)-1) > 1e-4 {
			t.Errorf("component %d is %.6f away from the dense one", c, 1-math.Abs(dot))
		}
	}
}
