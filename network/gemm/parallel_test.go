package gemm

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// coverage runs Parallel(n, grain) and checks every index is visited once.
func coverage(t *testing.T, n, grain int) {
	t.Helper()
	counts := make([]atomic.Int32, max(n, 0))
	var calls atomic.Int32
	Parallel(n, grain, func(lo, hi int) {
		calls.Add(1)
		if lo < 0 || hi > n || lo >= hi {
			t.Errorf("n=%d grain=%d: bad chunk [%d,%d)", n, grain, lo, hi)
			return
		}
		if hi-lo < grain && hi != n {
			t.Errorf("n=%d grain=%d: chunk [%d,%d) smaller than grain", n, grain, lo, hi)
		}
		for i := lo; i < hi; i++ {
			counts[i].Add(1)
		}
	})
	for i := range counts {
		if c := counts[i].Load(); c != 1 {
			t.Fatalf("n=%d grain=%d: index %d visited %d times", n, grain, i, c)
		}
	}
	if n <= 0 && calls.Load() != 0 {
		t.Errorf("n=%d: fn called %d times, want 0", n, calls.Load())
	}
}

func TestParallelCoverage(t *testing.T) {
	for _, procs := range []int{1, 2, 4} {
		old := runtime.GOMAXPROCS(procs)
		for _, n := range []int{-1, 0, 1, 2, 3, 7, 64, 1000, 1001} {
			for _, grain := range []int{0, 1, 3, 64, 5000} {
				coverage(t, n, grain)
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

func TestParallelInline(t *testing.T) {
	var calls int
	Parallel(10, 10, func(lo, hi int) {
		calls++
		if lo != 0 || hi != 10 {
			t.Errorf("got [%d,%d), want [0,10)", lo, hi)
		}
	})
	old := runtime.GOMAXPROCS(1)
	Parallel(100, 1, func(lo, hi int) {
		calls++
		if lo != 0 || hi != 100 {
			t.Errorf("GOMAXPROCS=1: got [%d,%d), want [0,100)", lo, hi)
		}
	})
	runtime.GOMAXPROCS(old)
	if calls != 2 {
		t.Errorf("fn called %d times, want 2", calls)
	}
}

func TestParallelNested(t *testing.T) {
	old := runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0)))
	defer runtime.GOMAXPROCS(old)
	const outer, inner = 16, 100
	var counts [outer * inner]atomic.Int32
	Parallel(outer, 1, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			Parallel(inner, 1, func(l, h int) {
				for j := l; j < h; j++ {
					counts[i*inner+j].Add(1)
				}
			})
		}
	})
	for i := range counts {
		if c := counts[i].Load(); c != 1 {
			t.Fatalf("index %d visited %d times", i, c)
		}
	}
}

func TestParallelConcurrentCallers(t *testing.T) {
	old := runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0)))
	defer runtime.GOMAXPROCS(old)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for n := range 200 {
				coverage(t, n, 3)
			}
		})
	}
	wg.Wait()
}
