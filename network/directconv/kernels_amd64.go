//go:build amd64 && !purego

package directconv

import "golang.org/x/sys/cpu"

// The kernel sets: AVX-512 needs AVX-512F for the zmm kernels and VL for
// the ymm ones and Y16..Y31 (x/sys/cpu includes the OS saving the zmm
// state); AVX2 needs AVX2 and FMA.
var (
	hasAVX512 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
	hasAVX2   = cpu.X86.HasAVX2 && cpu.X86.HasFMA
)

// kind is the kernel set that runs, the best this CPU has; tests switch
// it to run each set they can, and the reference.
var kind = func() kernelKind {
	switch {
	case hasAVX512:
		return kindAVX512
	case hasAVX2:
		return kindAVX2
	}
	return kindGo
}()

// canRun reports whether this CPU runs kernel set k.
func canRun(k kernelKind) bool {
	switch k {
	case kindAVX512:
		return hasAVX512
	case kindAVX2:
		return hasAVX2
	}
	return true
}

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
func fwd16x2(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)

//go:noescape
func fwd8x1(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)

//go:noescape
func grad8x1T4(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)

//go:noescape
func grad8x1T3(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)

//go:noescape
func dot2x48(z, xp, w *float32, pairs, ps, rs int)

//go:noescape
func dot2x96(z, xp, w *float32, pairs, ps, rs int)

//go:noescape
func gradC3x3(dw, xp, dz *float32, n, ps, rs, zs, dwrs int)

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
// last 8 in ymm; with AVX2, 16 in two ymm for 6 pixels at a time and a last
// 8 in one).
func forwardAsm(z, xp, w []float32, n, wp, k, c, f int) int {
	ps, rs, kc := 4*c, 4*wp*c, k*c
	if kind == kindAVX2 && f == 1 {
		pairs := n / 2
		if pairs > 0 && c == 16 {
			dot2x48(&z[0], &xp[0], &w[0], pairs, ps, rs)
		} else if pairs > 0 {
			dot2x96(&z[0], &xp[0], &w[0], pairs, ps, rs)
		}
		return 2 * pairs
	}
	if kind == kindAVX2 {
		blocks := n / Block
		for o := 0; o < f && blocks > 0; o += 16 {
			if f-o >= 16 {
				fwd16x2(&z[o], &xp[0], &w[o], 2*blocks, kc, k, ps, rs-4*kc, 4*f, 4*f)
			} else {
				fwd8x1(&z[o], &xp[0], &w[o], blocks, kc, k, ps, rs-4*kc, 4*f, 4*f)
			}
		}
		return blocks * Block
	}
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
// time when c is a multiple of 8 and 3 otherwise (with AVX2, 8-lane groups
// and 4 or 3 window values at a time).
func kernelGradAsm(dw, xp, dz []float32, n, wp, k, c, f int) {
	ps, rs, kc := 4*c, 4*wp*c, k*c
	if kind == kindAVX2 && f == 1 {
		for m := 0; m < kc; m += 24 { // three 8-value pieces of each window row per pass
			gradC3x3(&dw[m], &xp[m], &dz[0], n, ps, rs, 4, 4*kc)
		}
		return
	}
	if kind == kindAVX2 {
		for o := 0; o < f; o += 8 {
			if kc%4 == 0 {
				grad8x1T4(&dw[o], &xp[0], &dz[o], n, kc/4, ps, rs, 4*f, 4*f, 4*kc*f)
			} else {
				grad8x1T3(&dw[o], &xp[0], &dz[o], n, kc/3, ps, rs, 4*f, 4*f, 4*kc*f)
			}
		}
		return
	}
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
