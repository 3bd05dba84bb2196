//go:build arm64 && !purego

#include "textflag.h"
#include "neon_arm64.h"

// Every kernel below walks n values, n a multiple of 8, eight at a time in
// two 128-bit NEON registers. The float32 arithmetic follows the pure-Go
// reference in generic.go operation by operation (no fused multiply-add),
// so results are bit-identical to it; only the float64 loss sums use fused
// multiply-add into lane accumulators. NEON's FMAX and FMIN behave as Go's
// max and min (NaN propagates, +0 > -0); the compiler uses them too.
//
// ·expTab layout (32 bytes per constant; the first 16 are loaded): 0 sign
// mask, 32 hi, 64 -hi, 96 log2e, 128 0.5, 160 c1, 192 c2, 224..384 p0..p5,
// 416 1.0, 448 int 127.

// func sigmoidBulk(x []float32)
//
// V0/V1 x, V2/V3 t, V4/V5 n, V6/V7 y for the two halves of a block of 8;
// V16-V30 the constants of ·expTab.
TEXT ·sigmoidBulk(SB), NOSPLIT, $0-24
	MOVD  x_base+0(FP), R0
	MOVD  x_len+8(FP), R1
	LSR   $3, R1
	CBZ   R1, sigdone
	MOVD  $·expTab(SB), R2
	FMOVQ 0(R2), F16   // sign mask
	FMOVQ 32(R2), F17  // hi
	FMOVQ 64(R2), F18  // -hi
	FMOVQ 96(R2), F19  // log2e
	FMOVQ 128(R2), F20 // 0.5
	FMOVQ 160(R2), F21 // c1
	FMOVQ 192(R2), F22 // c2
	FMOVQ 224(R2), F23 // p0
	FMOVQ 256(R2), F24 // p1
	FMOVQ 288(R2), F25 // p2
	FMOVQ 320(R2), F26 // p3
	FMOVQ 352(R2), F27 // p4
	FMOVQ 384(R2), F28 // p5
	FMOVQ 416(R2), F29 // 1
	FMOVQ 448(R2), F30 // 127

sigloop:
	VLD1 (R0), [V0.S4, V1.S4]
	VEOR V16.B16, V0.B16, V0.B16 // x = -v
	VEOR V16.B16, V1.B16, V1.B16
	FMAX4S(0, 0, 18)             // max(x, -hi), NaN kept
	FMAX4S(1, 1, 18)
	FMIN4S(0, 0, 17)             // min(x, hi), NaN kept
	FMIN4S(1, 1, 17)
	FMUL4S(2, 0, 19)
	FMUL4S(3, 1, 19)
	FADD4S(2, 2, 20)             // fx = x*log2e + 0.5
	FADD4S(3, 3, 20)
	FRINTM4S(4, 2)               // n = floor(fx)
	FRINTM4S(5, 3)
	FMUL4S(2, 4, 21)
	FMUL4S(3, 5, 21)
	FSUB4S(0, 0, 2)              // x - n*c1
	FSUB4S(1, 1, 3)
	FMUL4S(2, 4, 22)
	FMUL4S(3, 5, 22)
	FSUB4S(0, 0, 2)              // x - n*c1 - n*c2
	FSUB4S(1, 1, 3)
	FMUL4S(6, 23, 0)             // p0*x
	FMUL4S(7, 23, 1)
	FADD4S(6, 6, 24)             // + p1
	FADD4S(7, 7, 24)
	FMUL4S(6, 6, 0)
	FMUL4S(7, 7, 1)
	FADD4S(6, 6, 25)             // + p2
	FADD4S(7, 7, 25)
	FMUL4S(6, 6, 0)
	FMUL4S(7, 7, 1)
	FADD4S(6, 6, 26)             // + p3
	FADD4S(7, 7, 26)
	FMUL4S(6, 6, 0)
	FMUL4S(7, 7, 1)
	FADD4S(6, 6, 27)             // + p4
	FADD4S(7, 7, 27)
	FMUL4S(6, 6, 0)
	FMUL4S(7, 7, 1)
	FADD4S(6, 6, 28)             // + p5
	FADD4S(7, 7, 28)
	FMUL4S(6, 6, 0)
	FMUL4S(7, 7, 1)
	FMUL4S(6, 6, 0)              // y*x*x
	FMUL4S(7, 7, 1)
	FADD4S(6, 6, 0)              // + x
	FADD4S(7, 7, 1)
	FADD4S(6, 6, 29)             // + 1
	FADD4S(7, 7, 29)
	FCVTZS4S(4, 4)
	FCVTZS4S(5, 5)
	VADD V30.S4, V4.S4, V4.S4
	VADD V30.S4, V5.S4, V5.S4
	VSHL $23, V4.S4, V4.S4       // 2^n
	VSHL $23, V5.S4, V5.S4
	FMUL4S(6, 6, 4)              // e^x
	FMUL4S(7, 7, 5)
	FADD4S(6, 29, 6)             // 1 + e^x
	FADD4S(7, 29, 7)
	FDIV4S(0, 29, 6)             // 1/(1 + e^x)
	FDIV4S(1, 29, 7)
	VST1.P [V0.S4, V1.S4], 32(R0)
	SUB  $1, R1
	CBNZ R1, sigloop

sigdone:
	RET

// func reluBulk(x []float32)
TEXT ·reluBulk(SB), NOSPLIT, $0-24
	MOVD x_base+0(FP), R0
	MOVD x_len+8(FP), R1
	LSR  $3, R1
	CBZ  R1, reludone
	VEOR V31.B16, V31.B16, V31.B16

reluloop:
	VLD1   (R0), [V0.S4, V1.S4]
	FMAX4S(0, 0, 31) // max(x, 0): -0 becomes +0, NaN kept
	FMAX4S(1, 1, 31)
	VST1.P [V0.S4, V1.S4], 32(R0)
	SUB    $1, R1
	CBNZ   R1, reluloop

reludone:
	RET

// func reluBackwardBulk(dz, dy, y []float32)
TEXT ·reluBackwardBulk(SB), NOSPLIT, $0-72
	MOVD dz_base+0(FP), R0
	MOVD dy_base+24(FP), R1
	MOVD dy_len+32(FP), R3
	MOVD y_base+48(FP), R2
	LSR  $3, R3
	CBZ  R3, rbdone

rbloop:
	VLD1.P 32(R2), [V0.S4, V1.S4] // y
	VLD1.P 32(R1), [V2.S4, V3.S4] // dy
	FCMGTZ4S(0, 0)                // all ones where y > 0 (false for NaN)
	FCMGTZ4S(1, 1)
	VAND   V0.B16, V2.B16, V2.B16
	VAND   V1.B16, V3.B16, V3.B16
	VST1.P [V2.S4, V3.S4], 32(R0)
	SUB    $1, R3
	CBNZ   R3, rbloop

rbdone:
	RET

// func sigmoidBackwardBulk(dz, dy, y []float32)
TEXT ·sigmoidBackwardBulk(SB), NOSPLIT, $0-72
	MOVD  dz_base+0(FP), R0
	MOVD  dy_base+24(FP), R1
	MOVD  dy_len+32(FP), R3
	MOVD  y_base+48(FP), R2
	LSR   $3, R3
	CBZ   R3, sbdone
	MOVD  $·expTab(SB), R4
	FMOVQ 416(R4), F31 // 1

sbloop:
	VLD1.P 32(R2), [V0.S4, V1.S4] // y
	VLD1.P 32(R1), [V2.S4, V3.S4] // g
	FMUL4S(2, 2, 0)               // g*y
	FMUL4S(3, 3, 1)
	FSUB4S(4, 31, 0)              // 1-y
	FSUB4S(5, 31, 1)
	FMUL4S(2, 2, 4)
	FMUL4S(3, 3, 5)
	VST1.P [V2.S4, V3.S4], 32(R0)
	SUB    $1, R3
	CBNZ   R3, sbloop

sbdone:
	RET

// func addBulk(dst, src []float32)
TEXT ·addBulk(SB), NOSPLIT, $0-48
	MOVD dst_base+0(FP), R0
	MOVD dst_len+8(FP), R1
	MOVD src_base+24(FP), R2
	LSR  $3, R1
	CBZ  R1, adddone

addloop:
	VLD1   (R0), [V0.S4, V1.S4]
	VLD1.P 32(R2), [V2.S4, V3.S4]
	FADD4S(0, 0, 2)
	FADD4S(1, 1, 3)
	VST1.P [V0.S4, V1.S4], 32(R0)
	SUB    $1, R1
	CBNZ   R1, addloop

adddone:
	RET

// SQDIFF8 widens the eight p (V0, V1) and y (V2, V3) values of a block to
// float64 and adds (p-y)² into the four two-lane accumulators V16-V19. It
// uses V4-V11.
#define SQDIFF8 \
	FCVTL2D(4, 0);     \
	FCVTL22D(5, 0);    \
	FCVTL2D(6, 1);     \
	FCVTL22D(7, 1);    \
	FCVTL2D(8, 2);     \
	FCVTL22D(9, 2);    \
	FCVTL2D(10, 3);    \
	FCVTL22D(11, 3);   \
	FSUB2D(4, 4, 8);   \
	FSUB2D(5, 5, 9);   \
	FSUB2D(6, 6, 10);  \
	FSUB2D(7, 7, 11);  \
	FMLA2D(16, 4, 4);  \
	FMLA2D(17, 5, 5);  \
	FMLA2D(18, 6, 6);  \
	FMLA2D(19, 7, 7)

// ZEROSUM clears the accumulators of SQDIFF8.
#define ZEROSUM \
	VEOR V16.B16, V16.B16, V16.B16; \
	VEOR V17.B16, V17.B16, V17.B16; \
	VEOR V18.B16, V18.B16, V18.B16; \
	VEOR V19.B16, V19.B16, V19.B16

// REDUCESUM adds the accumulators of SQDIFF8 into F16.
#define REDUCESUM \
	FADD2D(16, 16, 17); \
	FADD2D(18, 18, 19); \
	FADD2D(16, 16, 18); \
	FADDPD(16, 16)

// func sumSqDiffBulk(p, y []float32) float64
TEXT ·sumSqDiffBulk(SB), NOSPLIT, $0-56
	MOVD p_base+0(FP), R0
	MOVD p_len+8(FP), R1
	MOVD y_base+24(FP), R2
	ZEROSUM
	LSR  $3, R1
	CBZ  R1, ssqsum

ssqloop:
	VLD1.P 32(R0), [V0.S4, V1.S4]
	VLD1.P 32(R2), [V2.S4, V3.S4]
	SQDIFF8
	SUB    $1, R1
	CBNZ   R1, ssqloop

ssqsum:
	REDUCESUM
	FMOVD F16, ret+48(FP)
	RET

// func mseGradBulk(g, p, y []float32, inv float32) float64
TEXT ·mseGradBulk(SB), NOSPLIT, $0-88
	MOVD  g_base+0(FP), R0
	MOVD  p_base+24(FP), R1
	MOVD  p_len+32(FP), R3
	MOVD  y_base+48(FP), R2
	MOVWU inv+72(FP), R4
	VDUP  R4, V31.S4
	ZEROSUM
	LSR   $3, R3
	CBZ   R3, mgsum

mgloop:
	VLD1.P 32(R1), [V0.S4, V1.S4] // p
	VLD1.P 32(R2), [V2.S4, V3.S4] // y
	FSUB4S(12, 0, 2)              // p-y
	FSUB4S(13, 1, 3)
	FADD4S(12, 12, 12)            // 2*(p-y)
	FADD4S(13, 13, 13)
	FMUL4S(12, 12, 31)            // *inv
	FMUL4S(13, 13, 31)
	VST1.P [V12.S4, V13.S4], 32(R0)
	SQDIFF8
	SUB    $1, R3
	CBNZ   R3, mgloop

mgsum:
	REDUCESUM
	FMOVD F16, ret+80(FP)
	RET

// func mseSigmoidGradBulk(dz, p, y []float32, inv float32) float64
TEXT ·mseSigmoidGradBulk(SB), NOSPLIT, $0-88
	MOVD  dz_base+0(FP), R0
	MOVD  p_base+24(FP), R1
	MOVD  p_len+32(FP), R3
	MOVD  y_base+48(FP), R2
	MOVWU inv+72(FP), R4
	VDUP  R4, V31.S4
	MOVD  $·expTab(SB), R4
	FMOVQ 416(R4), F30 // 1
	ZEROSUM
	LSR   $3, R3
	CBZ   R3, msgsum

msgloop:
	VLD1.P 32(R1), [V0.S4, V1.S4] // p
	VLD1.P 32(R2), [V2.S4, V3.S4] // y
	FSUB4S(12, 0, 2)              // p-y
	FSUB4S(13, 1, 3)
	FADD4S(12, 12, 12)            // 2*(p-y)
	FADD4S(13, 13, 13)
	FMUL4S(12, 12, 31)            // g = 2*(p-y)*inv
	FMUL4S(13, 13, 31)
	FMUL4S(12, 12, 0)             // g*p
	FMUL4S(13, 13, 1)
	FSUB4S(14, 30, 0)             // 1-p
	FSUB4S(15, 30, 1)
	FMUL4S(12, 12, 14)            // g*p*(1-p)
	FMUL4S(13, 13, 15)
	VST1.P [V12.S4, V13.S4], 32(R0)
	SQDIFF8
	SUB    $1, R3
	CBNZ   R3, msgloop

msgsum:
	REDUCESUM
	FMOVD F16, ret+80(FP)
	RET

// func adamBulk(w, g, m, v []float32, b1, b2, lrt, eps float32)
TEXT ·adamBulk(SB), NOSPLIT, $0-112
	MOVD  w_base+0(FP), R0
	MOVD  w_len+8(FP), R4
	MOVD  g_base+24(FP), R1
	MOVD  m_base+48(FP), R2
	MOVD  v_base+72(FP), R3
	LSR   $3, R4
	CBZ   R4, adamdone
	MOVD  $·expTab(SB), R5
	FMOVQ 416(R5), F31 // 1
	MOVWU b1+96(FP), R5
	VDUP  R5, V24.S4
	FSUB4S(25, 31, 24) // 1-b1
	MOVWU b2+100(FP), R5
	VDUP  R5, V26.S4
	FSUB4S(27, 31, 26) // 1-b2
	MOVWU lrt+104(FP), R5
	VDUP  R5, V28.S4
	MOVWU eps+108(FP), R5
	VDUP  R5, V29.S4

adamloop:
	VLD1.P 32(R1), [V0.S4, V1.S4] // g
	VLD1   (R2), [V2.S4, V3.S4]   // m
	VLD1   (R3), [V4.S4, V5.S4]   // v
	FMUL4S(2, 24, 2)              // b1*m
	FMUL4S(3, 24, 3)
	FMUL4S(6, 25, 0)              // (1-b1)*g
	FMUL4S(7, 25, 1)
	FADD4S(2, 2, 6)               // m'
	FADD4S(3, 3, 7)
	VST1.P [V2.S4, V3.S4], 32(R2)
	FMUL4S(4, 26, 4)              // b2*v
	FMUL4S(5, 26, 5)
	FMUL4S(6, 27, 0)              // (1-b2)*g
	FMUL4S(7, 27, 1)
	FMUL4S(6, 6, 0)               // (1-b2)*g*g
	FMUL4S(7, 7, 1)
	FADD4S(4, 4, 6)               // v'
	FADD4S(5, 5, 7)
	VST1.P [V4.S4, V5.S4], 32(R3)
	FSQRT4S(4, 4)
	FSQRT4S(5, 5)
	FADD4S(4, 4, 29)              // sqrt(v') + eps
	FADD4S(5, 5, 29)
	FMUL4S(2, 28, 2)              // lrt*m'
	FMUL4S(3, 28, 3)
	FDIV4S(2, 2, 4)
	FDIV4S(3, 3, 5)
	VLD1   (R0), [V6.S4, V7.S4]   // w
	FSUB4S(6, 6, 2)
	FSUB4S(7, 7, 3)
	VST1.P [V6.S4, V7.S4], 32(R0)
	SUB    $1, R4
	CBNZ   R4, adamloop

adamdone:
	RET

// func adadeltaBulk(w, g, a, d []float32, rho, eps, lr float32)
TEXT ·adadeltaBulk(SB), NOSPLIT, $0-108
	MOVD  w_base+0(FP), R0
	MOVD  w_len+8(FP), R4
	MOVD  g_base+24(FP), R1
	MOVD  a_base+48(FP), R2
	MOVD  d_base+72(FP), R3
	LSR   $3, R4
	CBZ   R4, addone
	MOVD  $·expTab(SB), R5
	FMOVQ 416(R5), F31 // 1
	MOVWU rho+96(FP), R5
	VDUP  R5, V24.S4
	FSUB4S(25, 31, 24) // 1-rho
	MOVWU eps+100(FP), R5
	VDUP  R5, V26.S4
	MOVWU lr+104(FP), R5
	VDUP  R5, V27.S4

adloop:
	VLD1.P 32(R1), [V0.S4, V1.S4] // g
	VLD1   (R2), [V2.S4, V3.S4]   // a
	VLD1   (R3), [V4.S4, V5.S4]   // d
	FMUL4S(2, 24, 2)              // rho*a
	FMUL4S(3, 24, 3)
	FMUL4S(6, 25, 0)              // (1-rho)*g
	FMUL4S(7, 25, 1)
	FMUL4S(6, 6, 0)               // (1-rho)*g*g
	FMUL4S(7, 7, 1)
	FADD4S(2, 2, 6)               // a'
	FADD4S(3, 3, 7)
	VST1.P [V2.S4, V3.S4], 32(R2)
	FADD4S(6, 4, 26)              // d+eps
	FADD4S(7, 5, 26)
	FSQRT4S(6, 6)
	FSQRT4S(7, 7)
	FMUL4S(6, 0, 6)               // g*sqrt(d+eps)
	FMUL4S(7, 1, 7)
	FADD4S(2, 2, 26)              // a'+eps
	FADD4S(3, 3, 26)
	FSQRT4S(2, 2)
	FSQRT4S(3, 3)
	FDIV4S(6, 6, 2)               // u
	FDIV4S(7, 7, 3)
	FMUL4S(4, 24, 4)              // rho*d
	FMUL4S(5, 24, 5)
	FMUL4S(8, 25, 6)              // (1-rho)*u
	FMUL4S(9, 25, 7)
	FMUL4S(8, 8, 6)               // (1-rho)*u*u
	FMUL4S(9, 9, 7)
	FADD4S(4, 4, 8)               // d'
	FADD4S(5, 5, 9)
	VST1.P [V4.S4, V5.S4], 32(R3)
	FMUL4S(6, 27, 6)              // lr*u
	FMUL4S(7, 27, 7)
	VLD1   (R0), [V8.S4, V9.S4]   // w
	FSUB4S(8, 8, 6)
	FSUB4S(9, 9, 7)
	VST1.P [V8.S4, V9.S4], 32(R0)
	SUB    $1, R4
	CBNZ   R4, adloop

addone:
	RET

// func rmspropBulk(w, g, a []float32, rho, eps, lr float32)
TEXT ·rmspropBulk(SB), NOSPLIT, $0-84
	MOVD  w_base+0(FP), R0
	MOVD  w_len+8(FP), R4
	MOVD  g_base+24(FP), R1
	MOVD  a_base+48(FP), R2
	LSR   $3, R4
	CBZ   R4, rmsdone
	MOVD  $·expTab(SB), R5
	FMOVQ 416(R5), F31 // 1
	MOVWU rho+72(FP), R5
	VDUP  R5, V24.S4
	FSUB4S(25, 31, 24) // 1-rho
	MOVWU eps+76(FP), R5
	VDUP  R5, V26.S4
	MOVWU lr+80(FP), R5
	VDUP  R5, V27.S4

rmsloop:
	VLD1.P 32(R1), [V0.S4, V1.S4] // g
	VLD1   (R2), [V2.S4, V3.S4]   // a
	FMUL4S(2, 24, 2)              // rho*a
	FMUL4S(3, 24, 3)
	FMUL4S(6, 25, 0)              // (1-rho)*g
	FMUL4S(7, 25, 1)
	FMUL4S(6, 6, 0)               // (1-rho)*g*g
	FMUL4S(7, 7, 1)
	FADD4S(2, 2, 6)               // a'
	FADD4S(3, 3, 7)
	VST1.P [V2.S4, V3.S4], 32(R2)
	FSQRT4S(2, 2)
	FSQRT4S(3, 3)
	FADD4S(2, 2, 26)              // sqrt(a')+eps
	FADD4S(3, 3, 26)
	FMUL4S(6, 27, 0)              // lr*g
	FMUL4S(7, 27, 1)
	FDIV4S(6, 6, 2)
	FDIV4S(7, 7, 3)
	VLD1   (R0), [V8.S4, V9.S4]   // w
	FSUB4S(8, 8, 6)
	FSUB4S(9, 9, 7)
	VST1.P [V8.S4, V9.S4], 32(R0)
	SUB    $1, R4
	CBNZ   R4, rmsloop

rmsdone:
	RET
