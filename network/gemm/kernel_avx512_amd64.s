//go:build amd64 && !purego

#include "textflag.h"

// The AVX-512 micro-kernel computes the same 6x16 tile over the same packing
// as kernel6x16 (kernel_amd64.s), with one 16-lane zmm per row of the tile.
// Two accumulator sets cover the FMA latency: even k steps accumulate into
// Z4..Z9, odd ones into Z10..Z15, and the sets are summed before the store.
// Each k step loads the 16 floats of B (packed, or a row of B read in place,
// rsB bytes after the last) with one 64-byte load and
// issues six VFMADD231PS whose A operand is an embedded {1to16} broadcast of
// one float32 straight from memory (.BCST), so no broadcast instructions or
// registers are needed. Only Z0..Z15 are used, so VZEROUPPER leaves no dirty
// upper state behind.

// STEP512 performs one rank-1 update of one accumulator set r0..r5 (the six
// rows): it loads 16 floats of B at addr into bz, multiplies them
// by the six A values of the current k step (rows at SI, SI+rs, SI+2rs, R11,
// R11+rs, R11+2rs), broadcast from memory, and advances the A pointers by csA.
#define STEP512(addr, bz, r0, r1, r2, r3, r4, r5) \
	VMOVUPS          addr, bz;               \
	VFMADD231PS.BCST (SI), bz, r0;           \
	VFMADD231PS.BCST (SI)(R9*1), bz, r1;     \
	VFMADD231PS.BCST (SI)(R9*2), bz, r2;     \
	VFMADD231PS.BCST (R11), bz, r3;          \
	VFMADD231PS.BCST (R11)(R9*1), bz, r4;    \
	VFMADD231PS.BCST (R11)(R9*2), bz, r5;    \
	ADDQ             R13, SI;                \
	ADDQ             R13, R11

// STEPE and STEPO are the even and odd k steps.
#define STEPE(addr) STEP512(addr, Z0, Z4, Z5, Z6, Z7, Z8, Z9)
#define STEPO(addr) STEP512(addr, Z1, Z10, Z11, Z12, Z13, Z14, Z15)

// STOREROW512 scales the row accumulator acc by alpha (Z2), adds beta (Z3)
// times the current C row at DX, stores it and advances DX by ldc.
#define STOREROW512(acc) \
	VMULPS      Z2, acc, acc;   \
	VFMADD231PS (DX), Z3, acc;  \
	VMOVUPS     acc, (DX);      \
	ADDQ        R8, DX

// STOREROW512Z is STOREROW512 for beta == 0: C is overwritten without being
// read.
#define STOREROW512Z(acc) \
	VMULPS  Z2, acc, acc; \
	VMOVUPS acc, (DX);    \
	ADDQ    R8, DX

// func kernel6x16AVX512(kc int, a *float32, rsA, csA int, b *float32, rsB int, c *float32, ldc int, alpha, beta float32)
TEXT ·kernel6x16AVX512(SB), NOSPLIT, $0-72
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

	// Prefetch the C tile (six 64-byte rows, maybe straddling two lines)
	// while the k loop runs.
	MOVQ       DX, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ       R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ       R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ       R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ       R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)
	ADDQ       R8, AX
	PREFETCHT0 (AX)
	PREFETCHT0 60(AX)

	// VEX-encoded 128-bit XORs clear the whole zmm (AVX512F alone has no
	// 512-bit VXORPS; that is AVX512DQ).
	VXORPS X4, X4, X4
	VXORPS X5, X5, X5
	VXORPS X6, X6, X6
	VXORPS X7, X7, X7
	VXORPS X8, X8, X8
	VXORPS X9, X9, X9
	VXORPS X10, X10, X10
	VXORPS X11, X11, X11
	VXORPS X12, X12, X12
	VXORPS X13, X13, X13
	VXORPS X14, X14, X14
	VXORPS X15, X15, X15

	MOVQ CX, BX
	SHRQ $2, BX
	JZ   tail2

loop4:
	// B eight and nine steps ahead: two lines of every four when B is
	// packed (the hardware prefetcher covers the rest).
	LEAQ       (DI)(R12*8), AX
	PREFETCHT0 (AX)
	STEPE((DI))
	STEPO((DI)(R12*1))
	PREFETCHT0 (AX)(R12*1)
	STEPE((DI)(R12*2))
	STEPO((DI)(R14*1))
	LEAQ       (DI)(R12*4), DI
	DECQ       BX
	JNZ        loop4

tail2:
	TESTQ $2, CX
	JZ    tail1
	STEPE((DI))
	STEPO((DI)(R12*1))
	LEAQ  (DI)(R12*2), DI

tail1:
	TESTQ $1, CX
	JZ    store
	STEPE((DI))

store:
	VADDPS Z10, Z4, Z4
	VADDPS Z11, Z5, Z5
	VADDPS Z12, Z6, Z6
	VADDPS Z13, Z7, Z7
	VADDPS Z14, Z8, Z8
	VADDPS Z15, Z9, Z9

	VBROADCASTSS alpha+64(FP), Z2
	MOVL         beta+68(FP), AX
	ANDL         $0x7fffffff, AX
	JZ           store0
	VBROADCASTSS beta+68(FP), Z3
	STOREROW512(Z4)
	STOREROW512(Z5)
	STOREROW512(Z6)
	STOREROW512(Z7)
	STOREROW512(Z8)
	STOREROW512(Z9)
	VZEROUPPER
	RET

store0:
	STOREROW512Z(Z4)
	STOREROW512Z(Z5)
	STOREROW512Z(Z6)
	STOREROW512Z(Z7)
	STOREROW512Z(Z8)
	STOREROW512Z(Z9)
	VZEROUPPER
	RET
