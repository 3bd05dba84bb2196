//go:build amd64 && !purego

#include "textflag.h"

// func biasReLUAsm(y *float32, rows int, b *float32, blocks int)
//
// For rows rows of 8·blocks values at y: y = max(y + b, 0) + 0. The final
// +0 turns a -0 result into +0, as Go's max(v, 0) does; NaN propagates.
TEXT ·biasReLUAsm(SB), NOSPLIT, $0-32
	MOVQ   y+0(FP), DI
	MOVQ   rows+8(FP), CX
	MOVQ   b+16(FP), SI
	MOVQ   blocks+24(FP), DX
	VXORPS Y0, Y0, Y0
	TESTQ  CX, CX
	JZ     done

row:
	MOVQ SI, R8
	MOVQ DX, R9

block:
	VMOVUPS (DI), Y1
	VADDPS  (R8), Y1, Y1
	VMAXPS  Y1, Y0, Y1   // Y1 = 0 > Y1 ? 0 : Y1 (keeps NaN)
	VADDPS  Y0, Y1, Y1
	VMOVUPS Y1, (DI)
	ADDQ    $32, DI
	ADDQ    $32, R8
	DECQ    R9
	JNZ     block
	DECQ    CX
	JNZ     row

done:
	VZEROUPPER
	RET

// func reluBackwardBiasAsm(dy, y *float32, rows int, db *float32, blocks int)
//
// For rows rows of 8·blocks values: dy = dy where y > 0 and 0 elsewhere
// (y ≤ 0, −0 and NaN included: the mask of reluBackwardGo), then db += dy
// row by row.
TEXT ·reluBackwardBiasAsm(SB), NOSPLIT, $0-40
	MOVQ  dy+0(FP), DI
	MOVQ  y+8(FP), SI
	MOVQ  rows+16(FP), CX
	MOVQ  db+24(FP), BX
	MOVQ  blocks+32(FP), DX
	VPXOR Y0, Y0, Y0
	TESTQ CX, CX
	JZ    done

row:
	MOVQ BX, R8
	MOVQ DX, R9

block:
	VMOVUPS (SI), Y1
	VCMPPS  $0x1e, Y0, Y1, Y2 // all ones where y > 0 (ordered: false for NaN)
	VANDPS  (DI), Y2, Y3
	VMOVUPS Y3, (DI)
	VADDPS  (R8), Y3, Y3
	VMOVUPS Y3, (R8)
	ADDQ    $32, DI
	ADDQ    $32, SI
	ADDQ    $32, R8
	DECQ    R9
	JNZ     block
	DECQ    CX
	JNZ     row

done:
	VZEROUPPER
	RET

// func upsample2RowAsm(dst, top, bot *float32, pixels, blocks int)
//
// For pixels pixels of 8·blocks channels: dst = t0 + t1 + b0 + b1, added
// in that order, where t0, t1 are the two pixels of top and b0, b1 those of
// bot that the pixel was repeated into.
TEXT ·upsample2RowAsm(SB), NOSPLIT, $0-40
	MOVQ  dst+0(FP), DI
	MOVQ  top+8(FP), SI
	MOVQ  bot+16(FP), BX
	MOVQ  pixels+24(FP), CX
	MOVQ  blocks+32(FP), DX
	MOVQ  DX, R10
	SHLQ  $5, R10 // bytes of one pixel
	TESTQ CX, CX
	JZ    done

pixel:
	MOVQ DX, R9

block:
	VMOVUPS (SI), Y0
	VADDPS  (SI)(R10*1), Y0, Y0
	VADDPS  (BX), Y0, Y0
	VADDPS  (BX)(R10*1), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, BX
	ADDQ    $32, DI
	DECQ    R9
	JNZ     block
	ADDQ    R10, SI // past the second pixel of the pair
	ADDQ    R10, BX
	DECQ    CX
	JNZ     pixel

done:
	VZEROUPPER
	RET

DATA lanes<>+0(SB)/4, $0
DATA lanes<>+4(SB)/4, $1
DATA lanes<>+8(SB)/4, $2
DATA lanes<>+12(SB)/4, $3
DATA lanes<>+16(SB)/4, $4
DATA lanes<>+20(SB)/4, $5
DATA lanes<>+24(SB)/4, $6
DATA lanes<>+28(SB)/4, $7
GLOBL lanes<>(SB), RODATA|NOPTR, $32

// POOLSTEP folds the candidate v (at off(SI)) with index vector idx into the
// running maximum Y0 and its index Y1 as pool2x2Go does: the index moves
// when v > m (ordered), and m becomes Go's max(v, m): the larger value,
// +0 over -0 (the AND of both one-sided maxima), NaN if either is NaN.
#define POOLSTEP(off, idx) \
	VMOVUPS off, Y2;          \
	VCMPPS  $0x1e, Y0, Y2, Y3; \
	VBLENDVPS Y3, idx, Y1, Y1; \
	VMAXPS  Y0, Y2, Y4;       \
	VMAXPS  Y2, Y0, Y5;       \
	VANDPS  Y4, Y5, Y4;       \
	VCMPPS  $3, Y0, Y2, Y5;   \
	VORPS   Y5, Y4, Y0

// func pool2x2RowAsm(y *float32, arg *int32, x *float32, first, rowLen, pixels, blocks int)
//
// Pools pixels output pixels of 8·blocks channels over full 2×2 windows:
// the window of output pixel j starts at x[first + 2·j·c] (c = 8·blocks),
// its second row rowLen values further.
TEXT ·pool2x2RowAsm(SB), NOSPLIT, $0-56
	MOVQ y+0(FP), DI
	MOVQ arg+8(FP), R8
	MOVQ x+16(FP), SI
	MOVQ first+24(FP), R11
	MOVQ rowLen+32(FP), R12
	MOVQ pixels+40(FP), CX
	MOVQ blocks+48(FP), DX
	MOVQ DX, R13
	SHLQ $3, R13          // c
	LEAQ (SI)(R11*4), SI  // &x[first]
	MOVQ R12, R14
	SHLQ $2, R14          // rowLen in bytes
	MOVQ R13, AX
	SHLQ $2, AX          // c in bytes
	VMOVDQU lanes<>(SB), Y15
	MOVQ    R13, X6
	VPBROADCASTD X6, Y14  // c in every lane
	MOVQ    R12, X6
	VPBROADCASTD X6, Y13  // rowLen in every lane
	TESTQ CX, CX
	JZ    done

pixel:
	MOVQ DX, R9
	MOVQ R11, R10 // index of the block's first channel

block:
	MOVQ         R10, X6
	VPBROADCASTD X6, Y6
	VPADDD       Y15, Y6, Y6  // top-left indices
	VPADDD       Y14, Y6, Y7  // top-right
	VPADDD       Y13, Y6, Y8  // bottom-left
	VPADDD       Y14, Y8, Y9  // bottom-right
	VMOVUPS      (SI), Y0
	VMOVDQA      Y6, Y1
	POOLSTEP((SI)(AX*1), Y7)
	POOLSTEP((SI)(R14*1), Y8)
	LEAQ         (SI)(R14*1), BX
	POOLSTEP((BX)(AX*1), Y9)
	VMOVUPS      Y0, (DI)
	VMOVDQU      Y1, (R8)
	ADDQ         $32, SI
	ADDQ         $32, DI
	ADDQ         $32, R8
	ADDQ         $8, R10
	DECQ         R9
	JNZ          block
	ADDQ         AX, SI     // past the second column of the window
	ADDQ         R13, R11
	ADDQ         R13, R11    // first += 2c
	DECQ         CX
	JNZ          pixel

done:
	VZEROUPPER
	RET
