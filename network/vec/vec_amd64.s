//go:build amd64 && !purego

#include "textflag.h"

// Every kernel below walks n values, n a multiple of 8, eight at a time
// with 256-bit AVX registers. The float32 arithmetic follows the pure-Go
// reference in generic.go operation by operation (no FMA), so results are
// bit-identical to it; only the float64 loss sums use FMA into lane
// accumulators.
//
// ·expTab layout (32 bytes per constant): 0 sign mask, 32 hi, 64 -hi,
// 96 log2e, 128 0.5, 160 c1, 192 c2, 224..384 p0..p5, 416 1.0, 448 int 127.

// func sigmoidBulk(x []float32)
TEXT ·sigmoidBulk(SB), NOSPLIT, $0-24
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	SHRQ $3, CX
	JZ   sigdone
	VMOVUPS ·expTab+32(SB), Y15  // hi
	VMOVUPS ·expTab+64(SB), Y14  // -hi
	VMOVUPS ·expTab+416(SB), Y13 // 1
	VMOVUPS ·expTab+96(SB), Y12  // log2e
	VMOVUPS ·expTab+128(SB), Y11 // 0.5
	VMOVUPS ·expTab+0(SB), Y10   // sign mask

sigloop:
	VMOVUPS (DI), Y0
	VXORPS  Y10, Y0, Y0          // x = -v
	VMAXPS  Y0, Y14, Y0          // max(-hi, x), NaN kept
	VMINPS  Y0, Y15, Y0          // min(hi, x), NaN kept
	VMULPS  Y12, Y0, Y1
	VADDPS  Y11, Y1, Y1          // fx = x*log2e + 0.5
	VROUNDPS $1, Y1, Y2          // n = floor(fx)
	VMULPS  ·expTab+160(SB), Y2, Y3
	VSUBPS  Y3, Y0, Y0           // x - n*c1
	VMULPS  ·expTab+192(SB), Y2, Y3
	VSUBPS  Y3, Y0, Y0           // x - n*c1 - n*c2
	VMULPS  ·expTab+224(SB), Y0, Y4 // p0*x
	VADDPS  ·expTab+256(SB), Y4, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  ·expTab+288(SB), Y4, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  ·expTab+320(SB), Y4, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  ·expTab+352(SB), Y4, Y4
	VMULPS  Y0, Y4, Y4
	VADDPS  ·expTab+384(SB), Y4, Y4
	VMULPS  Y0, Y4, Y4
	VMULPS  Y0, Y4, Y4           // y*x*x
	VADDPS  Y0, Y4, Y4           // + x
	VADDPS  Y13, Y4, Y4          // + 1
	VCVTTPS2DQ Y2, Y5
	VPADDD  ·expTab+448(SB), Y5, Y5
	VPSLLD  $23, Y5, Y5          // 2^n
	VMULPS  Y5, Y4, Y4           // e^x
	VADDPS  Y13, Y4, Y4          // 1 + e^x
	VDIVPS  Y4, Y13, Y4          // 1/(1 + e^x)
	VMOVUPS Y4, (DI)
	ADDQ    $32, DI
	DECQ    CX
	JNZ     sigloop
	VZEROUPPER

sigdone:
	RET

// func reluBulk(x []float32)
TEXT ·reluBulk(SB), NOSPLIT, $0-24
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	SHRQ $3, CX
	JZ   reludone
	VXORPS Y15, Y15, Y15

reluloop:
	VMOVUPS (DI), Y0
	VMAXPS  Y0, Y15, Y0 // max(0, x), NaN kept
	VADDPS  Y15, Y0, Y0 // -0 + 0 = +0, as Go's max
	VMOVUPS Y0, (DI)
	ADDQ    $32, DI
	DECQ    CX
	JNZ     reluloop
	VZEROUPPER

reludone:
	RET

// func reluBackwardBulk(dz, dy, y []float32)
TEXT ·reluBackwardBulk(SB), NOSPLIT, $0-72
	MOVQ dz_base+0(FP), DI
	MOVQ dy_base+24(FP), SI
	MOVQ dy_len+32(FP), CX
	MOVQ y_base+48(FP), DX
	SHRQ $3, CX
	JZ   rbdone
	VXORPS Y15, Y15, Y15

rbloop:
	VMOVUPS (DX), Y0
	VCMPPS  $0x1e, Y15, Y0, Y1 // y > 0 (ordered: false for NaN)
	VANDPS  (SI), Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     rbloop
	VZEROUPPER

rbdone:
	RET

// func sigmoidBackwardBulk(dz, dy, y []float32)
TEXT ·sigmoidBackwardBulk(SB), NOSPLIT, $0-72
	MOVQ dz_base+0(FP), DI
	MOVQ dy_base+24(FP), SI
	MOVQ dy_len+32(FP), CX
	MOVQ y_base+48(FP), DX
	SHRQ $3, CX
	JZ   sbdone
	VMOVUPS ·expTab+416(SB), Y15 // 1

sbloop:
	VMOVUPS (DX), Y0
	VMULPS  (SI), Y0, Y1 // g*y
	VSUBPS  Y0, Y15, Y2  // 1-y
	VMULPS  Y2, Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     sbloop
	VZEROUPPER

sbdone:
	RET

// func addBulk(dst, src []float32)
TEXT ·addBulk(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ dst_len+8(FP), CX
	MOVQ src_base+24(FP), SI
	SHRQ $3, CX
	JZ   adddone

addloop:
	VMOVUPS (DI), Y0
	VADDPS  (SI), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	DECQ    CX
	JNZ     addloop
	VZEROUPPER

adddone:
	RET

// func sumSqDiffBulk(p, y []float32) float64
TEXT ·sumSqDiffBulk(SB), NOSPLIT, $0-56
	MOVQ p_base+0(FP), SI
	MOVQ p_len+8(FP), CX
	MOVQ y_base+24(FP), DX
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	SHRQ $3, CX
	JZ   ssqsum

ssqloop:
	VCVTPS2PD (SI), Y0
	VCVTPS2PD (DX), Y1
	VSUBPD    Y1, Y0, Y0
	VFMADD231PD Y0, Y0, Y6
	VCVTPS2PD 16(SI), Y2
	VCVTPS2PD 16(DX), Y3
	VSUBPD    Y3, Y2, Y2
	VFMADD231PD Y2, Y2, Y7
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     ssqloop

ssqsum:
	VADDPD Y7, Y6, Y6
	VEXTRACTF128 $1, Y6, X7
	VADDPD X7, X6, X6
	VHADDPD X6, X6, X6
	VZEROUPPER
	MOVSD X6, ret+48(FP)
	RET

// func mseGradBulk(g, p, y []float32, inv float32) float64
TEXT ·mseGradBulk(SB), NOSPLIT, $0-88
	MOVQ g_base+0(FP), DI
	MOVQ p_base+24(FP), SI
	MOVQ p_len+32(FP), CX
	MOVQ y_base+48(FP), DX
	VBROADCASTSS inv+72(FP), Y15
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	SHRQ $3, CX
	JZ   mgsum

mgloop:
	VMOVUPS (SI), Y4
	VSUBPS  (DX), Y4, Y4 // p-y
	VADDPS  Y4, Y4, Y4   // 2*(p-y)
	VMULPS  Y15, Y4, Y4  // *inv
	VMOVUPS Y4, (DI)
	VCVTPS2PD (SI), Y0
	VCVTPS2PD (DX), Y1
	VSUBPD    Y1, Y0, Y0
	VFMADD231PD Y0, Y0, Y6
	VCVTPS2PD 16(SI), Y2
	VCVTPS2PD 16(DX), Y3
	VSUBPD    Y3, Y2, Y2
	VFMADD231PD Y2, Y2, Y7
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     mgloop

mgsum:
	VADDPD Y7, Y6, Y6
	VEXTRACTF128 $1, Y6, X7
	VADDPD X7, X6, X6
	VHADDPD X6, X6, X6
	VZEROUPPER
	MOVSD X6, ret+80(FP)
	RET

// func mseSigmoidGradBulk(dz, p, y []float32, inv float32) float64
TEXT ·mseSigmoidGradBulk(SB), NOSPLIT, $0-88
	MOVQ dz_base+0(FP), DI
	MOVQ p_base+24(FP), SI
	MOVQ p_len+32(FP), CX
	MOVQ y_base+48(FP), DX
	VBROADCASTSS inv+72(FP), Y15
	VMOVUPS ·expTab+416(SB), Y14 // 1
	VXORPD Y6, Y6, Y6
	VXORPD Y7, Y7, Y7
	SHRQ $3, CX
	JZ   msgsum

msgloop:
	VMOVUPS (SI), Y5     // p
	VSUBPS  (DX), Y5, Y4 // p-y
	VADDPS  Y4, Y4, Y4   // 2*(p-y)
	VMULPS  Y15, Y4, Y4  // g = 2*(p-y)*inv
	VMULPS  Y5, Y4, Y4   // g*p
	VSUBPS  Y5, Y14, Y5  // 1-p
	VMULPS  Y5, Y4, Y4   // g*p*(1-p)
	VMOVUPS Y4, (DI)
	VCVTPS2PD (SI), Y0
	VCVTPS2PD (DX), Y1
	VSUBPD    Y1, Y0, Y0
	VFMADD231PD Y0, Y0, Y6
	VCVTPS2PD 16(SI), Y2
	VCVTPS2PD 16(DX), Y3
	VSUBPD    Y3, Y2, Y2
	VFMADD231PD Y2, Y2, Y7
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     msgloop

msgsum:
	VADDPD Y7, Y6, Y6
	VEXTRACTF128 $1, Y6, X7
	VADDPD X7, X6, X6
	VHADDPD X6, X6, X6
	VZEROUPPER
	MOVSD X6, ret+80(FP)
	RET

// func adamBulk(w, g, m, v []float32, b1, b2, lrt, eps float32)
TEXT ·adamBulk(SB), NOSPLIT, $0-112
	MOVQ w_base+0(FP), DI
	MOVQ w_len+8(FP), CX
	MOVQ g_base+24(FP), SI
	MOVQ m_base+48(FP), DX
	MOVQ v_base+72(FP), BX
	SHRQ $3, CX
	JZ   adamdone
	VMOVUPS ·expTab+416(SB), Y15 // 1
	VBROADCASTSS b1+96(FP), Y8
	VSUBPS  Y8, Y15, Y9          // 1-b1
	VBROADCASTSS b2+100(FP), Y10
	VSUBPS  Y10, Y15, Y11        // 1-b2
	VBROADCASTSS lrt+104(FP), Y12
	VBROADCASTSS eps+108(FP), Y13

adamloop:
	VMOVUPS (SI), Y0     // g
	VMULPS  (DX), Y8, Y1 // b1*m
	VMULPS  Y0, Y9, Y2   // (1-b1)*g
	VADDPS  Y2, Y1, Y1   // m'
	VMOVUPS Y1, (DX)
	VMULPS  (BX), Y10, Y3 // b2*v
	VMULPS  Y0, Y11, Y4   // (1-b2)*g
	VMULPS  Y0, Y4, Y4    // (1-b2)*g*g
	VADDPS  Y4, Y3, Y3    // v'
	VMOVUPS Y3, (BX)
	VSQRTPS Y3, Y3
	VADDPS  Y13, Y3, Y3   // sqrt(v') + eps
	VMULPS  Y1, Y12, Y1   // lrt*m'
	VDIVPS  Y3, Y1, Y1
	VMOVUPS (DI), Y5
	VSUBPS  Y1, Y5, Y5
	VMOVUPS Y5, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, BX
	DECQ    CX
	JNZ     adamloop
	VZEROUPPER

adamdone:
	RET

// func adadeltaBulk(w, g, a, d []float32, rho, eps, lr float32)
TEXT ·adadeltaBulk(SB), NOSPLIT, $0-108
	MOVQ w_base+0(FP), DI
	MOVQ w_len+8(FP), CX
	MOVQ g_base+24(FP), SI
	MOVQ a_base+48(FP), DX
	MOVQ d_base+72(FP), BX
	SHRQ $3, CX
	JZ   addone
	VMOVUPS ·expTab+416(SB), Y15 // 1
	VBROADCASTSS rho+96(FP), Y8
	VSUBPS  Y8, Y15, Y9          // 1-rho
	VBROADCASTSS eps+100(FP), Y10
	VBROADCASTSS lr+104(FP), Y11

adloop:
	VMOVUPS (SI), Y0      // g
	VMULPS  (DX), Y8, Y1  // rho*a
	VMULPS  Y0, Y9, Y2    // (1-rho)*g
	VMULPS  Y0, Y2, Y2    // (1-rho)*g*g
	VADDPS  Y2, Y1, Y1    // a'
	VMOVUPS Y1, (DX)
	VMOVUPS (BX), Y3      // d
	VADDPS  Y10, Y3, Y4   // d+eps
	VSQRTPS Y4, Y4
	VMULPS  Y4, Y0, Y4    // g*sqrt(d+eps)
	VADDPS  Y10, Y1, Y1   // a'+eps
	VSQRTPS Y1, Y1
	VDIVPS  Y1, Y4, Y4    // u
	VMULPS  Y3, Y8, Y3    // rho*d
	VMULPS  Y4, Y9, Y5    // (1-rho)*u
	VMULPS  Y4, Y5, Y5    // (1-rho)*u*u
	VADDPS  Y5, Y3, Y3
	VMOVUPS Y3, (BX)
	VMULPS  Y4, Y11, Y4   // lr*u
	VMOVUPS (DI), Y5
	VSUBPS  Y4, Y5, Y5
	VMOVUPS Y5, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	ADDQ    $32, BX
	DECQ    CX
	JNZ     adloop
	VZEROUPPER

addone:
	RET

// func rmspropBulk(w, g, a []float32, rho, eps, lr float32)
TEXT ·rmspropBulk(SB), NOSPLIT, $0-84
	MOVQ w_base+0(FP), DI
	MOVQ w_len+8(FP), CX
	MOVQ g_base+24(FP), SI
	MOVQ a_base+48(FP), DX
	SHRQ $3, CX
	JZ   rmsdone
	VMOVUPS ·expTab+416(SB), Y15 // 1
	VBROADCASTSS rho+72(FP), Y8
	VSUBPS  Y8, Y15, Y9          // 1-rho
	VBROADCASTSS eps+76(FP), Y10
	VBROADCASTSS lr+80(FP), Y11

rmsloop:
	VMOVUPS (SI), Y0      // g
	VMULPS  (DX), Y8, Y1  // rho*a
	VMULPS  Y0, Y9, Y2    // (1-rho)*g
	VMULPS  Y0, Y2, Y2    // (1-rho)*g*g
	VADDPS  Y2, Y1, Y1    // a'
	VMOVUPS Y1, (DX)
	VSQRTPS Y1, Y1
	VADDPS  Y10, Y1, Y1   // sqrt(a')+eps
	VMULPS  Y0, Y11, Y2   // lr*g
	VDIVPS  Y1, Y2, Y2
	VMOVUPS (DI), Y5
	VSUBPS  Y2, Y5, Y5
	VMOVUPS Y5, (DI)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     rmsloop
	VZEROUPPER

rmsdone:
	RET

// ·logTab layout (32 bytes per constant): 0 mantissa mask 0x807fffff,
// 32 0x3f000000 (the exponent of [0.5, 1), and 0.5), 64 int 126, 96 √½, 128 1.0,
// 160..416 p0..p8, 448 q1, 480 q2.

// LOGF sets x to Logf(x), operation for operation as the Go reference:
// e, m and t hold the exponent, the mask and m&mask, z = m², p the
// polynomial.
#define LOGF(x, e, m, t, z, p) \
	VPSRLD    $23, x, e;                    \
	VPSUBD    ·logTab+64(SB), e, e;         \
	VCVTDQ2PS e, e;                         \
	VANDPS    ·logTab+0(SB), x, x;          \
	VORPS     ·logTab+32(SB), x, x;         \
	VCMPPS    $1, ·logTab+96(SB), x, m;     \
	VANDPS    x, m, t;                      \
	VANDPS    ·logTab+128(SB), m, m;        \
	VSUBPS    m, e, e;                      \
	VSUBPS    ·logTab+128(SB), x, x;        \
	VADDPS    t, x, x;                      \
	VMULPS    x, x, z;                      \
	VMULPS    ·logTab+160(SB), x, p;        \
	VADDPS    ·logTab+192(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+224(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+256(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+288(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+320(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+352(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+384(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VADDPS    ·logTab+416(SB), p, p;        \
	VMULPS    x, p, p;                      \
	VMULPS    z, p, p;                      \
	VMULPS    ·logTab+448(SB), e, t;        \
	VADDPS    t, p, p;                      \
	VMULPS    ·logTab+32(SB), z, z;         \
	VSUBPS    z, p, p;                      \
	VADDPS    p, x, x;                      \
	VMULPS    ·logTab+480(SB), e, t;        \
	VADDPS    t, x, x

// func bceSumBulk(p, y []float32, eps float32) float64
TEXT ·bceSumBulk(SB), NOSPLIT, $0-64
	MOVQ p_base+0(FP), SI
	MOVQ p_len+8(FP), CX
	MOVQ y_base+24(FP), DX
	VBROADCASTSS eps+48(FP), Y14        // eps
	VMOVUPS      ·logTab+128(SB), Y15   // 1
	VSUBPS       Y14, Y15, Y13          // 1 - eps
	VXORPD       Y11, Y11, Y11
	VXORPD       Y12, Y12, Y12
	SHRQ         $3, CX
	JZ           bcesum

bceloop:
	VMOVUPS (SI), Y0
	VMAXPS  Y0, Y14, Y0                 // max(p, eps), NaN kept
	VMINPS  Y0, Y13, Y0                 // min(·, 1-eps), NaN kept
	VSUBPS  Y0, Y15, Y6                 // 1 - q
	VCMPPS  $3, Y0, Y0, Y9              // NaN lanes
	LOGF(Y0, Y1, Y2, Y3, Y4, Y5)
	LOGF(Y6, Y1, Y2, Y3, Y4, Y5)
	VMOVUPS (DX), Y7                    // t
	VMULPS  Y7, Y0, Y0                  // t·ln q
	VSUBPS  Y7, Y15, Y8                 // 1 - t
	VMULPS  Y8, Y6, Y6                  // (1-t)·ln(1-q)
	VADDPS  Y6, Y0, Y0
	VORPS   Y9, Y0, Y0                  // NaN where q is
	VCVTPS2PD X0, Y1
	VEXTRACTF128 $1, Y0, X2
	VCVTPS2PD X2, Y2
	VADDPD  Y1, Y11, Y11
	VADDPD  Y2, Y12, Y12
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     bceloop

bcesum:
	VADDPD Y12, Y11, Y11
	VEXTRACTF128 $1, Y11, X12
	VADDPD X12, X11, X11
	VHADDPD X11, X11, X11
	VZEROUPPER
	XORPS  X0, X0
	SUBSD  X11, X0
	MOVSD  X0, ret+56(FP)
	RET
