package gemm

import (
	"runtime"
	"slices"
	"sync"
	"time"
)

// fmaLoop is an assembly loop of independent fused multiply-adds: each
// iteration does flops floating-point operations and nothing else.
type fmaLoop struct {
	isa   string
	flops int
	run   func(n int)
}

// Peak is the measured floating-point throughput of one instruction set on
// this machine.
type Peak struct {
	ISA string // "AVX2", "AVX-512"
	// Core is the GFLOP/s of one core, Cores that of Threads cores at once.
	Core, Cores float64
	Threads     int
}

// MeasurePeaks times a loop of independent FMAs for each instruction set
// this CPU and build can run, on one core and on threads cores at once
// (threads < 1 means GOMAXPROCS), each for about d, and returns the best of
// five rounds: the real peak a kernel can be held against, clock and all.
// It returns nil where no assembly is built (purego, or not amd64).
func MeasurePeaks(d time.Duration, threads int) []Peak {
	if threads < 1 {
		threads = runtime.GOMAXPROCS(0)
	}
	var out []Peak
	for _, l := range fmaLoops() {
		out = append(out, Peak{ISA: l.isa, Threads: threads,
			Core: l.gflops(d, 1), Cores: l.gflops(d, threads)})
	}
	return out
}

// gflops returns the best rate of five rounds of the loop on threads
// goroutines at once, each locked to its own OS thread.
func (l fmaLoop) gflops(d time.Duration, threads int) float64 {
	n := l.calibrate(d / 5)
	var rates []float64
	for range 5 {
		var wg sync.WaitGroup
		start := time.Now()
		for range threads {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				l.run(n)
			}()
		}
		wg.Wait()
		el := time.Since(start).Seconds()
		rates = append(rates, float64(threads)*float64(n)*float64(l.flops)/el/1e9)
	}
	return slices.Max(rates)
}

// calibrate returns an iteration count that takes about d on one core.
func (l fmaLoop) calibrate(d time.Duration) int {
	n := 1 << 16
	for {
		start := time.Now()
		l.run(n)
		if el := time.Since(start); el >= d/4 || n >= 1<<30 {
			return max(int(float64(n)*d.Seconds()/max(el.Seconds(), 1e-9)), 1)
		}
		n *= 4
	}
}
