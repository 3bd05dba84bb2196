//go:build amd64 && !purego

#include "textflag.h"

// The AVX-512 element-wise kernels. Each performs, lane by lane, the same
// operations in the same order as its AVX2 kernel in vec_amd64.s (and so as
// the Go reference), on 16 lanes at a time: on a core that splits 512-bit
// operations in two (Zen 4), a long chain of dependent operations then
// holds half as many entries of the scheduler per value, and more values
// are in flight. Constants come from ·expTab (see vec_amd64.s), broadcast.

// SIGMOID16 overwrites the 16 floats at off(DI) with their sigmoid, in
// registers x, t, fx, n, p, e (Z12..Z15 hold the sign mask, -hi, hi and 1).
#define SIGMOID16(off, x, t, fx, n, p, e) \
	VMOVUPS          off(DI), x;                \
	VPXORD           Z12, x, x;                 \
	VMAXPS           x, Z13, x;                 \
	VMINPS           x, Z14, x;                 \
	VMULPS.BCST      ·expTab+96(SB), x, fx;     \
	VADDPS.BCST      ·expTab+128(SB), fx, fx;   \
	VRNDSCALEPS      $1, fx, n;                 \
	VMULPS.BCST      ·expTab+160(SB), n, t;     \
	VSUBPS           t, x, x;                   \
	VMULPS.BCST      ·expTab+192(SB), n, t;     \
	VSUBPS           t, x, x;                   \
	VMULPS.BCST      ·expTab+224(SB), x, p;     \
	VADDPS.BCST      ·expTab+256(SB), p, p;     \
	VMULPS           x, p, p;                   \
	VADDPS.BCST      ·expTab+288(SB), p, p;     \
	VMULPS           x, p, p;                   \
	VADDPS.BCST      ·expTab+320(SB), p, p;     \
	VMULPS           x, p, p;                   \
	VADDPS.BCST      ·expTab+352(SB), p, p;     \
	VMULPS           x, p, p;                   \
	VADDPS.BCST      ·expTab+384(SB), p, p;     \
	VMULPS           x, p, p;                   \
	VMULPS           x, p, p;                   \
	VADDPS           x, p, p;                   \
	VADDPS           Z15, p, p;                 \
	VCVTTPS2DQ       n, e;                      \
	VPADDD.BCST      ·expTab+448(SB), e, e;     \
	VPSLLD           $23, e, e;                 \
	VMULPS           e, p, p;                   \
	VADDPS           Z15, p, p;                 \
	VDIVPS           p, Z15, p;                 \
	VMOVUPS          p, off(DI)

// func sigmoidBulk512(x []float32)
TEXT ·sigmoidBulk512(SB), NOSPLIT, $0-24
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	SHRQ $4, CX
	JZ   done
	VBROADCASTSS ·expTab+0(SB), Z12   // sign mask
	VBROADCASTSS ·expTab+64(SB), Z13  // -hi
	VBROADCASTSS ·expTab+32(SB), Z14  // hi
	VBROADCASTSS ·expTab+416(SB), Z15 // 1

loop:
	SIGMOID16(0, Z0, Z1, Z2, Z3, Z4, Z5)
	ADDQ $64, DI
	DECQ CX
	JNZ  loop
	VZEROUPPER

done:
	RET
