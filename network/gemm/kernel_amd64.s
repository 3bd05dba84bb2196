//go:build amd64 && !purego

#include "textflag.h"

// STEP performs one rank-1 update of the 6x16 accumulator tile Y4..Y15:
// it loads 16 floats of packed B at off(DI), broadcasts the six A values of
// the current k step (rows at SI, SI+rs, SI+2rs, R11, R11+rs, R11+2rs) and
// issues 12 VFMADD231PS.
#define STEP(off) \
	VMOVUPS      off(DI), Y0;        \
	VMOVUPS      off+32(DI), Y1;     \
	VBROADCASTSS (SI), Y2;           \
	VBROADCASTSS (SI)(R9*1), Y3;     \
	VFMADD231PS  Y0, Y2, Y4;         \
	VFMADD231PS  Y1, Y2, Y5;         \
	VFMADD231PS  Y0, Y3, Y6;         \
	VFMADD231PS  Y1, Y3, Y7;         \
	VBROADCASTSS (SI)(R9*2), Y2;     \
	VBROADCASTSS (R11), Y3;          \
	VFMADD231PS  Y0, Y2, Y8;         \
	VFMADD231PS  Y1, Y2, Y9;         \
	VFMADD231PS  Y0, Y3, Y10;        \
	VFMADD231PS  Y1, Y3, Y11;        \
	VBROADCASTSS (R11)(R9*1), Y2;    \
	VBROADCASTSS (R11)(R9*2), Y3;    \
	VFMADD231PS  Y0, Y2, Y12;        \
	VFMADD231PS  Y1, Y2, Y13;        \
	VFMADD231PS  Y0, Y3, Y14;        \
	VFMADD231PS  Y1, Y3, Y15;        \
	ADDQ         R13, SI;            \
	ADDQ         R13, R11

// STOREROW scales the accumulator pair lo/hi by alpha (Y0), adds beta (Y1)
// times the current C row at DX, stores it and advances DX by ldc.
#define STOREROW(lo, hi) \
	VMULPS      Y0, lo, lo;    \
	VMULPS      Y0, hi, hi;    \
	VFMADD231PS (DX), Y1, lo;  \
	VFMADD231PS 32(DX), Y1, hi; \
	VMOVUPS     lo, (DX);      \
	VMOVUPS     hi, 32(DX);    \
	ADDQ        R8, DX

// STOREROW0 is STOREROW for beta == 0: C is overwritten without being read.
#define STOREROW0(lo, hi) \
	VMULPS  Y0, lo, lo; \
	VMULPS  Y0, hi, hi; \
	VMOVUPS lo, (DX);   \
	VMOVUPS hi, 32(DX); \
	ADDQ    R8, DX

// func kernel6x16(kc int, a *float32, rsA, csA int, b *float32, c *float32, ldc int, alpha, beta float32)
TEXT ·kernel6x16(SB), NOSPLIT, $0-64
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ rsA+16(FP), R9
	MOVQ csA+24(FP), R13
	MOVQ b+32(FP), DI
	MOVQ c+40(FP), DX
	MOVQ ldc+48(FP), R8
	SHLQ $2, R9
	SHLQ $2, R13
	SHLQ $2, R8
	LEAQ (R9)(R9*2), R10
	LEAQ (SI)(R10*1), R11

	// Prefetch the C tile while the k loop runs.
	MOVQ     DX, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ     R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ     R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ     R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ     R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ     R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)

	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	VXORPS Y13, Y13, Y13
	VXORPS Y14, Y14, Y14
	VXORPS Y15, Y15, Y15

	MOVQ CX, BX
	SHRQ $2, BX
	JZ   tail

loop4:
	PREFETCHT0 512(DI)
	STEP(0)
	STEP(64)
	PREFETCHT0 576(DI)
	STEP(128)
	STEP(192)
	ADDQ $256, DI
	DECQ BX
	JNZ  loop4

tail:
	ANDQ $3, CX
	JZ   store

loop1:
	STEP(0)
	ADDQ $64, DI
	DECQ CX
	JNZ  loop1

store:
	VBROADCASTSS alpha+56(FP), Y0
	MOVL         beta+60(FP), AX
	ANDL         $0x7fffffff, AX
	JZ           store0
	VBROADCASTSS beta+60(FP), Y1
	STOREROW(Y4, Y5)
	STOREROW(Y6, Y7)
	STOREROW(Y8, Y9)
	STOREROW(Y10, Y11)
	STOREROW(Y12, Y13)
	STOREROW(Y14, Y15)
	VZEROUPPER
	RET

store0:
	STOREROW0(Y4, Y5)
	STOREROW0(Y6, Y7)
	STOREROW0(Y8, Y9)
	STOREROW0(Y10, Y11)
	STOREROW0(Y12, Y13)
	STOREROW0(Y14, Y15)
	VZEROUPPER
	RET

// func copyPanel16(dst, src *float32, k, ldb int)
//
// copyPanel16 copies k rows of 16 floats, ldb floats apart in src, into
// dst one after the other: the packing of a whole 16-column panel of an
// untransposed B. SSE only, so it runs with any of the micro-kernels.
TEXT ·copyPanel16(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ k+16(FP), CX
	MOVQ ldb+24(FP), DX
	SHLQ $2, DX
	TESTQ CX, CX
	JZ   cpdone

cploop:
	MOVUPS 0(SI), X0
	MOVUPS 16(SI), X1
	MOVUPS 32(SI), X2
	MOVUPS 48(SI), X3
	MOVUPS X0, 0(DI)
	MOVUPS X1, 16(DI)
	MOVUPS X2, 32(DI)
	MOVUPS X3, 48(DI)
	ADDQ   DX, SI
	ADDQ   $64, DI
	DECQ   CX
	JNZ    cploop

cpdone:
	RET
