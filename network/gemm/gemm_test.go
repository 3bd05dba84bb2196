package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// refGemm is a naive float64-accumulated C = alpha*op(A)*op(B) + beta*C.
func refGemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				var av, bv float32
				if transA {
					av = a[p*lda+i]
				} else {
					av = a[i*lda+p]
				}
				if transB {
					bv = b[j*ldb+p]
				} else {
					bv = b[p*ldb+j]
				}
				s += float64(av) * float64(bv)
			}
			v := float64(alpha) * s
			if beta != 0 {
				v += float64(beta) * float64(c[i*ldc+j])
			}
			c[i*ldc+j] = float32(v)
		}
	}
}

// eachKernel runs f as one subtest per micro-kernel of this build and way
// of reading B (packed, or in place where it can be), named after them, with
// that kernel selected. A kernel this CPU cannot run is skipped, saying so.
func eachKernel(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	for _, k := range builtKernels {
		for _, inPlace := range []bool{true, false} {
			name := k.String() + "/b_packed"
			if inPlace {
				name = k.String() + "/b_in_place"
			}
			t.Run(name, func(t *testing.T) {
				if !canRun(k) {
					t.Skipf("CPU lacks %s: %s kernel not tested", k.needs(), k)
				}
				defer useKernel(k)()
				defer func(old bool) { directB = old }(directB)
				directB = inPlace
				f(t)
			})
		}
	}
}

// useKernel selects micro-kernel k and returns a function restoring the
// previous one.
func useKernel(k kernelKind) (restore func()) {
	old := kernel
	kernel = k
	return func() { kernel = old }
}

// TestKernelChoice checks the start-up choice of micro-kernel: one this CPU
// can run, with no faster kernel of builtKernels that it could run instead.
func TestKernelChoice(t *testing.T) {
	t.Logf("micro-kernel chosen at start-up: %s", kernel)
	if !canRun(kernel) {
		t.Fatalf("chosen kernel %s needs %s, which this CPU lacks", kernel, kernel.needs())
	}
	for _, k := range builtKernels {
		if k > kernel && canRun(k) {
			t.Errorf("chose %s although this CPU can run the faster %s", kernel, k)
		}
	}
}

func randSlice(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.Float64()*2 - 1)
	}
	return s
}

type gemmCase struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float32
	pad            int // extra leading-dimension padding
	nanC           bool
}

func (tc gemmCase) String() string {
	return fmt.Sprintf("tA=%v,tB=%v,%dx%dx%d,alpha=%g,beta=%g,pad=%d,nan=%v",
		tc.transA, tc.transB, tc.m, tc.n, tc.k, tc.alpha, tc.beta, tc.pad, tc.nanC)
}

// check runs one case against the reference and reports mismatches.
func check(t *testing.T, r *rand.Rand, tc gemmCase) {
	t.Helper()
	m, n, k := tc.m, tc.n, tc.k
	ar, ac := m, k
	if tc.transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if tc.transB {
		br, bc = n, k
	}
	lda, ldb, ldc := max(1, ac)+tc.pad, max(1, bc)+tc.pad, max(1, n)+tc.pad
	a := randSlice(r, max(0, (ar-1)*lda+ac))
	b := randSlice(r, max(0, (br-1)*ldb+bc))
	c := randSlice(r, max(0, (m-1)*ldc+n))
	if tc.nanC {
		for i := range c {
			c[i] = float32(math.NaN())
		}
	}
	want := append([]float32(nil), c...)
	refGemm(tc.transA, tc.transB, m, n, k, tc.alpha, a, lda, b, ldb, tc.beta, want, ldc)
	Sgemm(tc.transA, tc.transB, m, n, k, tc.alpha, a, lda, b, ldb, tc.beta, c, ldc)
	tol := 1e-5 * float64(k+4) * max(1, math.Abs(float64(tc.alpha)))
	for i := range m {
		for j := range n {
			got, w := c[i*ldc+j], want[i*ldc+j]
			if d := math.Abs(float64(got - w)); !(d <= tol*(1+math.Abs(float64(w)))) {
				t.Fatalf("%v: C[%d][%d] = %v, want %v (tol %g)", tc, i, j, got, w, tol)
			}
		}
		// Padding between rows must be untouched.
		for j := n; j < ldc && i < m-1; j++ {
			if got, w := c[i*ldc+j], want[i*ldc+j]; got != w && !(got != got && w != w) {
				t.Fatalf("%v: padding C[%d][%d] changed: %v, want %v", tc, i, j, got, w)
			}
		}
	}
}

func TestSgemmShapes(t *testing.T) {
	dims := []int{1, 2, 7, 8, 15, 16, 17, 33, 64, 129, 200}
	if testing.Short() || raceEnabled {
		dims = []int{1, 2, 7, 16, 17, 33}
	}
	eachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		i := 0
		for _, m := range dims {
			for _, n := range dims {
				for _, k := range dims {
					i++
					tc := gemmCase{
						transA: i%2 == 1, transB: i/2%2 == 1,
						m: m, n: n, k: k,
						alpha: []float32{1, 0.5, -2}[i%3],
						beta:  []float32{0, 1, 0.3}[i/3%3],
						pad:   []int{0, 3}[i/5%2],
					}
					check(t, r, tc)
				}
			}
		}
	})
}

func TestSgemmCombinations(t *testing.T) {
	shapes := [][3]int{{17, 33, 15}, {6, 16, 384}, {13, 40, 800}, {64, 129, 7}}
	if !testing.Short() && !raceEnabled {
		shapes = append(shapes, [3]int{128, 64, 784}, [3]int{128, 784, 64}, [3]int{784, 64, 128})
	}
	eachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		for _, s := range shapes {
			for _, tA := range []bool{false, true} {
				for _, tB := range []bool{false, true} {
					for _, alpha := range []float32{1, 0.5, -2} {
						for _, beta := range []float32{0, 1, 0.3} {
							for _, pad := range []int{0, 5} {
								check(t, r, gemmCase{tA, tB, s[0], s[1], s[2], alpha, beta, pad, false})
							}
						}
					}
				}
			}
		}
	})
}

// TestSgemmNetworkShapes covers the autoencoder's real calls.
func TestSgemmNetworkShapes(t *testing.T) {
	if raceEnabled {
		t.Skip("large shapes are slow under -race")
	}
	cases := []gemmCase{
		{m: 128, n: 64, k: 784, alpha: 1},                        // encoder forward
		{m: 128, n: 784, k: 64, alpha: 1},                        // decoder forward
		{transA: true, m: 784, n: 64, k: 128, alpha: 1},          // weight grad
		{transB: true, m: 128, n: 64, k: 784, alpha: 1},          // input grad
		{transA: true, m: 784, n: 64, k: 128, alpha: 1, beta: 1}, // accumulate
		{m: 200, n: 129, k: 1000, alpha: -2, beta: 0.3, pad: 7},
	}
	eachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(5, 6))
		for _, procs := range []int{1, 2, 3} {
			old := runtime.GOMAXPROCS(procs)
			for _, tc := range cases {
				check(t, r, tc)
			}
			runtime.GOMAXPROCS(old)
		}
	})
}

func TestSgemmBetaZeroIgnoresNaN(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	eachKernel(t, func(t *testing.T) {
		for _, s := range [][3]int{{1, 1, 1}, {7, 17, 33}, {64, 64, 64}, {13, 100, 500}} {
			for _, tA := range []bool{false, true} {
				check(t, r, gemmCase{tA, !tA, s[0], s[1], s[2], 0.5, 0, 2, true})
			}
		}
	})
	// k == 0 and alpha == 0 with beta == 0 must also clear NaNs.
	for _, k := range []int{0, 5} {
		c := []float32{float32(math.NaN()), float32(math.NaN())}
		a := make([]float32, max(1, 2*k))
		Sgemm(false, false, 2, 1, k, 0, a, max(1, k), make([]float32, max(1, k)), 1, 0, c, 1)
		if c[0] != 0 || c[1] != 0 {
			t.Errorf("k=%d alpha=0 beta=0: C = %v, want zeros", k, c)
		}
	}
}

func TestSgemmDegenerate(t *testing.T) {
	c := []float32{1, 2, 3, 4}
	Sgemm(false, false, 2, 2, 0, 1, nil, 1, nil, 2, 0.5, c, 2)
	if want := []float32{0.5, 1, 1.5, 2}; fmt.Sprint(c) != fmt.Sprint(want) {
		t.Errorf("k=0: C = %v, want %v", c, want)
	}
	Sgemm(false, false, 0, 2, 3, 1, nil, 3, make([]float32, 6), 2, 0, nil, 2) // m == 0
	Sgemm(false, false, 2, 0, 3, 1, make([]float32, 6), 3, nil, 1, 0, nil, 1) // n == 0
}

func TestSgemmPanics(t *testing.T) {
	s := make([]float32, 16)
	tests := []struct {
		name string
		f    func()
	}{
		{"negative m", func() { Sgemm(false, false, -1, 2, 2, 1, s, 2, s, 2, 0, s, 2) }},
		{"negative k", func() { Sgemm(false, false, 2, 2, -1, 1, s, 2, s, 2, 0, s, 2) }},
		{"short a", func() { Sgemm(false, false, 4, 2, 5, 1, s, 5, s, 2, 0, s, 2) }},
		{"short b", func() { Sgemm(false, true, 2, 4, 5, 1, s, 5, s, 5, 0, s, 4) }},
		{"short c", func() { Sgemm(false, false, 2, 2, 2, 1, s, 2, s, 2, 0, s[:3], 2) }},
		{"small lda", func() { Sgemm(false, false, 2, 2, 3, 1, s, 2, s, 2, 0, s, 2) }},
		{"small lda trans", func() { Sgemm(true, false, 3, 2, 2, 1, s, 2, s, 2, 0, s, 2) }},
		{"small ldc", func() { Sgemm(false, false, 2, 3, 2, 1, s, 2, s, 3, 0, s, 2) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if msg, ok := r.(string); !ok || !strings.HasPrefix(msg, "gemm: ") {
					t.Errorf("recovered %v, want a string starting with \"gemm: \"", r)
				}
			}()
			tt.f()
		})
	}
}

// TestSgemmConcurrent runs Sgemm from several goroutines at once, which
// exercises the job pool and nested use of the worker pool.
func TestSgemmConcurrent(t *testing.T) {
	const m, n, k = 48, 40, 70
	r := rand.New(rand.NewPCG(9, 10))
	a, b := randSlice(r, m*k), randSlice(r, k*n)
	want := make([]float32, m*n)
	refGemm(false, false, m, n, k, 1, a, k, b, n, 0, want, n)
	done := make(chan error)
	for g := range 4 {
		go func() {
			c := make([]float32, m*n)
			for range 20 {
				Sgemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n)
				for i := range c {
					if math.Abs(float64(c[i]-want[i])) > 1e-3 {
						done <- fmt.Errorf("goroutine %d: C[%d] = %v, want %v", g, i, c[i], want[i])
						return
					}
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestSgemmNoAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	const m, n, k = 128, 64, 784
	r := rand.New(rand.NewPCG(11, 12))
	a, b, c := randSlice(r, m*k), randSlice(r, k*n), make([]float32, m*n)
	for _, procs := range []int{1, 2} {
		old := runtime.GOMAXPROCS(procs)
		Sgemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n)
		allocs := testing.AllocsPerRun(20, func() {
			Sgemm(false, false, m, n, k, 1, a, k, b, n, 0, c, n)
		})
		runtime.GOMAXPROCS(old)
		if allocs > 0.2 {
			t.Errorf("GOMAXPROCS=%d: %v allocs per Sgemm, want 0", procs, allocs)
		}
	}
}

// TestSgemmLargePaths covers the paths taken when the whole-matrix pack
// buffers would exceed maxPackFloats: transposed A read in place (with and
// without a packed edge panel) and op(B) split into column slabs.
func TestSgemmLargePaths(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("large shapes")
	}
	cases := []gemmCase{
		{transA: true, m: 4104, n: 17, k: 1024, alpha: 1, beta: 0.3}, // m%6 == 0
		{transA: true, m: 4103, n: 16, k: 1024, alpha: -2},           // edge panel
		{transB: true, m: 7, n: 4200, k: 1024, alpha: 0.5, beta: 1},  // slabs
	}
	for _, tc := range cases {
		if tc.transA && tc.m*tc.k <= maxPackFloats || !tc.transA && tc.k*tc.n <= maxPackFloats {
			t.Fatalf("%v does not exceed maxPackFloats", tc)
		}
	}
	eachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(13, 14))
		for _, tc := range cases {
			check(t, r, tc)
		}
	})
}

// TestMicroKernel checks each micro-kernel directly against a float64
// reference for every kc from 0 to 33, the three A layouts Sgemm passes it
// (rows read in place, transposed A read in place, packed panels), operands
// that start 0 to 3 values into their buffers, and alpha, beta pairs that
// include beta = 0 and beta = −0 over a C of NaNs, which must not be read.
// Values of C around the tile must not change.
func TestMicroKernel(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	eachKernel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(15, 16))
		for kc := range 34 {
			for _, l := range []struct {
				name   string
				rs, cs int
			}{
				{"rows", kc + 3, 1},
				{"transposed", 1, mr + 5},
				{"packed", 1, mr},
			} {
				for i, ab := range []struct {
					alpha, beta float32
					nanC        bool
				}{
					{1, 0, true}, {0.5, negZero, true}, {-2, 1, false}, {1, 0.3, false},
				} {
					off := (kc + i) % 4
					what := fmt.Sprintf("kc=%d %s alpha=%g beta=%g off=%d", kc, l.name, ab.alpha, ab.beta, off)
					a := randSlice(r, off+(mr-1)*l.rs+max(kc, 1)*l.cs)[off:]
					b := randSlice(r, off+max(kc, 1)*nr)[off:]
					const ldc = nr + 3
					cbuf := randSlice(r, off+(mr-1)*ldc+nr+ldc)
					if ab.nanC {
						for j := range cbuf {
							cbuf[j] = float32(math.NaN())
						}
					}
					old := append([]float32(nil), cbuf...)
					microKernel(kc, a, l.rs, l.cs, b, nr, cbuf[off:], ldc, ab.alpha, ab.beta)
					for j, v := range cbuf {
						row, col := (j-off)/ldc, (j-off)%ldc
						if j < off || row >= mr || col >= nr {
							if math.Float32bits(v) != math.Float32bits(old[j]) {
								t.Fatalf("%s: C buffer[%d] outside the tile changed: %v, was %v", what, j, v, old[j])
							}
							continue
						}
						var s float64
						for p := range kc {
							s += float64(a[row*l.rs+p*l.cs]) * float64(b[p*nr+col])
						}
						w := float64(ab.alpha) * s
						if ab.beta != 0 {
							w += float64(ab.beta) * float64(old[j])
						}
						tol := 1e-5 * float64(kc+4) * max(1, math.Abs(float64(ab.alpha)))
						if d := math.Abs(float64(v) - w); !(d <= tol*(1+math.Abs(w))) {
							t.Fatalf("%s: C[%d][%d] = %v, want %v", what, row, col, v, w)
						}
					}
				}
			}
		}
	})
}

func TestReadsBInPlace(t *testing.T) {
	for _, tc := range []struct {
		transB bool
		n, ldb int
		want   bool
	}{
		{false, 64, 64, true},    // vanilla's encoder
		{false, 128, 128, true},  // multilayer's first layer
		{false, 784, 784, true},  // a decoder's output layer
		{false, 64, 80, true},    // padded rows
		{true, 64, 64, false},    // transposed: packed by transposes
		{false, 20, 20, false},   // a partial panel
		{false, 512, 512, false}, // rows 2 KiB apart: L1 set conflicts
		{false, 256, 1280, false},
		{false, 1040, 1040, false}, // rows over a page apart
	} {
		if got := readsBInPlace(tc.transB, tc.n, tc.ldb); got != tc.want {
			t.Errorf("readsBInPlace(%v, %d, %d) = %v, want %v", tc.transB, tc.n, tc.ldb, got, tc.want)
		}
	}
}

func TestUseKernel(t *testing.T) {
	names := Kernels()
	if len(names) == 0 || names[0] != "go" || names[len(names)-1] != kernel.String() {
		t.Fatalf("Kernels() = %v: want go first and the start-up kernel %s last", names, kernel)
	}
	for _, name := range names {
		restore, err := UseKernel(name)
		if err != nil {
			t.Fatalf("UseKernel(%q): %v", name, err)
		}
		if kernel.String() != name {
			t.Errorf("UseKernel(%q) selected %s", name, kernel)
		}
		restore()
	}
	before := kernel
	if _, err := UseKernel("sse9"); err == nil || !strings.Contains(err.Error(), `"sse9"`) || kernel != before {
		t.Errorf("UseKernel(sse9): err %v, kernel %s (was %s)", err, kernel, before)
	}
}
