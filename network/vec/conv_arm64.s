//go:build arm64 && !purego

#include "textflag.h"
#include "neon_arm64.h"

// func biasReLUAsm(y *float32, rows int, b *float32, blocks int)
//
// For rows rows of 8·blocks values at y: y = max(y + b, 0). NEON's FMAX,
// like Go's max, turns a -0 sum into +0 and propagates NaN.
TEXT ·biasReLUAsm(SB), NOSPLIT, $0-32
	MOVD y+0(FP), R0
	MOVD rows+8(FP), R1
	MOVD b+16(FP), R2
	MOVD blocks+24(FP), R3
	VEOR V31.B16, V31.B16, V31.B16
	CBZ  R1, done

row:
	MOVD R2, R4
	MOVD R3, R5

block:
	VLD1   (R0), [V0.S4, V1.S4]
	VLD1.P 32(R4), [V2.S4, V3.S4]
	FADD4S(0, 0, 2)
	FADD4S(1, 1, 3)
	FMAX4S(0, 0, 31)
	FMAX4S(1, 1, 31)
	VST1.P [V0.S4, V1.S4], 32(R0)
	SUB    $1, R5
	CBNZ   R5, block
	SUB    $1, R1
	CBNZ   R1, row

done:
	RET

// func reluBackwardBiasAsm(dy, y *float32, rows int, db *float32, blocks int)
//
// For rows rows of 8·blocks values: dy = dy where y > 0 and 0 elsewhere
// (y ≤ 0, −0 and NaN included: the mask of reluBackwardGo), then db += dy
// row by row.
TEXT ·reluBackwardBiasAsm(SB), NOSPLIT, $0-40
	MOVD dy+0(FP), R0
	MOVD y+8(FP), R1
	MOVD rows+16(FP), R2
	MOVD db+24(FP), R3
	MOVD blocks+32(FP), R4
	CBZ  R2, done

row:
	MOVD R3, R5
	MOVD R4, R6

block:
	VLD1.P 32(R1), [V0.S4, V1.S4] // y
	VLD1   (R0), [V2.S4, V3.S4]   // dy
	FCMGTZ4S(0, 0)                // all ones where y > 0 (false for NaN)
	FCMGTZ4S(1, 1)
	VAND   V0.B16, V2.B16, V2.B16
	VAND   V1.B16, V3.B16, V3.B16
	VST1.P [V2.S4, V3.S4], 32(R0)
	VLD1   (R5), [V4.S4, V5.S4]   // db
	FADD4S(4, 4, 2)
	FADD4S(5, 5, 3)
	VST1.P [V4.S4, V5.S4], 32(R5)
	SUB    $1, R6
	CBNZ   R6, block
	SUB    $1, R2
	CBNZ   R2, row

done:
	RET

// func upsample2RowAsm(dst, top, bot *float32, pixels, blocks int)
//
// For pixels pixels of 8·blocks channels: dst = t0 + t1 + b0 + b1, added
// in that order, where t0, t1 are the two pixels of top and b0, b1 those of
// bot that the pixel was repeated into.
TEXT ·upsample2RowAsm(SB), NOSPLIT, $0-40
	MOVD dst+0(FP), R0
	MOVD top+8(FP), R1
	MOVD bot+16(FP), R2
	MOVD pixels+24(FP), R3
	MOVD blocks+32(FP), R4
	LSL  $5, R4, R5 // bytes of one pixel
	CBZ  R3, done

pixel:
	MOVD R4, R6

block:
	ADD    R5, R1, R7
	ADD    R5, R2, R8
	VLD1.P 32(R1), [V0.S4, V1.S4] // t0
	VLD1   (R7), [V2.S4, V3.S4]   // t1
	VLD1.P 32(R2), [V4.S4, V5.S4] // b0
	VLD1   (R8), [V6.S4, V7.S4]   // b1
	FADD4S(0, 0, 2)
	FADD4S(1, 1, 3)
	FADD4S(0, 0, 4)
	FADD4S(1, 1, 5)
	FADD4S(0, 0, 6)
	FADD4S(1, 1, 7)
	VST1.P [V0.S4, V1.S4], 32(R0)
	SUB    $1, R6
	CBNZ   R6, block
	ADD    R5, R1 // past the second pixel of the pair
	ADD    R5, R2
	SUB    $1, R3
	CBNZ   R3, pixel

done:
	RET

DATA lanes<>+0(SB)/4, $0
DATA lanes<>+4(SB)/4, $1
DATA lanes<>+8(SB)/4, $2
DATA lanes<>+12(SB)/4, $3
GLOBL lanes<>(SB), RODATA|NOPTR, $16

// POOLSTEP folds the candidate in V2 with index vector idx into the running
// maximum V0 and its index V1 as pool2x2Go does: the index moves when
// V2 > V0 (false for NaN), and V0 becomes max(V2, V0), which NEON's FMAX
// computes as Go's max does (+0 over -0, NaN if either is NaN).
#define POOLSTEP(idx) \
	FCMGT4S(3, 2, 0);               \
	VBIT   V3.B16, idx.B16, V1.B16; \
	FMAX4S(0, 2, 0)

// func pool2x2RowAsm(y *float32, arg *int32, x *float32, first, rowLen, pixels, blocks int)
//
// Pools pixels output pixels of 8·blocks channels over full 2×2 windows:
// the window of output pixel j starts at x[first + 2·j·c] (c = 8·blocks),
// its second row rowLen values further. The channels of a pixel are taken
// four at a time.
TEXT ·pool2x2RowAsm(SB), NOSPLIT, $0-56
	MOVD y+0(FP), R0
	MOVD arg+8(FP), R1
	MOVD x+16(FP), R2
	MOVD first+24(FP), R3
	MOVD rowLen+32(FP), R4
	MOVD pixels+40(FP), R5
	MOVD blocks+48(FP), R6
	LSL  $3, R6, R7       // c
	ADD  R3<<2, R2        // &x[first]
	LSL  $2, R4, R8       // rowLen in bytes
	LSL  $2, R7, R9       // c in bytes
	LSL  $1, R6, R6       // groups of 4 channels per pixel
	MOVD $lanes<>(SB), R10
	VLD1 (R10), [V31.S4]
	VDUP R7, V30.S4       // c in every lane
	VDUP R4, V29.S4       // rowLen in every lane
	CBZ  R5, done

pixel:
	MOVD R6, R10
	MOVD R3, R11 // index of the group's first channel

group:
	VDUP   R11, V6.S4
	VADD   V31.S4, V6.S4, V6.S4 // top-left indices
	VADD   V30.S4, V6.S4, V7.S4 // top-right
	VADD   V29.S4, V6.S4, V8.S4 // bottom-left
	VADD   V30.S4, V8.S4, V9.S4 // bottom-right
	ADD    R9, R2, R12
	ADD    R8, R2, R13
	ADD    R9, R13, R14
	VLD1.P 16(R2), [V0.S4]
	VMOV   V6.B16, V1.B16
	VLD1   (R12), [V2.S4]
	POOLSTEP(V7)
	VLD1   (R13), [V2.S4]
	POOLSTEP(V8)
	VLD1   (R14), [V2.S4]
	POOLSTEP(V9)
	VST1.P [V0.S4], 16(R0)
	VST1.P [V1.S4], 16(R1)
	ADD    $4, R11
	SUB    $1, R10
	CBNZ   R10, group
	ADD    R9, R2 // past the second column of the window
	ADD    R7, R3
	ADD    R7, R3 // first += 2c
	SUB    $1, R5
	CBNZ   R5, pixel

done:
	RET
