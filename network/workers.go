package network

import (
	"runtime"

	"autoencoder-studio/network/gemm"
)

// workers returns the number of workers a batch of n samples is split into:
// GOMAXPROCS, but no more than n.
func workers(n int) int { return max(1, min(runtime.GOMAXPROCS(0), n)) }

// workerRange returns the samples [lo, hi) of worker w of p for n samples.
// The split depends only on n and p, which makes per-worker partial sums,
// reduced in worker order, reproducible.
func workerRange(n, p, w int) (lo, hi int) { return w * n / p, (w + 1) * n / p }

// runWorkers calls fn(w, w+1) for every worker w in [0, p) on the gemm pool.
// fn should be a method value bound once, so that no call allocates.
func runWorkers(p int, fn func(lo, hi int)) { gemm.Parallel(p, 1, fn) }

// reduceParts writes into dst the sum of the first p partial results, added
// in worker order so that the sum is reproducible.
func reduceParts(dst []float32, parts [][]float32, p int) {
	copy(dst, parts[0])
	for _, part := range parts[1:p] {
		for i, v := range part[:len(dst)] {
			dst[i] += v
		}
	}
}

// growParts makes parts hold p slices of n values each, reusing storage.
func growParts(parts [][]float32, p, n int) [][]float32 {
	for len(parts) < p {
		parts = append(parts, nil)
	}
	for i := range p {
		parts[i] = grow(parts[i], n)
	}
	return parts
}
