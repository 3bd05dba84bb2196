package directconv

import "fmt"

// Block is the number of output pixels Forward's assembly computes at a
// time. A caller that rounds n up to a multiple of Block (with the buffers
// to match) keeps every pixel in assembly; otherwise the last n mod Block
// pixels run in Go.
const Block = 12

// kernelKind is a set of kernels.
type kernelKind int

// The kernel sets, slowest first.
const (
	kindGo     kernelKind = iota // the pure-Go reference
	kindAVX2                     // AVX2 and FMA
	kindAVX512                   // AVX-512F and VL
)

// String returns the kernel set's name.
func (k kernelKind) String() string { return [...]string{"go", "avx2", "avx512"}[k] }

// KernelSets returns the names of the kernel sets this CPU and build run,
// slowest first: "go" (the reference), then "avx2" and "avx512" where
// available.
func KernelSets() []string {
	var names []string
	for k := kindGo; k <= kindAVX512; k++ {
		if canRun(k) {
			names = append(names, k.String())
		}
	}
	return names
}

// KernelSet returns the name of the kernel set Forward and KernelGrad run.
func KernelSet() string { return kind.String() }

// UseKernels makes Forward, KernelGrad and Fast use the kernel set name,
// one of KernelSets, and returns a function that restores the previous
// set. It panics for a set this CPU or build cannot run. It is meant for
// tests and benchmarks, and must not run while another goroutine
// convolves.
func UseKernels(name string) (restore func()) {
	for k := kindGo; k <= kindAVX512; k++ {
		if k.String() == name && canRun(k) {
			old := kind
			kind = k
			return func() { kind = old }
		}
	}
	panic(fmt.Sprintf("directconv: kernel set %q does not run here (have %v)", name, KernelSets()))
}

// Fast reports whether a k×k convolution of c input channels to f output
// channels runs Forward and KernelGrad in assembly on this CPU: 3×3
// kernels with a multiple of 8 output channels, or one output channel from
// 16 or 32 inputs.
func Fast(k, c, f int) bool {
	if kind == kindGo || k != 3 || c < 1 || f < 1 {
		return false
	}
	if f == 1 {
		return c == 16 || c == 32
	}
	if f%8 != 0 {
		return false
	}
	return true
}

// InLen returns the values a padded input must hold for n output pixels of
// a k×k window over rows of wp pixels of c channels.
func InLen(n, wp, k, c int) int {
	if n == 0 {
		return 0
	}
	return (n-1)*c + (k-1)*wp*c + k*c
}

// checkShapes panics unless the slices hold what n pixels need.
func checkShapes(op string, xp, w, z []float32, n, wp, k, c, f int) {
	switch {
	case n < 0 || k < 1 || c < 1 || f < 1 || wp < k:
		panic(fmt.Sprintf("directconv: %s: bad shape n=%d wp=%d k=%d c=%d f=%d", op, n, wp, k, c, f))
	case len(w) != k*k*c*f:
		panic(fmt.Sprintf("directconv: %s: kernel has %d values, want %d", op, len(w), k*k*c*f))
	case len(xp) < InLen(n, wp, k, c):
		panic(fmt.Sprintf("directconv: %s: padded input has %d values, want %d", op, len(xp), InLen(n, wp, k, c)))
	case len(z) < n*f:
		panic(fmt.Sprintf("directconv: %s: output has %d values, want %d", op, len(z), n*f))
	}
}

// Forward sets z[p·f+o], for each of the n output pixels p and f channels
// o, to the sum over the pixel's k×k window of xp[p·c + ky·wp·c + kx·c + ch]
// · w[((ky·k+kx)·c+ch)·f+o]. It panics if a slice is too short for the
// shape (see InLen) or w does not hold k·k·c·f values.
func Forward(z, xp, w []float32, n, wp, k, c, f int) {
	checkShapes("Forward", xp, w, z, n, wp, k, c, f)
	if n == 0 {
		return
	}
	done := 0
	if Fast(k, c, f) {
		done = forwardAsm(z, xp, w, n, wp, k, c, f)
	}
	if done < n {
		forwardGo(z[done*f:], xp[done*c:], w, n-done, wp, k, c, f)
	}
}

// KernelGrad adds to dw[((ky·k+kx)·c+ch)·f+o] the sum over the n output
// pixels p of xp[p·c + ky·wp·c + kx·c + ch] · dz[p·f+o]. It panics as
// Forward does.
func KernelGrad(dw, xp, dz []float32, n, wp, k, c, f int) {
	checkShapes("KernelGrad", xp, dw, dz, n, wp, k, c, f)
	if n == 0 {
		return
	}
	if Fast(k, c, f) {
		kernelGradAsm(dw, xp, dz, n, wp, k, c, f)
		return
	}
	kernelGradGo(dw, xp, dz, n, wp, k, c, f)
}

// forwardGo is Forward's reference.
func forwardGo(z, xp, w []float32, n, wp, k, c, f int) {
	kc := k * c
	for p := range n {
		out := z[p*f : (p+1)*f]
		clear(out)
		for ky := range k {
			row := xp[p*c+ky*wp*c : p*c+ky*wp*c+kc]
			wrow := w[ky*kc*f : (ky+1)*kc*f]
			for j, v := range row {
				for o, wv := range wrow[j*f : (j+1)*f] {
					out[o] += v * wv
				}
			}
		}
	}
}

// kernelGradGo is KernelGrad's reference.
func kernelGradGo(dw, xp, dz []float32, n, wp, k, c, f int) {
	kc := k * c
	for p := range n {
		g := dz[p*f : (p+1)*f]
		for ky := range k {
			row := xp[p*c+ky*wp*c : p*c+ky*wp*c+kc]
			drow := dw[ky*kc*f : (ky+1)*kc*f]
			for j, v := range row {
				for o, gv := range g {
					drow[j*f+o] += v * gv
				}
			}
		}
	}
}
