package gemm

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Blocking parameters; see the package documentation.
const (
	mr = 6  // micro-tile rows (A broadcasts)
	nr = 16 // micro-tile columns (two 8-lane ymm vectors or one zmm)

	kcMax         = 384       // maximum k block: a 6×kc A panel stays in L1
	l2BlockFloats = 48 << 10  // packed B floats swept per L2 block (192 KiB)
	maxPackFloats = 4 << 20   // cap on the whole-matrix pack buffers (16 MiB)
	minParFlops   = 256 << 10 // below this many flops Sgemm runs serially

	// Shapes where packing B costs more than it saves go to gonum's
	// unpacked Sgemm: at most tinyFlops flops, or at most skinnyRows rows
	// of C with at least nr columns (measured crossovers).
	tinyFlops  = 1024
	skinnyRows = 2
)

// A-panel source modes of a job.
const (
	aDirect = iota // kernel reads A in place (full panels); no packing
	aEdge          // only the last, partial row panel is packed
	aAll           // every row panel is packed (transposed A)
)

// Sgemm computes C = alpha*op(A)*op(B) + beta*C for row-major matrices.
// op(A) is m×k, op(B) is k×n and C is m×n. When transA is true A is stored
// k×m (lda ≥ m), otherwise m×k (lda ≥ k); likewise B. When beta is zero C
// is overwritten and its old contents (even NaNs) are ignored. k == 0 or
// alpha == 0 gives C = beta*C; m == 0 or n == 0 is a no-op. Sgemm panics
// with a message starting "gemm: " when a dimension is negative, a leading
// dimension is too small or a slice is too short for its shape.
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(fmt.Sprintf("gemm: negative dimension m=%d n=%d k=%d", m, n, k))
	}
	ar, ac := m, k
	if transA {
		ar, ac = k, m
	}
	br, bc := k, n
	if transB {
		br, bc = n, k
	}
	checkMatrix("a", a, ar, ac, lda)
	checkMatrix("b", b, br, bc, ldb)
	checkMatrix("c", c, m, n, ldc)
	if m == 0 || n == 0 {
		return
	}
	if k == 0 || alpha == 0 {
		scaleC(m, n, beta, c, ldc)
		return
	}
	if 2*m*n*k <= tinyFlops || m <= skinnyRows && n >= nr {
		smallGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	// Keep the packed copy of op(B) bounded by splitting very wide problems
	// into column slabs.
	slab := max(nr, maxPackFloats/k/nr*nr)
	for j0 := 0; j0 < n; j0 += slab {
		nn := min(slab, n-j0)
		bOff := j0
		if transB {
			bOff = j0 * ldb
		}
		run(transA, transB, m, nn, k, alpha, a, lda, b[bOff:], ldb, beta, c[j0:], ldc)
	}
}

// checkMatrix panics unless x can hold a rows×cols matrix with leading
// dimension ld.
func checkMatrix(name string, x []float32, rows, cols, ld int) {
	if ld < max(1, cols) {
		panic(fmt.Sprintf("gemm: ld%s=%d < max(1, %d)", name, ld, cols))
	}
	if rows > 0 && cols > 0 && len(x) < (rows-1)*ld+cols {
		panic(fmt.Sprintf("gemm: len(%s)=%d too short for %d×%d with ld%s=%d", name, len(x), rows, cols, name, ld))
	}
}

// smallGemm is the fast path for tiny and few-row products: gonum's
// unpacked blas32.Gemm (which also overwrites C when beta == 0).
func smallGemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	ta, tb := blas.NoTrans, blas.NoTrans
	ar, ac, br, bc := m, k, k, n
	if transA {
		ta, ar, ac = blas.Trans, k, m
	}
	if transB {
		tb, br, bc = blas.Trans, n, k
	}
	blas32.Gemm(ta, tb, alpha,
		blas32.General{Rows: ar, Cols: ac, Stride: lda, Data: a},
		blas32.General{Rows: br, Cols: bc, Stride: ldb, Data: b},
		beta, blas32.General{Rows: m, Cols: n, Stride: ldc, Data: c})
}

// scaleC sets C = beta*C, writing zeros when beta == 0.
func scaleC(m, n int, beta float32, c []float32, ldc int) {
	for i := range m {
		cr := c[i*ldc : i*ldc+n]
		switch beta {
		case 0:
			clear(cr)
		case 1:
		default:
			for j := range cr {
				cr[j] *= beta
			}
		}
	}
}

// packAPanels is the fewest column panels for which a transposed A is
// packed: with fewer, each A panel is used too few times to repay its
// copy, and the kernel reads A in place, one strided row of six per k step.
const packAPanels = 16

// directB reports whether B is read in place rather than packed when it
// can be (see readsBInPlace). Tests and benchmarks switch it off.
var directB = true

// maxDirectLdb is the widest row of B, in floats, read in place: every k
// step of a panel touches one more line, and rows further apart than a
// page would touch one more page too.
const maxDirectLdb = 1024

// conflictLdb: rows of B a multiple of this many floats (1 KiB) apart
// fall into a quarter or less of L1's sets, where a panel's rows evict one
// another and the A panel; such a B is packed.
const conflictLdb = 256

// readsBInPlace reports whether the kernel reads op(B) (k×n) in place: B
// is not transposed, n is a whole number of panels and its rows are at
// most maxDirectLdb floats apart, but not a multiple of conflictLdb. Then
// each k step of a panel is 16 contiguous floats, one cache line when B is
// aligned, which the kernel streams like a packed panel, and the copy (for
// a dense layer's forward pass, its whole weight matrix at every call) is
// saved. Measured on a 2-core Zen 4 (AVX-512): multilayer's forward
// products ran 19–27 % faster, 512³ 10 % slower (ldb 512, now packed).
func readsBInPlace(transB bool, n, ldb int) bool {
	return directB && !transB && n%nr == 0 && ldb <= maxDirectLdb && ldb%conflictLdb != 0
}

// job holds one Sgemm call (or one column slab of it) while it is split
// into tasks: first pack tasks (B panels, then A panels), then compute
// tasks over a tm×tn grid of row-panel × column-panel ranges. Tasks are
// claimed in order with an atomic counter, so a compute task only ever waits
// for pack tasks that are already running.
type job struct {
	transA, transB bool
	m, n, k        int
	alpha, beta    float32
	a, b, c        []float32
	lda, ldb, ldc  int

	kc, nb int // k block and column panels per L2 block
	mp, np int // row and column panel counts
	aMode  int
	bIn    bool // B is read in place (readsBInPlace), not packed

	ap, bp []float32 // packed A and B

	nPackB, bPer int // B pack tasks and panels per task
	nPackA, aPer int // A pack tasks and panels per task
	tm, tn       int // compute-task grid: row ranges × column ranges
	nPack        int64
	nTasks       int64
	next, packed atomic.Int64

	runFn func(lo, hi int) // j.work, bound once so Parallel does not allocate
}

// jobCache recycles jobs and their pack buffers. A few are kept in a
// buffered channel, which (unlike a sync.Pool) survives garbage collections,
// so steady-state calls never reallocate pack buffers; overflow goes to a
// sync.Pool.
var jobCache = struct {
	keep     chan *job
	overflow sync.Pool
}{keep: make(chan *job, 4)}

// getJob returns a recycled or new job.
func getJob() *job {
	select {
	case j := <-jobCache.keep:
		return j
	default:
	}
	if j, ok := jobCache.overflow.Get().(*job); ok {
		return j
	}
	j := new(job)
	j.runFn = j.work
	return j
}

// putJob recycles j.
func putJob(j *job) {
	j.a, j.b, j.c = nil, nil, nil
	select {
	case jobCache.keep <- j:
	default:
		jobCache.overflow.Put(j)
	}
}

// grow returns buf resized to n elements, reallocating only when needed.
func grow(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n, n+n/4)
	}
	return buf[:n]
}

// run computes one column slab with a job, in parallel when worthwhile.
func run(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	j := getJob()
	j.transA, j.transB = transA, transB
	j.m, j.n, j.k = m, n, k
	j.alpha, j.beta = alpha, beta
	j.a, j.b, j.c = a, b, c
	j.lda, j.ldb, j.ldc = lda, ldb, ldc

	j.mp, j.np = (m+mr-1)/mr, (n+nr-1)/nr
	nkb := (k + kcMax - 1) / kcMax
	j.kc = (k + nkb - 1) / nkb
	j.nb = max(1, l2BlockFloats/(j.kc*nr))

	procs := 1
	if p := runtime.GOMAXPROCS(0); p > 1 && 2*m*n*k >= minParFlops {
		procs = p
	}

	switch {
	case transA && j.mp*mr*k <= maxPackFloats && j.np > packAPanels:
		j.aMode = aAll
		j.ap = grow(j.ap, j.mp*mr*k)
		j.nPackA = min(j.mp, procs)
	case m%mr != 0:
		j.aMode = aEdge
		j.ap = grow(j.ap, mr*k)
		j.nPackA = 1
	default:
		j.aMode = aDirect
		j.nPackA = 0
	}
	j.aPer = 1
	if j.nPackA > 0 {
		j.aPer = (j.mp + j.nPackA - 1) / j.nPackA
		if j.aMode == aAll {
			j.nPackA = (j.mp + j.aPer - 1) / j.aPer
		}
	}
	j.bIn = readsBInPlace(transB, n, ldb)
	j.nPackB, j.bPer = 0, 1
	if !j.bIn {
		j.bp = grow(j.bp, j.np*nr*k)
		j.nPackB = min(j.np, procs)
		j.bPer = (j.np + j.nPackB - 1) / j.nPackB
		j.nPackB = (j.np + j.bPer - 1) / j.bPer
	}

	// Compute tasks: about two per worker so a late worker is absorbed,
	// with panel ranges as even as possible.
	j.tm, j.tn = 1, 1
	if procs > 1 {
		target := 2 * procs
		j.tm = min(j.mp, target)
		j.tn = min(j.np, (target+j.tm-1)/j.tm)
	}

	j.nPack = int64(j.nPackB + j.nPackA)
	j.nTasks = j.nPack + int64(j.tm*j.tn)
	j.next.Store(0)
	j.packed.Store(0)

	if procs > 1 {
		Parallel(procs, 1, j.runFn)
	} else {
		j.work(0, 1)
	}
	putJob(j)
}

// work claims and runs tasks until none are left. Its arguments are ignored:
// it has the signature Parallel expects.
func (j *job) work(_, _ int) {
	for {
		t := j.next.Add(1) - 1
		switch {
		case t >= j.nTasks:
			return
		case t < int64(j.nPackB):
			q0 := int(t) * j.bPer
			packB(j.bp, j.transB, j.b, j.ldb, j.n, j.k, q0, min(q0+j.bPer, j.np))
			j.packed.Add(1)
		case t < j.nPack:
			i := int(t) - j.nPackB
			if j.aMode == aEdge {
				packA(j.ap, j.transA, j.a, j.lda, j.m, j.k, j.mp-1, j.mp)
			} else {
				i0 := i * j.aPer
				packA(j.ap[i0*mr*j.k:], j.transA, j.a, j.lda, j.m, j.k, i0, min(i0+j.aPer, j.mp))
			}
			j.packed.Add(1)
		default:
			for j.packed.Load() < j.nPack {
				runtime.Gosched()
			}
			ct := int(t - j.nPack)
			ti, tj := ct/j.tn, ct%j.tn
			j.compute(ti*j.mp/j.tm, (ti+1)*j.mp/j.tm, tj*j.np/j.tn, (tj+1)*j.np/j.tn)
		}
	}
}

// compute updates the C block covering row panels [i0,i1) and column panels
// [q0,q1). Loop order: L2 column block, k block, row panel (A panel in L1),
// column panel (B panel streamed from L2).
func (j *job) compute(i0, i1, q0, q1 int) {
	k, m, n, ldc := j.k, j.m, j.n, j.ldc
	for qb := q0; qb < q1; qb += j.nb {
		qe := min(qb+j.nb, q1)
		for p0 := 0; p0 < k; p0 += j.kc {
			kc := min(j.kc, k-p0)
			beta := j.beta
			if p0 > 0 {
				beta = 1
			}
			for i := i0; i < i1; i++ {
				row := i * mr
				rows := min(mr, m-row)
				var a []float32
				var rs, cs int
				switch {
				case j.aMode == aAll:
					a, rs, cs = j.ap[i*mr*k+p0*mr:], 1, mr
				case rows < mr:
					a, rs, cs = j.ap[p0*mr:], 1, mr
				case j.transA:
					a, rs, cs = j.a[p0*j.lda+row:], 1, j.lda
				default:
					a, rs, cs = j.a[row*j.lda+p0:], j.lda, 1
				}
				for q := qb; q < qe; q++ {
					col := q * nr
					var b []float32
					rsB := nr
					if j.bIn {
						b, rsB = j.b[p0*j.ldb+col:], j.ldb
					} else {
						b = j.bp[q*nr*k+p0*nr:]
					}
					cols := min(nr, n-col)
					if rows == mr && cols == nr {
						microKernel(kc, a, rs, cs, b, rsB, j.c[row*ldc+col:], ldc, j.alpha, beta)
						continue
					}
					var tile [mr * nr]float32
					microKernel(kc, a, rs, cs, b, rsB, tile[:], nr, j.alpha, 0)
					for r := range rows {
						cr := j.c[(row+r)*ldc+col:][:cols]
						tr := tile[r*nr:][:cols]
						if beta == 0 {
							copy(cr, tr)
						} else {
							for x, v := range tr {
								cr[x] = beta*cr[x] + v
							}
						}
					}
				}
			}
		}
	}
}
