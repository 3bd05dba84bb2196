//go:build arm64 && !purego

#include "textflag.h"

// Register use of kernel6x16:
//
//	V0-V3   the 16 floats of B of the current k step
//	V4-V7   A values, one per register in lane 0 (V4, V5 reloaded per step)
//	V8-V31  the 6x16 accumulator tile: row r in V(8+4r)..V(11+4r)
//	R1, R8  rows 0 and 3 of A at the current k step
//	R2, R7  rsA and 2*rsA in bytes; R3 csA in bytes
//	R4      B (a packed panel, or B read in place); R13 rsB in bytes
//	R14     eight k steps of B in bytes; R15 the B row to prefetch
//	R5      C; R6 ldc in bytes
//
// Go's assembler has no by-element FMLA or vector FMUL, so the macros below
// emit them as WORDs (go tool objdump disassembles them back).

// FMLAE emits FMLA Vd.4S, Vn.4S, Vm.S[idx]: Vd += Vn * Vm[idx].
#define FMLAE(d, n, m, idx) WORD $(0x4F801000 | (((idx)&1)<<21) | (((idx)>>1)<<11) | ((m)<<16) | ((n)<<5) | (d))

// FMUL4S emits FMUL Vd.4S, Vn.4S, Vm.4S.
#define FMUL4S(d, n, m) WORD $(0x6E20DC00 | ((m)<<16) | ((n)<<5) | (d))

// ROW adds B (V0-V3) times lane 0 of Va to the row whose accumulators are
// Vd..Vd+3.
#define ROW(d, a) \
	FMLAE(d, 0, a, 0);   \
	FMLAE(d+1, 1, a, 0); \
	FMLAE(d+2, 2, a, 0); \
	FMLAE(d+3, 3, a, 0)

// STEP performs one rank-1 update of the tile: it prefetches the B row
// eight steps ahead, loads the 64 bytes of B (advancing R4 by rsB), loads the six A values of the
// step (rows at R1, R1+rs, R1+2rs, R8, R8+rs, R8+2rs) with scalar loads and
// issues 24 FMLA. V4 and V5 take rows 4 and 5 once rows 0 and 1 have used
// them (register renaming removes the reuse hazard).
#define STEP \
	ADD    R14, R4, R15;                         \
	PRFM   (R15), PLDL1KEEP;                     \
	VLD1.P (R4)(R13), [V0.S4, V1.S4, V2.S4, V3.S4]; \
	FMOVS  (R1), F4;                             \
	FMOVS  (R1)(R2), F5;                         \
	FMOVS  (R1)(R7), F6;                         \
	FMOVS  (R8), F7;                             \
	ROW(8, 4);                                   \
	FMOVS  (R8)(R2), F4;                         \
	ROW(12, 5);                                  \
	FMOVS  (R8)(R7), F5;                         \
	ROW(16, 6);                                  \
	ROW(20, 7);                                  \
	ROW(24, 4);                                  \
	ROW(28, 5);                                  \
	ADD    R3, R1;                               \
	ADD    R3, R8

// STOREROW scales the row's accumulators (numbers d..d+3, names r0..r3) by
// alpha (V0), adds beta (V1) times the C row at R5 with FMLA, stores the
// row and advances R5 by ldc: C = fma(beta, C, alpha*acc), rounded as the
// amd64 kernel rounds it.
#define STOREROW(d, r0, r1, r2, r3) \
	VLD1   (R5), [V4.S4, V5.S4, V6.S4, V7.S4]; \
	FMUL4S(d, d, 0);                           \
	FMUL4S(d+1, d+1, 0);                       \
	FMUL4S(d+2, d+2, 0);                       \
	FMUL4S(d+3, d+3, 0);                       \
	VFMLA  V1.S4, V4.S4, r0.S4;                \
	VFMLA  V1.S4, V5.S4, r1.S4;                \
	VFMLA  V1.S4, V6.S4, r2.S4;                \
	VFMLA  V1.S4, V7.S4, r3.S4;                \
	VST1   [r0.S4, r1.S4, r2.S4, r3.S4], (R5); \
	ADD    R6, R5

// STOREROW0 is STOREROW for beta == 0: C is overwritten without being read.
#define STOREROW0(d, r0, r1, r2, r3) \
	FMUL4S(d, d, 0);                         \
	FMUL4S(d+1, d+1, 0);                     \
	FMUL4S(d+2, d+2, 0);                     \
	FMUL4S(d+3, d+3, 0);                     \
	VST1 [r0.S4, r1.S4, r2.S4, r3.S4], (R5); \
	ADD  R6, R5

// ZERO4 clears four consecutive accumulators.
#define ZERO4(r0, r1, r2, r3) \
	VEOR r0.B16, r0.B16, r0.B16; \
	VEOR r1.B16, r1.B16, r1.B16; \
	VEOR r2.B16, r2.B16, r2.B16; \
	VEOR r3.B16, r3.B16, r3.B16

// func kernel6x16(kc int, a *float32, rsA, csA int, b *float32, rsB int, c *float32, ldc int, alpha, beta float32)
TEXT ·kernel6x16(SB), NOSPLIT, $0-72
	MOVD kc+0(FP), R0
	MOVD a+8(FP), R1
	MOVD rsA+16(FP), R2
	MOVD csA+24(FP), R3
	MOVD b+32(FP), R4
	MOVD rsB+40(FP), R13
	MOVD c+48(FP), R5
	MOVD ldc+56(FP), R6
	LSL  $2, R2
	LSL  $2, R3
	LSL  $2, R6
	LSL  $2, R13
	LSL  $3, R13, R14
	ADD  R2, R2, R7 // 2*rs
	ADD  R7, R2, R8
	ADD  R1, R8     // row 3

	// Prefetch the C tile while the k loop runs: both cache lines of each
	// 64-byte row (PRFM offsets are multiples of 8).
	MOVD R5, R9
	PRFM (R9), PLDL1KEEP
	PRFM 56(R9), PLDL1KEEP
	ADD  R6, R9
	PRFM (R9), PLDL1KEEP
	PRFM 56(R9), PLDL1KEEP
	ADD  R6, R9
	PRFM (R9), PLDL1KEEP
	PRFM 56(R9), PLDL1KEEP
	ADD  R6, R9
	PRFM (R9), PLDL1KEEP
	PRFM 56(R9), PLDL1KEEP
	ADD  R6, R9
	PRFM (R9), PLDL1KEEP
	PRFM 56(R9), PLDL1KEEP
	ADD  R6, R9
	PRFM (R9), PLDL1KEEP
	PRFM 56(R9), PLDL1KEEP

	ZERO4(V8, V9, V10, V11)
	ZERO4(V12, V13, V14, V15)
	ZERO4(V16, V17, V18, V19)
	ZERO4(V20, V21, V22, V23)
	ZERO4(V24, V25, V26, V27)
	ZERO4(V28, V29, V30, V31)

	LSR  $2, R0, R9
	CBZ  R9, tail

loop4:
	STEP
	STEP
	STEP
	STEP
	SUB  $1, R9
	CBNZ R9, loop4

tail:
	AND $3, R0
	CBZ R0, store

loop1:
	STEP
	SUB  $1, R0
	CBNZ R0, loop1

store:
	MOVWU alpha+64(FP), R10
	VDUP  R10, V0.S4
	MOVWU beta+68(FP), R11
	ANDW  $0x7fffffff, R11, R12
	CBZW  R12, store0
	VDUP  R11, V1.S4
	STOREROW(8, V8, V9, V10, V11)
	STOREROW(12, V12, V13, V14, V15)
	STOREROW(16, V16, V17, V18, V19)
	STOREROW(20, V20, V21, V22, V23)
	STOREROW(24, V24, V25, V26, V27)
	STOREROW(28, V28, V29, V30, V31)
	RET

store0:
	STOREROW0(8, V8, V9, V10, V11)
	STOREROW0(12, V12, V13, V14, V15)
	STOREROW0(16, V16, V17, V18, V19)
	STOREROW0(20, V20, V21, V22, V23)
	STOREROW0(24, V24, V25, V26, V27)
	STOREROW0(28, V28, V29, V30, V31)
	RET
