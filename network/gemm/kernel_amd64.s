//go:build amd64 && !purego

#include "textflag.h"

// STEP performs one rank-1 update of the 6x16 accumulator tile Y4..Y15:
// it loads 16 floats of B at addr and 32+addr (a row of the packed panel,
// or of B read in place), broadcasts the six A values of
// the current k step (rows at SI, SI+rs, SI+2rs, R11, R11+rs, R11+2rs) and
// issues 12 VFMADD231PS.
#define STEP(addr) \
	VMOVUPS      addr, Y0;           \
	VMOVUPS      32 addr, Y1;        \
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

// func kernel6x16(kc int, a *float32, rsA, csA int, b *float32, rsB int, c *float32, ldc int, alpha, beta float32)
TEXT ·kernel6x16(SB), NOSPLIT, $0-72
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ rsA+16(FP), R9
	MOVQ csA+24(FP), R13
	MOVQ b+32(FP), DI
	MOVQ rsB+40(FP), R12
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R8
	SHLQ $2, R9
	SHLQ $2, R13
	SHLQ $2, R8
	SHLQ $2, R12
	LEAQ (R9)(R9*2), R10
	LEAQ (SI)(R10*1), R11
	LEAQ (R12)(R12*2), R14

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
	// B eight and nine steps ahead: two lines of every four when B is
	// packed (the hardware prefetcher covers the rest).
	LEAQ       (DI)(R12*8), AX
	PREFETCHT0 (AX)
	STEP((DI))
	STEP((DI)(R12*1))
	PREFETCHT0 (AX)(R12*1)
	STEP((DI)(R12*2))
	STEP((DI)(R14*1))
	LEAQ       (DI)(R12*4), DI
	DECQ       BX
	JNZ        loop4

tail:
	ANDQ $3, CX
	JZ   store

loop1:
	STEP((DI))
	ADDQ R12, DI
	DECQ CX
	JNZ  loop1

store:
	VBROADCASTSS alpha+64(FP), Y0
	MOVL         beta+68(FP), AX
	ANDL         $0x7fffffff, AX
	JZ           store0
	VBROADCASTSS beta+68(FP), Y1
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

// LOAD8 loads 8 floats of each of 8 rows: rows 0-4 at b, b+ld, b+2ld,
// b+3ld (R9 = 3ld), b+4ld, rows 5-7 at b5, b5+ld, b5+2ld (R8 = ld).
#define LOAD8(b, b5) \
	VMOVUPS (b), Y0;         \
	VMOVUPS (b)(R8*1), Y1;   \
	VMOVUPS (b)(R8*2), Y2;   \
	VMOVUPS (b)(R9*1), Y3;   \
	VMOVUPS (b)(R8*4), Y4;   \
	VMOVUPS (b5), Y5;        \
	VMOVUPS (b5)(R8*1), Y6;  \
	VMOVUPS (b5)(R8*2), Y7

// TRANSPOSE8 transposes the 8×8 block Y0..Y7 and stores its row i at
// off + 64·i bytes from DI: eight consecutive k steps of 8 panel columns.
#define TRANSPOSE8(off) \
	VUNPCKLPS  Y1, Y0, Y8;        \
	VUNPCKHPS  Y1, Y0, Y9;        \
	VUNPCKLPS  Y3, Y2, Y10;       \
	VUNPCKHPS  Y3, Y2, Y11;       \
	VUNPCKLPS  Y5, Y4, Y12;       \
	VUNPCKHPS  Y5, Y4, Y13;       \
	VUNPCKLPS  Y7, Y6, Y14;       \
	VUNPCKHPS  Y7, Y6, Y15;       \
	VSHUFPS    $0x44, Y10, Y8, Y0; \
	VSHUFPS    $0xEE, Y10, Y8, Y1; \
	VSHUFPS    $0x44, Y11, Y9, Y2; \
	VSHUFPS    $0xEE, Y11, Y9, Y3; \
	VSHUFPS    $0x44, Y14, Y12, Y4; \
	VSHUFPS    $0xEE, Y14, Y12, Y5; \
	VSHUFPS    $0x44, Y15, Y13, Y6; \
	VSHUFPS    $0xEE, Y15, Y13, Y7; \
	VPERM2F128 $0x20, Y4, Y0, Y8; \
	VPERM2F128 $0x20, Y5, Y1, Y9; \
	VPERM2F128 $0x20, Y6, Y2, Y10; \
	VPERM2F128 $0x20, Y7, Y3, Y11; \
	VPERM2F128 $0x31, Y4, Y0, Y12; \
	VPERM2F128 $0x31, Y5, Y1, Y13; \
	VPERM2F128 $0x31, Y6, Y2, Y14; \
	VPERM2F128 $0x31, Y7, Y3, Y15; \
	VMOVUPS    Y8, off(DI);       \
	VMOVUPS    Y9, off+64(DI);    \
	VMOVUPS    Y10, off+128(DI);  \
	VMOVUPS    Y11, off+192(DI);  \
	VMOVUPS    Y12, off+256(DI);  \
	VMOVUPS    Y13, off+320(DI);  \
	VMOVUPS    Y14, off+384(DI);  \
	VMOVUPS    Y15, off+448(DI)

// func transposePanel16(dst, src *float32, blocks, ldb int)
//
// transposePanel16 packs a panel of a transposed B: the 16 rows of src,
// ldb floats apart, become the 16 columns of dst (dst[p*16+j] =
// src[j*ldb+p]) for p < 8·blocks, eight k steps at a time by 8×8 AVX
// transposes.
TEXT ·transposePanel16(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ blocks+16(FP), CX
	MOVQ ldb+24(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9       // 3 rows
	LEAQ (R8)(R8*4), R10      // 5 rows
	LEAQ (SI)(R10*1), R11     // row 5
	LEAQ (SI)(R8*8), BX       // row 8
	LEAQ (BX)(R10*1), R12     // row 13
	TESTQ CX, CX
	JZ    tpdone

tploop:
	LOAD8(SI, R11)
	TRANSPOSE8(0)
	LOAD8(BX, R12)
	TRANSPOSE8(32)
	ADDQ $32, SI
	ADDQ $32, R11
	ADDQ $32, BX
	ADDQ $32, R12
	ADDQ $512, DI
	DECQ CX
	JNZ  tploop
	VZEROUPPER

tpdone:
	RET
