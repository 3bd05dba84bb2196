//go:build race

package gemm

// raceEnabled reports whether the race detector is on; tests shrink then.
const raceEnabled = true
