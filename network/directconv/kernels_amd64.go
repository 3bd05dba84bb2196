//go:build amd64 && !purego

package directconv

import "golang.org/x/sys/cpu"

// useAsm reports whether the AVX-512 kernels run: AVX-512F for the zmm
// kernels and VL for the ymm ones and for Y16..Y31 (x/sys/cpu includes the
// OS saving the zmm state). Tests switch it off to run the reference.
var useAsm = hasAsm

// hasAsm reports whether this CPU can run the kernels at all.
var hasAsm = cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL

// The kernels of kernels_amd64.s. Strides are in bytes: ps from one pixel
// of xp to the next, rs from one padded row to the next, zs and ws from one
// pixel of z (or dz) and one kernel row of w (or dw) to the next; radj is
// rs less the kc·4 bytes of one window row; kcws the bytes of the kc
// kernel rows of one window row.

//go:noescape
func fwd16(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)

//go:noescape
func fwd8(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)

//go:noescape
func grad16T8(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)

//go:noescape
func grad8T8(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)

//go:noescape
func grad16T3(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)

//go:noescape
func grad8T3(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)

//go:noescape
func dot48(z, xp, w *float32, n, ps, rs int)

//go:noescape
func dot96(z, xp, w *float32, n, ps, rs int)

//go:noescape
func gradC48(dw, xp, dz *float32, n, ps, rs, zs int)

//go:noescape
func gradC96(dw, xp, dz *float32, n, ps, rs, zs int)

// forwardAsm runs Forward's kernels over the first pixels of n and returns
// how many it computed: all of them for one output channel, else the whole
// blocks of Block pixels, lane group by lane group (16 channels in zmm, a
// last 8 in ymm).
func forwardAsm(z, xp, w []float32, n, wp, k, c, f int) int {
	ps, rs, kc := 4*c, 4*wp*c, k*c
	if f == 1 {
		if c == 16 {
			dot48(&z[0], &xp[0], &w[0], n, ps, rs)
		} else {
			dot96(&z[0], &xp[0], &w[0], n, ps, rs)
		}
		return n
	}
	blocks := n / Block
	if blocks == 0 {
		return 0
	}
	for o := 0; o < f; o += 16 {
		if f-o >= 16 {
			fwd16(&z[o], &xp[0], &w[o], blocks, kc, k, ps, rs-4*kc, 4*f, 4*f)
		} else {
			fwd8(&z[o], &xp[0], &w[o], blocks, kc, k, ps, rs-4*kc, 4*f, 4*f)
		}
	}
	return blocks * Block
}

// kernelGradAsm runs KernelGrad's kernels: for one output channel the
// window rows in zmm, else lane group by lane group, 8 window values at a
// time when c is a multiple of 8 and 3 otherwise.
func kernelGradAsm(dw, xp, dz []float32, n, wp, k, c, f int) {
	ps, rs, kc := 4*c, 4*wp*c, k*c
	if f == 1 {
		if c == 16 {
			gradC48(&dw[0], &xp[0], &dz[0], n, ps, rs, 4)
		} else {
			gradC96(&dw[0], &xp[0], &dz[0], n, ps, rs, 4)
		}
		return
	}
	for o := 0; o < f; o += 16 {
		wide := f-o >= 16
		switch {
		case c%8 == 0 && wide:
			grad16T8(&dw[o], &xp[0], &dz[o], n, kc/8, ps, rs, 4*f, 4*f, 4*kc*f)
		case c%8 == 0:
			grad8T8(&dw[o], &xp[0], &dz[o], n, kc/8, ps, rs, 4*f, 4*f, 4*kc*f)
		case wide:
			grad16T3(&dw[o], &xp[0], &dz[o], n, kc/3, ps, rs, 4*f, 4*f, 4*kc*f)
		default:
			grad8T3(&dw[o], &xp[0], &dz[o], n, kc/3, ps, rs, 4*f, 4*f, 4*kc*f)
		}
	}
}
