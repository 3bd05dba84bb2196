//go:build amd64 && !purego

#include "textflag.h"
// FWDSTEP is one input value of Forward's 12-pixel block: it loads the
// kernel row at DI into w and adds its product with each pixel's input
// value, broadcast from memory, into that pixel's accumulator. Pixels 0-2
// are at AX, AX+ps, AX+2ps (R9 = ps), 3-5 at R10, 6-8 at R11, 9-11 at R12.
#define FWDSTEP(wr, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) \
	VMOVUPS          (DI), wr;            \
	VFMADD231PS.BCST (AX), wr, a0;        \
	VFMADD231PS.BCST (AX)(R9*1), wr, a1;  \
	VFMADD231PS.BCST (AX)(R9*2), wr, a2;  \
	VFMADD231PS.BCST (R10), wr, a3;       \
	VFMADD231PS.BCST (R10)(R9*1), wr, a4; \
	VFMADD231PS.BCST (R10)(R9*2), wr, a5; \
	VFMADD231PS.BCST (R11), wr, a6;       \
	VFMADD231PS.BCST (R11)(R9*1), wr, a7; \
	VFMADD231PS.BCST (R11)(R9*2), wr, a8; \
	VFMADD231PS.BCST (R12), wr, a9;       \
	VFMADD231PS.BCST (R12)(R9*1), wr, a10; \
	VFMADD231PS.BCST (R12)(R9*2), wr, a11

// FWDSTORE12 stores the 12 accumulators to the pixels DX, DX+zs, ...
// (R8 = zs), leaving DX at the next block's first pixel.
#define FWDSTORE12(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) \
	VMOVUPS a0, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a1, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a2, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a3, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a4, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a5, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a6, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a7, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a8, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a9, (DX);  \
	ADDQ    R8, DX;    \
	VMOVUPS a10, (DX); \
	ADDQ    R8, DX;    \
	VMOVUPS a11, (DX); \
	ADDQ    R8, DX

// ZERO4TO15 clears X4..X15 and so the whole of Z4..Z15.
#define ZERO4TO15 \
	VXORPS X4, X4, X4;    \
	VXORPS X5, X5, X5;    \
	VXORPS X6, X6, X6;    \
	VXORPS X7, X7, X7;    \
	VXORPS X8, X8, X8;    \
	VXORPS X9, X9, X9;    \
	VXORPS X10, X10, X10; \
	VXORPS X11, X11, X11; \
	VXORPS X12, X12, X12; \
	VXORPS X13, X13, X13; \
	VXORPS X14, X14, X14; \
	VXORPS X15, X15, X15

// FWDBODY is the whole of a Forward kernel for accumulators of one width:
// blocks of 12 pixels, for each the k window rows (R14) of kc input values
// (BX) each, then the store.
#define FWDBODY(wr, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) \
	MOVQ z+0(FP), DX;          \
	MOVQ xp+8(FP), SI;         \
	MOVQ blocks+24(FP), CX;    \
	MOVQ ps+48(FP), R9;        \
	MOVQ radj+56(FP), R15;     \
	MOVQ zs+64(FP), R8;        \
	MOVQ ws+72(FP), R13;       \
block:                         \
	ZERO4TO15;                 \
	MOVQ SI, AX;               \
	MOVQ w+16(FP), DI;         \
	MOVQ k+40(FP), R14;        \
row:                           \
	LEAQ (AX)(R9*2), R10;      \
	ADDQ R9, R10;              \
	LEAQ (R10)(R9*2), R11;     \
	ADDQ R9, R11;              \
	LEAQ (R11)(R9*2), R12;     \
	ADDQ R9, R12;              \
	MOVQ kc+32(FP), BX;        \
col:                           \
	FWDSTEP(wr, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11); \
	ADDQ $4, AX;               \
	ADDQ $4, R10;              \
	ADDQ $4, R11;              \
	ADDQ $4, R12;              \
	ADDQ R13, DI;              \
	DECQ BX;                   \
	JNZ  col;                  \
	ADDQ R15, AX;              \
	DECQ R14;                  \
	JNZ  row;                  \
	FWDSTORE12(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11); \
	LEAQ (SI)(R9*4), SI;       \
	LEAQ (SI)(R9*4), SI;       \
	LEAQ (SI)(R9*4), SI;       \
	DECQ CX;                   \
	JNZ  block;                \
	VZEROUPPER;                \
	RET

// GACC adds accumulator a into the kernel-gradient row at R10 and moves
// R10 to the next row (R13 = ws).
#define GACC(a)             \
	VADDPS  (R10), a, a; \
	VMOVUPS a, (R10);    \
	ADDQ    R13, R10

// G8 is one window row (at byte offset index) of eight consecutive input
// values of grad*T8: each times the output gradient g.
#define G8(index, g, a0, a1, a2, a3, a4, a5, a6, a7) \
	VFMADD231PS.BCST 0 index, g, a0;  \
	VFMADD231PS.BCST 4 index, g, a1;  \
	VFMADD231PS.BCST 8 index, g, a2;  \
	VFMADD231PS.BCST 12 index, g, a3; \
	VFMADD231PS.BCST 16 index, g, a4; \
	VFMADD231PS.BCST 20 index, g, a5; \
	VFMADD231PS.BCST 24 index, g, a6; \
	VFMADD231PS.BCST 28 index, g, a7

// G3 is G8 for three input values.
#define G3(index, g, a0, a1, a2) \
	VFMADD231PS.BCST 0 index, g, a0; \
	VFMADD231PS.BCST 4 index, g, a1; \
	VFMADD231PS.BCST 8 index, g, a2

// GRADHEAD loads KernelGrad's arguments: R9 = ps, R15 = rs, R8 = zs,
// R13 = ws, R14 = kc·ws (the bytes from one window row's kernel rows to the
// next), DI = dw, SI = xp, R12 = chunks.
#define GRADHEAD \
	MOVQ ps+40(FP), R9;     \
	MOVQ rs+48(FP), R15;    \
	MOVQ zs+56(FP), R8;     \
	MOVQ ws+64(FP), R13;    \
	MOVQ kcws+72(FP), R14;  \
	MOVQ dw+0(FP), DI;      \
	MOVQ xp+8(FP), SI;      \
	MOVQ chunks+32(FP), R12

// GRADPIX starts the pixel loop of one chunk: AX at the chunk's first
// input value of pixel 0, BX at the output gradient, CX pixels.
#define GRADPIX \
	MOVQ SI, AX;        \
	MOVQ dz+16(FP), BX; \
	MOVQ n+24(FP), CX

// GRADNEXT ends a pixel of the loop.
#define GRADNEXT \
	ADDQ R9, AX; \
	ADDQ R8, BX; \
	DECQ CX

// ZERO8 clears eight accumulators.
#define ZERO8(a0, a1, a2, a3, a4, a5, a6, a7) \
	VPXORD a0, a0, a0; \
	VPXORD a1, a1, a1; \
	VPXORD a2, a2, a2; \
	VPXORD a3, a3, a3; \
	VPXORD a4, a4, a4; \
	VPXORD a5, a5, a5; \
	VPXORD a6, a6, a6; \
	VPXORD a7, a7, a7

// GRADT8 is a whole grad*T8 kernel: chunks of 8 consecutive window values
// of each of the 3 window rows, 24 accumulators, each chunk over all
// pixels.
#define GRADT8(g, a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7, c0, c1, c2, c3, c4, c5, c6, c7) \
	GRADHEAD;                                        \
chunk:                                               \
	ZERO8(a0, a1, a2, a3, a4, a5, a6, a7);           \
	ZERO8(b0, b1, b2, b3, b4, b5, b6, b7);           \
	ZERO8(c0, c1, c2, c3, c4, c5, c6, c7);           \
	GRADPIX;                                         \
pix:                                                 \
	VMOVUPS (BX), g;                                 \
	G8((AX), g, a0, a1, a2, a3, a4, a5, a6, a7);     \
	G8((AX)(R15*1), g, b0, b1, b2, b3, b4, b5, b6, b7); \
	G8((AX)(R15*2), g, c0, c1, c2, c3, c4, c5, c6, c7); \
	GRADNEXT;                                        \
	JNZ pix;                                         \
	MOVQ DI, R10;                                    \
	GACC(a0); GACC(a1); GACC(a2); GACC(a3);          \
	GACC(a4); GACC(a5); GACC(a6); GACC(a7);          \
	LEAQ (DI)(R14*1), R10;                           \
	GACC(b0); GACC(b1); GACC(b2); GACC(b3);          \
	GACC(b4); GACC(b5); GACC(b6); GACC(b7);          \
	LEAQ (DI)(R14*2), R10;                           \
	GACC(c0); GACC(c1); GACC(c2); GACC(c3);          \
	GACC(c4); GACC(c5); GACC(c6); GACC(c7);          \
	ADDQ $32, SI;                                    \
	LEAQ (DI)(R13*8), DI;                            \
	DECQ R12;                                        \
	JNZ  chunk;                                      \
	VZEROUPPER;                                      \
	RET

// GRADT3 is GRADT8 for chunks of 3 window values (9 accumulators).
#define GRADT3(g, a0, a1, a2, b0, b1, b2, c0, c1, c2) \
	GRADHEAD;                                \
chunk:                                       \
	VPXORD a0, a0, a0;                       \
	VPXORD a1, a1, a1;                       \
	VPXORD a2, a2, a2;                       \
	VPXORD b0, b0, b0;                       \
	VPXORD b1, b1, b1;                       \
	VPXORD b2, b2, b2;                       \
	VPXORD c0, c0, c0;                       \
	VPXORD c1, c1, c1;                       \
	VPXORD c2, c2, c2;                       \
	GRADPIX;                                 \
pix:                                         \
	VMOVUPS (BX), g;                         \
	G3((AX), g, a0, a1, a2);                 \
	G3((AX)(R15*1), g, b0, b1, b2);          \
	G3((AX)(R15*2), g, c0, c1, c2);          \
	GRADNEXT;                                \
	JNZ pix;                                 \
	MOVQ DI, R10;                            \
	GACC(a0); GACC(a1); GACC(a2);            \
	LEAQ (DI)(R14*1), R10;                   \
	GACC(b0); GACC(b1); GACC(b2);            \
	LEAQ (DI)(R14*2), R10;                   \
	GACC(c0); GACC(c1); GACC(c2);            \
	ADDQ $12, SI;                            \
	LEAQ (DI)(R13*2), DI;                    \
	ADDQ R13, DI;                            \
	DECQ R12;                                \
	JNZ  chunk;                              \
	VZEROUPPER;                              \
	RET

// HSUM sets X1[0] to the sum of the 16 lanes of Z1 (X2 is clobbered).
#define HSUM \
	VEXTRACTF64X4 $1, Z1, Y2; \
	VADDPS        Y2, Y1, Y1; \
	VEXTRACTF128  $1, Y1, X2; \
	VADDPS        X2, X1, X1; \
	VMOVHLPS      X1, X1, X2; \
	VADDPS        X2, X1, X1; \
	VMOVSHDUP     X1, X2;     \
	VADDSS        X2, X1, X1

// GCACC adds accumulator a into the kernel gradient at off(DI).
#define GCACC(off, a)          \
	VADDPS  off(DI), a, a; \
	VMOVUPS a, off(DI)


// AVX-512 kernels of Forward and KernelGrad; see doc.go for the layout and
// kernels_amd64.go for the arguments. All byte strides are passed in bytes.
// Registers Z16..Z31 (and Y16..Y31) need EVEX encodings, which every
// instruction here that names them has (AVX-512F, with VL for ymm).

// func fwd16(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)
TEXT ·fwd16(SB), NOSPLIT, $0-80
	FWDBODY(Z0, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15)

// func fwd8(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)
TEXT ·fwd8(SB), NOSPLIT, $0-80
	FWDBODY(Y0, Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)

// func grad16T8(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)
TEXT ·grad16T8(SB), NOSPLIT, $0-80
	GRADT8(Z0, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15, Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23, Z24, Z25, Z26, Z27, Z28, Z29, Z30, Z31)

// func grad8T8(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)
TEXT ·grad8T8(SB), NOSPLIT, $0-80
	GRADT8(Y0, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15, Y16, Y17, Y18, Y19, Y20, Y21, Y22, Y23, Y24, Y25, Y26, Y27, Y28, Y29, Y30, Y31)

// func grad16T3(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)
TEXT ·grad16T3(SB), NOSPLIT, $0-80
	GRADT3(Z0, Z8, Z9, Z10, Z11, Z12, Z13, Z14, Z15, Z16)

// func grad8T3(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)
TEXT ·grad8T3(SB), NOSPLIT, $0-80
	GRADT3(Y0, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15, Y16)

// func dot48(z, xp, w *float32, n, ps, rs int)
//
// dot48 is Forward for one output channel and 16 input channels: the 3×3
// kernel's three window rows of 48 values are Z16..Z24, and each pixel's
// rows at AX, AX+rs and AX+2rs (R15 = rs) are three dot products.
TEXT ·dot48(SB), NOSPLIT, $0-48
	MOVQ z+0(FP), DX
	MOVQ xp+8(FP), AX
	MOVQ w+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	VMOVUPS 0(DI), Z16
	VMOVUPS 64(DI), Z17
	VMOVUPS 128(DI), Z18
	VMOVUPS 192(DI), Z19
	VMOVUPS 256(DI), Z20
	VMOVUPS 320(DI), Z21
	VMOVUPS 384(DI), Z22
	VMOVUPS 448(DI), Z23
	VMOVUPS 512(DI), Z24

dot48pix:
	VMULPS      0(AX), Z16, Z1
	VMULPS      0(AX)(R15*1), Z19, Z3
	VMULPS      0(AX)(R15*2), Z22, Z4
	VFMADD231PS 64(AX), Z17, Z1
	VFMADD231PS 64(AX)(R15*1), Z20, Z3
	VFMADD231PS 64(AX)(R15*2), Z23, Z4
	VFMADD231PS 128(AX), Z18, Z1
	VFMADD231PS 128(AX)(R15*1), Z21, Z3
	VFMADD231PS 128(AX)(R15*2), Z24, Z4
	VADDPS      Z3, Z1, Z1
	VADDPS      Z4, Z1, Z1
	HSUM
	VMOVSS      X1, (DX)
	ADDQ        R9, AX
	ADDQ        $4, DX
	DECQ        CX
	JNZ         dot48pix
	VZEROUPPER
	RET

// func dot96(z, xp, w *float32, n, ps, rs int)
//
// dot96 is dot48 for 32 input channels: window rows of 96 values, the
// kernel in Z14..Z31.
TEXT ·dot96(SB), NOSPLIT, $0-48
	MOVQ z+0(FP), DX
	MOVQ xp+8(FP), AX
	MOVQ w+16(FP), DI
	MOVQ n+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	VMOVUPS 0(DI), Z14
	VMOVUPS 64(DI), Z15
	VMOVUPS 128(DI), Z16
	VMOVUPS 192(DI), Z17
	VMOVUPS 256(DI), Z18
	VMOVUPS 320(DI), Z19
	VMOVUPS 384(DI), Z20
	VMOVUPS 448(DI), Z21
	VMOVUPS 512(DI), Z22
	VMOVUPS 576(DI), Z23
	VMOVUPS 640(DI), Z24
	VMOVUPS 704(DI), Z25
	VMOVUPS 768(DI), Z26
	VMOVUPS 832(DI), Z27
	VMOVUPS 896(DI), Z28
	VMOVUPS 960(DI), Z29
	VMOVUPS 1024(DI), Z30
	VMOVUPS 1088(DI), Z31

dot96pix:
	VMULPS      0(AX), Z14, Z1
	VMULPS      0(AX)(R15*1), Z20, Z3
	VMULPS      0(AX)(R15*2), Z26, Z4
	VFMADD231PS 64(AX), Z15, Z1
	VFMADD231PS 64(AX)(R15*1), Z21, Z3
	VFMADD231PS 64(AX)(R15*2), Z27, Z4
	VFMADD231PS 128(AX), Z16, Z1
	VFMADD231PS 128(AX)(R15*1), Z22, Z3
	VFMADD231PS 128(AX)(R15*2), Z28, Z4
	VFMADD231PS 192(AX), Z17, Z1
	VFMADD231PS 192(AX)(R15*1), Z23, Z3
	VFMADD231PS 192(AX)(R15*2), Z29, Z4
	VFMADD231PS 256(AX), Z18, Z1
	VFMADD231PS 256(AX)(R15*1), Z24, Z3
	VFMADD231PS 256(AX)(R15*2), Z30, Z4
	VFMADD231PS 320(AX), Z19, Z1
	VFMADD231PS 320(AX)(R15*1), Z25, Z3
	VFMADD231PS 320(AX)(R15*2), Z31, Z4
	VADDPS      Z3, Z1, Z1
	VADDPS      Z4, Z1, Z1
	HSUM
	VMOVSS      X1, (DX)
	ADDQ        R9, AX
	ADDQ        $4, DX
	DECQ        CX
	JNZ         dot96pix
	VZEROUPPER
	RET

// func gradC48(dw, xp, dz *float32, n, ps, rs, zs int)
//
// gradC48 is KernelGrad for one output channel and 16 input channels: the
// three window rows of 48 values accumulate in Z8..Z16 under the pixel's
// output gradient, broadcast into Z0.
TEXT ·gradC48(SB), NOSPLIT, $0-56
	MOVQ dw+0(FP), DI
	MOVQ xp+8(FP), AX
	MOVQ dz+16(FP), BX
	MOVQ n+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	MOVQ zs+48(FP), R8
	VPXORD Z8, Z8, Z8
	VPXORD Z9, Z9, Z9
	VPXORD Z10, Z10, Z10
	VPXORD Z11, Z11, Z11
	VPXORD Z12, Z12, Z12
	VPXORD Z13, Z13, Z13
	VPXORD Z14, Z14, Z14
	VPXORD Z15, Z15, Z15
	VPXORD Z16, Z16, Z16

gradC48pix:
	VBROADCASTSS (BX), Z0
	VFMADD231PS  0(AX), Z0, Z8
	VFMADD231PS  64(AX), Z0, Z9
	VFMADD231PS  128(AX), Z0, Z10
	VFMADD231PS  0(AX)(R15*1), Z0, Z11
	VFMADD231PS  64(AX)(R15*1), Z0, Z12
	VFMADD231PS  128(AX)(R15*1), Z0, Z13
	VFMADD231PS  0(AX)(R15*2), Z0, Z14
	VFMADD231PS  64(AX)(R15*2), Z0, Z15
	VFMADD231PS  128(AX)(R15*2), Z0, Z16
	ADDQ         R9, AX
	ADDQ         R8, BX
	DECQ         CX
	JNZ          gradC48pix

	GCACC(0, Z8)
	GCACC(64, Z9)
	GCACC(128, Z10)
	GCACC(192, Z11)
	GCACC(256, Z12)
	GCACC(320, Z13)
	GCACC(384, Z14)
	GCACC(448, Z15)
	GCACC(512, Z16)
	VZEROUPPER
	RET

// func gradC96(dw, xp, dz *float32, n, ps, rs, zs int)
//
// gradC96 is gradC48 for 32 input channels: 18 accumulators, Z8..Z25.
TEXT ·gradC96(SB), NOSPLIT, $0-56
	MOVQ dw+0(FP), DI
	MOVQ xp+8(FP), AX
	MOVQ dz+16(FP), BX
	MOVQ n+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	MOVQ zs+48(FP), R8
	VPXORD Z8, Z8, Z8
	VPXORD Z9, Z9, Z9
	VPXORD Z10, Z10, Z10
	VPXORD Z11, Z11, Z11
	VPXORD Z12, Z12, Z12
	VPXORD Z13, Z13, Z13
	VPXORD Z14, Z14, Z14
	VPXORD Z15, Z15, Z15
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	VPXORD Z24, Z24, Z24
	VPXORD Z25, Z25, Z25

gradC96pix:
	VBROADCASTSS (BX), Z0
	VFMADD231PS  0(AX), Z0, Z8
	VFMADD231PS  64(AX), Z0, Z9
	VFMADD231PS  128(AX), Z0, Z10
	VFMADD231PS  192(AX), Z0, Z11
	VFMADD231PS  256(AX), Z0, Z12
	VFMADD231PS  320(AX), Z0, Z13
	VFMADD231PS  0(AX)(R15*1), Z0, Z14
	VFMADD231PS  64(AX)(R15*1), Z0, Z15
	VFMADD231PS  128(AX)(R15*1), Z0, Z16
	VFMADD231PS  192(AX)(R15*1), Z0, Z17
	VFMADD231PS  256(AX)(R15*1), Z0, Z18
	VFMADD231PS  320(AX)(R15*1), Z0, Z19
	VFMADD231PS  0(AX)(R15*2), Z0, Z20
	VFMADD231PS  64(AX)(R15*2), Z0, Z21
	VFMADD231PS  128(AX)(R15*2), Z0, Z22
	VFMADD231PS  192(AX)(R15*2), Z0, Z23
	VFMADD231PS  256(AX)(R15*2), Z0, Z24
	VFMADD231PS  320(AX)(R15*2), Z0, Z25
	ADDQ         R9, AX
	ADDQ         R8, BX
	DECQ         CX
	JNZ          gradC96pix

	GCACC(0, Z8)
	GCACC(64, Z9)
	GCACC(128, Z10)
	GCACC(192, Z11)
	GCACC(256, Z12)
	GCACC(320, Z13)
	GCACC(384, Z14)
	GCACC(448, Z15)
	GCACC(512, Z16)
	GCACC(576, Z17)
	GCACC(640, Z18)
	GCACC(704, Z19)
	GCACC(768, Z20)
	GCACC(832, Z21)
	GCACC(896, Z22)
	GCACC(960, Z23)
	GCACC(1024, Z24)
	GCACC(1088, Z25)
	VZEROUPPER
	RET


// The AVX2 kernels below (no AVX-512 needed: VEX encodings, Y0..Y15 only)
// do what fwd16, fwd8, grad8T8 and grad8T3 do with a VBROADCASTSS per
// input value, as AVX2 has no broadcast memory operands, and fewer
// accumulators, as it has 16 vector registers.

// func fwd16x2(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)
//
// fwd16x2 is fwd16 in two ymm halves for 6 pixels at a time: blocks counts
// 6-pixel blocks; accumulators Y4..Y15 (two per pixel), the kernel row in
// Y0:Y1.
TEXT ·fwd16x2(SB), NOSPLIT, $0-80
	MOVQ z+0(FP), DX
	MOVQ xp+8(FP), SI
	MOVQ blocks+24(FP), CX
	MOVQ ps+48(FP), R9
	MOVQ radj+56(FP), R15
	MOVQ zs+64(FP), R8
	MOVQ ws+72(FP), R13

f2block:
	ZERO4TO15
	MOVQ SI, AX
	MOVQ w+16(FP), DI
	MOVQ k+40(FP), R14

f2row:
	LEAQ (AX)(R9*2), R10
	ADDQ R9, R10
	MOVQ kc+32(FP), BX

f2col:
	VMOVUPS      (DI), Y0
	VMOVUPS      32(DI), Y1
	VBROADCASTSS (AX), Y2
	VFMADD231PS  Y2, Y0, Y4
	VFMADD231PS  Y2, Y1, Y5
	VBROADCASTSS (AX)(R9*1), Y3
	VFMADD231PS  Y3, Y0, Y6
	VFMADD231PS  Y3, Y1, Y7
	VBROADCASTSS (AX)(R9*2), Y2
	VFMADD231PS  Y2, Y0, Y8
	VFMADD231PS  Y2, Y1, Y9
	VBROADCASTSS (R10), Y3
	VFMADD231PS  Y3, Y0, Y10
	VFMADD231PS  Y3, Y1, Y11
	VBROADCASTSS (R10)(R9*1), Y2
	VFMADD231PS  Y2, Y0, Y12
	VFMADD231PS  Y2, Y1, Y13
	VBROADCASTSS (R10)(R9*2), Y3
	VFMADD231PS  Y3, Y0, Y14
	VFMADD231PS  Y3, Y1, Y15
	ADDQ         $4, AX
	ADDQ         $4, R10
	ADDQ         R13, DI
	DECQ         BX
	JNZ          f2col
	ADDQ         R15, AX
	DECQ         R14
	JNZ          f2row
	VMOVUPS Y4, (DX)
	VMOVUPS Y5, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y6, (DX)
	VMOVUPS Y7, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y8, (DX)
	VMOVUPS Y9, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y10, (DX)
	VMOVUPS Y11, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y12, (DX)
	VMOVUPS Y13, 32(DX)
	ADDQ    R8, DX
	VMOVUPS Y14, (DX)
	VMOVUPS Y15, 32(DX)
	ADDQ    R8, DX
	LEAQ (SI)(R9*4), SI
	LEAQ (SI)(R9*2), SI
	DECQ CX
	JNZ  f2block
	VZEROUPPER
	RET

// func fwd8x1(z, xp, w *float32, blocks, kc, k, ps, radj, zs, ws int)
//
// fwd8x1 is fwd8 with a VBROADCASTSS per input value: 12 pixels, Y4..Y15.
TEXT ·fwd8x1(SB), NOSPLIT, $0-80
	MOVQ z+0(FP), DX
	MOVQ xp+8(FP), SI
	MOVQ blocks+24(FP), CX
	MOVQ ps+48(FP), R9
	MOVQ radj+56(FP), R15
	MOVQ zs+64(FP), R8
	MOVQ ws+72(FP), R13

f1block:
	ZERO4TO15
	MOVQ SI, AX
	MOVQ w+16(FP), DI
	MOVQ k+40(FP), R14

f1row:
	LEAQ (AX)(R9*2), R10
	ADDQ R9, R10
	LEAQ (R10)(R9*2), R11
	ADDQ R9, R11
	LEAQ (R11)(R9*2), R12
	ADDQ R9, R12
	MOVQ kc+32(FP), BX

f1col:
	VMOVUPS      (DI), Y0
	VBROADCASTSS (AX), Y1
	VFMADD231PS  Y1, Y0, Y4
	VBROADCASTSS (AX)(R9*1), Y2
	VFMADD231PS  Y2, Y0, Y5
	VBROADCASTSS (AX)(R9*2), Y1
	VFMADD231PS  Y1, Y0, Y6
	VBROADCASTSS (R10), Y2
	VFMADD231PS  Y2, Y0, Y7
	VBROADCASTSS (R10)(R9*1), Y1
	VFMADD231PS  Y1, Y0, Y8
	VBROADCASTSS (R10)(R9*2), Y2
	VFMADD231PS  Y2, Y0, Y9
	VBROADCASTSS (R11), Y1
	VFMADD231PS  Y1, Y0, Y10
	VBROADCASTSS (R11)(R9*1), Y2
	VFMADD231PS  Y2, Y0, Y11
	VBROADCASTSS (R11)(R9*2), Y1
	VFMADD231PS  Y1, Y0, Y12
	VBROADCASTSS (R12), Y2
	VFMADD231PS  Y2, Y0, Y13
	VBROADCASTSS (R12)(R9*1), Y1
	VFMADD231PS  Y1, Y0, Y14
	VBROADCASTSS (R12)(R9*2), Y2
	VFMADD231PS  Y2, Y0, Y15
	ADDQ         $4, AX
	ADDQ         $4, R10
	ADDQ         $4, R11
	ADDQ         $4, R12
	ADDQ         R13, DI
	DECQ         BX
	JNZ          f1col
	ADDQ         R15, AX
	DECQ         R14
	JNZ          f1row
	FWDSTORE12(Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)
	LEAQ (SI)(R9*4), SI
	LEAQ (SI)(R9*4), SI
	LEAQ (SI)(R9*4), SI
	DECQ CX
	JNZ  f1block
	VZEROUPPER
	RET

// func grad8x1T4(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)
//
// grad8x1T4 is grad8T4 with a VBROADCASTSS per input value: chunks of 4
// window values of each window row, accumulators Y4..Y15.
TEXT ·grad8x1T4(SB), NOSPLIT, $0-80
	GRADHEAD

grad8x1T4chunk:
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
	GRADPIX

grad8x1T4pix:
	VMOVUPS (BX), Y0
	VBROADCASTSS 0(AX), Y1
	VFMADD231PS  Y1, Y0, Y4
	VBROADCASTSS 4(AX), Y2
	VFMADD231PS  Y2, Y0, Y5
	VBROADCASTSS 8(AX), Y1
	VFMADD231PS  Y1, Y0, Y6
	VBROADCASTSS 12(AX), Y2
	VFMADD231PS  Y2, Y0, Y7
	VBROADCASTSS 0(AX)(R15*1), Y1
	VFMADD231PS  Y1, Y0, Y8
	VBROADCASTSS 4(AX)(R15*1), Y2
	VFMADD231PS  Y2, Y0, Y9
	VBROADCASTSS 8(AX)(R15*1), Y1
	VFMADD231PS  Y1, Y0, Y10
	VBROADCASTSS 12(AX)(R15*1), Y2
	VFMADD231PS  Y2, Y0, Y11
	VBROADCASTSS 0(AX)(R15*2), Y1
	VFMADD231PS  Y1, Y0, Y12
	VBROADCASTSS 4(AX)(R15*2), Y2
	VFMADD231PS  Y2, Y0, Y13
	VBROADCASTSS 8(AX)(R15*2), Y1
	VFMADD231PS  Y1, Y0, Y14
	VBROADCASTSS 12(AX)(R15*2), Y2
	VFMADD231PS  Y2, Y0, Y15
	GRADNEXT
	JNZ grad8x1T4pix
	MOVQ DI, R10
	GACC(Y4)
	GACC(Y5)
	GACC(Y6)
	GACC(Y7)
	LEAQ (DI)(R14*1), R10
	GACC(Y8)
	GACC(Y9)
	GACC(Y10)
	GACC(Y11)
	LEAQ (DI)(R14*2), R10
	GACC(Y12)
	GACC(Y13)
	GACC(Y14)
	GACC(Y15)
	ADDQ $16, SI
	LEAQ (DI)(R13*4), DI
	DECQ R12
	JNZ  grad8x1T4chunk
	VZEROUPPER
	RET

// func grad8x1T3(dw, xp, dz *float32, n, chunks, ps, rs, zs, ws, kcws int)
//
// grad8x1T3 is grad8T3 with a VBROADCASTSS per input value: chunks of 3
// window values of each window row, accumulators Y4..Y12.
TEXT ·grad8x1T3(SB), NOSPLIT, $0-80
	GRADHEAD

grad8x1T3chunk:
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12
	GRADPIX

grad8x1T3pix:
	VMOVUPS (BX), Y0
	VBROADCASTSS 0(AX), Y1
	VFMADD231PS  Y1, Y0, Y4
	VBROADCASTSS 4(AX), Y2
	VFMADD231PS  Y2, Y0, Y5
	VBROADCASTSS 8(AX), Y1
	VFMADD231PS  Y1, Y0, Y6
	VBROADCASTSS 0(AX)(R15*1), Y2
	VFMADD231PS  Y2, Y0, Y7
	VBROADCASTSS 4(AX)(R15*1), Y1
	VFMADD231PS  Y1, Y0, Y8
	VBROADCASTSS 8(AX)(R15*1), Y2
	VFMADD231PS  Y2, Y0, Y9
	VBROADCASTSS 0(AX)(R15*2), Y1
	VFMADD231PS  Y1, Y0, Y10
	VBROADCASTSS 4(AX)(R15*2), Y2
	VFMADD231PS  Y2, Y0, Y11
	VBROADCASTSS 8(AX)(R15*2), Y1
	VFMADD231PS  Y1, Y0, Y12
	GRADNEXT
	JNZ grad8x1T3pix
	MOVQ DI, R10
	GACC(Y4)
	GACC(Y5)
	GACC(Y6)
	LEAQ (DI)(R14*1), R10
	GACC(Y7)
	GACC(Y8)
	GACC(Y9)
	LEAQ (DI)(R14*2), R10
	GACC(Y10)
	GACC(Y11)
	GACC(Y12)
	ADDQ $12, SI
	LEAQ (DI)(R13*2), DI
	ADDQ R13, DI
	DECQ R12
	JNZ  grad8x1T3chunk
	VZEROUPPER
	RET

// func dot2x48(z, xp, w *float32, pairs, ps, rs int)
//
// dot2x48 is dot48 with AVX2, two pixels at a time: the kernel does not
// fit in 16 ymm registers, so each of its 18 8-value pieces is loaded once
// for both pixels, whose window rows accumulate in Y4..Y6 and Y7..Y9.
TEXT ·dot2x48(SB), NOSPLIT, $0-48
	MOVQ z+0(FP), DX
	MOVQ xp+8(FP), AX
	MOVQ w+16(FP), DI
	MOVQ pairs+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	LEAQ (AX)(R9*1), BX

dot2x48pair:
	VMOVUPS     0(DI), Y0
	VMULPS      0(AX), Y0, Y4
	VMULPS      0(BX), Y0, Y7
	VMOVUPS     32(DI), Y1
	VFMADD231PS 32(AX), Y1, Y4
	VFMADD231PS 32(BX), Y1, Y7
	VMOVUPS     64(DI), Y0
	VFMADD231PS 64(AX), Y0, Y4
	VFMADD231PS 64(BX), Y0, Y7
	VMOVUPS     96(DI), Y1
	VFMADD231PS 96(AX), Y1, Y4
	VFMADD231PS 96(BX), Y1, Y7
	VMOVUPS     128(DI), Y0
	VFMADD231PS 128(AX), Y0, Y4
	VFMADD231PS 128(BX), Y0, Y7
	VMOVUPS     160(DI), Y1
	VFMADD231PS 160(AX), Y1, Y4
	VFMADD231PS 160(BX), Y1, Y7
	VMOVUPS     192(DI), Y0
	VMULPS      0(AX)(R15*1), Y0, Y5
	VMULPS      0(BX)(R15*1), Y0, Y8
	VMOVUPS     224(DI), Y1
	VFMADD231PS 32(AX)(R15*1), Y1, Y5
	VFMADD231PS 32(BX)(R15*1), Y1, Y8
	VMOVUPS     256(DI), Y0
	VFMADD231PS 64(AX)(R15*1), Y0, Y5
	VFMADD231PS 64(BX)(R15*1), Y0, Y8
	VMOVUPS     288(DI), Y1
	VFMADD231PS 96(AX)(R15*1), Y1, Y5
	VFMADD231PS 96(BX)(R15*1), Y1, Y8
	VMOVUPS     320(DI), Y0
	VFMADD231PS 128(AX)(R15*1), Y0, Y5
	VFMADD231PS 128(BX)(R15*1), Y0, Y8
	VMOVUPS     352(DI), Y1
	VFMADD231PS 160(AX)(R15*1), Y1, Y5
	VFMADD231PS 160(BX)(R15*1), Y1, Y8
	VMOVUPS     384(DI), Y0
	VMULPS      0(AX)(R15*2), Y0, Y6
	VMULPS      0(BX)(R15*2), Y0, Y9
	VMOVUPS     416(DI), Y1
	VFMADD231PS 32(AX)(R15*2), Y1, Y6
	VFMADD231PS 32(BX)(R15*2), Y1, Y9
	VMOVUPS     448(DI), Y0
	VFMADD231PS 64(AX)(R15*2), Y0, Y6
	VFMADD231PS 64(BX)(R15*2), Y0, Y9
	VMOVUPS     480(DI), Y1
	VFMADD231PS 96(AX)(R15*2), Y1, Y6
	VFMADD231PS 96(BX)(R15*2), Y1, Y9
	VMOVUPS     512(DI), Y0
	VFMADD231PS 128(AX)(R15*2), Y0, Y6
	VFMADD231PS 128(BX)(R15*2), Y0, Y9
	VMOVUPS     544(DI), Y1
	VFMADD231PS 160(AX)(R15*2), Y1, Y6
	VFMADD231PS 160(BX)(R15*2), Y1, Y9
	VADDPS      Y5, Y4, Y4
	VADDPS      Y6, Y4, Y4
	VADDPS      Y8, Y7, Y7
	VADDPS      Y9, Y7, Y7
	VEXTRACTF128 $1, Y4, X2
	VADDPS      X2, X4, X4
	VEXTRACTF128 $1, Y7, X3
	VADDPS      X3, X7, X7
	VMOVHLPS    X4, X4, X2
	VADDPS      X2, X4, X4
	VMOVHLPS    X7, X7, X3
	VADDPS      X3, X7, X7
	VMOVSHDUP   X4, X2
	VADDSS      X2, X4, X4
	VMOVSHDUP   X7, X3
	VADDSS      X3, X7, X7
	VMOVSS      X4, (DX)
	VMOVSS      X7, 4(DX)
	LEAQ        (AX)(R9*2), AX
	LEAQ        (BX)(R9*2), BX
	ADDQ        $8, DX
	DECQ        CX
	JNZ         dot2x48pair
	VZEROUPPER
	RET

// func dot2x96(z, xp, w *float32, pairs, ps, rs int)
//
// dot2x96 is dot96 with AVX2, two pixels at a time: the kernel does not
// fit in 16 ymm registers, so each of its 36 8-value pieces is loaded once
// for both pixels, whose window rows accumulate in Y4..Y6 and Y7..Y9.
TEXT ·dot2x96(SB), NOSPLIT, $0-48
	MOVQ z+0(FP), DX
	MOVQ xp+8(FP), AX
	MOVQ w+16(FP), DI
	MOVQ pairs+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	LEAQ (AX)(R9*1), BX

dot2x96pair:
	VMOVUPS     0(DI), Y0
	VMULPS      0(AX), Y0, Y4
	VMULPS      0(BX), Y0, Y7
	VMOVUPS     32(DI), Y1
	VFMADD231PS 32(AX), Y1, Y4
	VFMADD231PS 32(BX), Y1, Y7
	VMOVUPS     64(DI), Y0
	VFMADD231PS 64(AX), Y0, Y4
	VFMADD231PS 64(BX), Y0, Y7
	VMOVUPS     96(DI), Y1
	VFMADD231PS 96(AX), Y1, Y4
	VFMADD231PS 96(BX), Y1, Y7
	VMOVUPS     128(DI), Y0
	VFMADD231PS 128(AX), Y0, Y4
	VFMADD231PS 128(BX), Y0, Y7
	VMOVUPS     160(DI), Y1
	VFMADD231PS 160(AX), Y1, Y4
	VFMADD231PS 160(BX), Y1, Y7
	VMOVUPS     192(DI), Y0
	VFMADD231PS 192(AX), Y0, Y4
	VFMADD231PS 192(BX), Y0, Y7
	VMOVUPS     224(DI), Y1
	VFMADD231PS 224(AX), Y1, Y4
	VFMADD231PS 224(BX), Y1, Y7
	VMOVUPS     256(DI), Y0
	VFMADD231PS 256(AX), Y0, Y4
	VFMADD231PS 256(BX), Y0, Y7
	VMOVUPS     288(DI), Y1
	VFMADD231PS 288(AX), Y1, Y4
	VFMADD231PS 288(BX), Y1, Y7
	VMOVUPS     320(DI), Y0
	VFMADD231PS 320(AX), Y0, Y4
	VFMADD231PS 320(BX), Y0, Y7
	VMOVUPS     352(DI), Y1
	VFMADD231PS 352(AX), Y1, Y4
	VFMADD231PS 352(BX), Y1, Y7
	VMOVUPS     384(DI), Y0
	VMULPS      0(AX)(R15*1), Y0, Y5
	VMULPS      0(BX)(R15*1), Y0, Y8
	VMOVUPS     416(DI), Y1
	VFMADD231PS 32(AX)(R15*1), Y1, Y5
	VFMADD231PS 32(BX)(R15*1), Y1, Y8
	VMOVUPS     448(DI), Y0
	VFMADD231PS 64(AX)(R15*1), Y0, Y5
	VFMADD231PS 64(BX)(R15*1), Y0, Y8
	VMOVUPS     480(DI), Y1
	VFMADD231PS 96(AX)(R15*1), Y1, Y5
	VFMADD231PS 96(BX)(R15*1), Y1, Y8
	VMOVUPS     512(DI), Y0
	VFMADD231PS 128(AX)(R15*1), Y0, Y5
	VFMADD231PS 128(BX)(R15*1), Y0, Y8
	VMOVUPS     544(DI), Y1
	VFMADD231PS 160(AX)(R15*1), Y1, Y5
	VFMADD231PS 160(BX)(R15*1), Y1, Y8
	VMOVUPS     576(DI), Y0
	VFMADD231PS 192(AX)(R15*1), Y0, Y5
	VFMADD231PS 192(BX)(R15*1), Y0, Y8
	VMOVUPS     608(DI), Y1
	VFMADD231PS 224(AX)(R15*1), Y1, Y5
	VFMADD231PS 224(BX)(R15*1), Y1, Y8
	VMOVUPS     640(DI), Y0
	VFMADD231PS 256(AX)(R15*1), Y0, Y5
	VFMADD231PS 256(BX)(R15*1), Y0, Y8
	VMOVUPS     672(DI), Y1
	VFMADD231PS 288(AX)(R15*1), Y1, Y5
	VFMADD231PS 288(BX)(R15*1), Y1, Y8
	VMOVUPS     704(DI), Y0
	VFMADD231PS 320(AX)(R15*1), Y0, Y5
	VFMADD231PS 320(BX)(R15*1), Y0, Y8
	VMOVUPS     736(DI), Y1
	VFMADD231PS 352(AX)(R15*1), Y1, Y5
	VFMADD231PS 352(BX)(R15*1), Y1, Y8
	VMOVUPS     768(DI), Y0
	VMULPS      0(AX)(R15*2), Y0, Y6
	VMULPS      0(BX)(R15*2), Y0, Y9
	VMOVUPS     800(DI), Y1
	VFMADD231PS 32(AX)(R15*2), Y1, Y6
	VFMADD231PS 32(BX)(R15*2), Y1, Y9
	VMOVUPS     832(DI), Y0
	VFMADD231PS 64(AX)(R15*2), Y0, Y6
	VFMADD231PS 64(BX)(R15*2), Y0, Y9
	VMOVUPS     864(DI), Y1
	VFMADD231PS 96(AX)(R15*2), Y1, Y6
	VFMADD231PS 96(BX)(R15*2), Y1, Y9
	VMOVUPS     896(DI), Y0
	VFMADD231PS 128(AX)(R15*2), Y0, Y6
	VFMADD231PS 128(BX)(R15*2), Y0, Y9
	VMOVUPS     928(DI), Y1
	VFMADD231PS 160(AX)(R15*2), Y1, Y6
	VFMADD231PS 160(BX)(R15*2), Y1, Y9
	VMOVUPS     960(DI), Y0
	VFMADD231PS 192(AX)(R15*2), Y0, Y6
	VFMADD231PS 192(BX)(R15*2), Y0, Y9
	VMOVUPS     992(DI), Y1
	VFMADD231PS 224(AX)(R15*2), Y1, Y6
	VFMADD231PS 224(BX)(R15*2), Y1, Y9
	VMOVUPS     1024(DI), Y0
	VFMADD231PS 256(AX)(R15*2), Y0, Y6
	VFMADD231PS 256(BX)(R15*2), Y0, Y9
	VMOVUPS     1056(DI), Y1
	VFMADD231PS 288(AX)(R15*2), Y1, Y6
	VFMADD231PS 288(BX)(R15*2), Y1, Y9
	VMOVUPS     1088(DI), Y0
	VFMADD231PS 320(AX)(R15*2), Y0, Y6
	VFMADD231PS 320(BX)(R15*2), Y0, Y9
	VMOVUPS     1120(DI), Y1
	VFMADD231PS 352(AX)(R15*2), Y1, Y6
	VFMADD231PS 352(BX)(R15*2), Y1, Y9
	VADDPS      Y5, Y4, Y4
	VADDPS      Y6, Y4, Y4
	VADDPS      Y8, Y7, Y7
	VADDPS      Y9, Y7, Y7
	VEXTRACTF128 $1, Y4, X2
	VADDPS      X2, X4, X4
	VEXTRACTF128 $1, Y7, X3
	VADDPS      X3, X7, X7
	VMOVHLPS    X4, X4, X2
	VADDPS      X2, X4, X4
	VMOVHLPS    X7, X7, X3
	VADDPS      X3, X7, X7
	VMOVSHDUP   X4, X2
	VADDSS      X2, X4, X4
	VMOVSHDUP   X7, X3
	VADDSS      X3, X7, X7
	VMOVSS      X4, (DX)
	VMOVSS      X7, 4(DX)
	LEAQ        (AX)(R9*2), AX
	LEAQ        (BX)(R9*2), BX
	ADDQ        $8, DX
	DECQ        CX
	JNZ         dot2x96pair
	VZEROUPPER
	RET

// func gradC3x3(dw, xp, dz *float32, n, ps, rs, zs, dwrs int)
//
// gradC3x3 is one pass of gradC48 or gradC96 with AVX2: three 8-value
// pieces of each of the three window rows (at xp, xp+rs, xp+2rs) in
// Y4..Y12 under the broadcast output gradient; the caller moves xp and dw
// along the rows for the next pass. dwrs is the bytes from one window row's
// kernel gradient to the next.
TEXT ·gradC3x3(SB), NOSPLIT, $0-64
	MOVQ dw+0(FP), DI
	MOVQ xp+8(FP), AX
	MOVQ dz+16(FP), BX
	MOVQ n+24(FP), CX
	MOVQ ps+32(FP), R9
	MOVQ rs+40(FP), R15
	MOVQ zs+48(FP), R8
	MOVQ dwrs+56(FP), R10
	VXORPS Y4, Y4, Y4
	VXORPS Y5, Y5, Y5
	VXORPS Y6, Y6, Y6
	VXORPS Y7, Y7, Y7
	VXORPS Y8, Y8, Y8
	VXORPS Y9, Y9, Y9
	VXORPS Y10, Y10, Y10
	VXORPS Y11, Y11, Y11
	VXORPS Y12, Y12, Y12

gradC3x3pix:
	VBROADCASTSS (BX), Y0
	VFMADD231PS  0(AX), Y0, Y4
	VFMADD231PS  32(AX), Y0, Y5
	VFMADD231PS  64(AX), Y0, Y6
	VFMADD231PS  0(AX)(R15*1), Y0, Y7
	VFMADD231PS  32(AX)(R15*1), Y0, Y8
	VFMADD231PS  64(AX)(R15*1), Y0, Y9
	VFMADD231PS  0(AX)(R15*2), Y0, Y10
	VFMADD231PS  32(AX)(R15*2), Y0, Y11
	VFMADD231PS  64(AX)(R15*2), Y0, Y12
	ADDQ         R9, AX
	ADDQ         R8, BX
	DECQ         CX
	JNZ          gradC3x3pix
	VADDPS  0(DI), Y4, Y4
	VMOVUPS Y4, 0(DI)
	VADDPS  32(DI), Y5, Y5
	VMOVUPS Y5, 32(DI)
	VADDPS  64(DI), Y6, Y6
	VMOVUPS Y6, 64(DI)
	VADDPS  0(DI)(R10*1), Y7, Y7
	VMOVUPS Y7, 0(DI)(R10*1)
	VADDPS  32(DI)(R10*1), Y8, Y8
	VMOVUPS Y8, 32(DI)(R10*1)
	VADDPS  64(DI)(R10*1), Y9, Y9
	VMOVUPS Y9, 64(DI)(R10*1)
	VADDPS  0(DI)(R10*2), Y10, Y10
	VMOVUPS Y10, 0(DI)(R10*2)
	VADDPS  32(DI)(R10*2), Y11, Y11
	VMOVUPS Y11, 32(DI)(R10*2)
	VADDPS  64(DI)(R10*2), Y12, Y12
	VMOVUPS Y12, 64(DI)(R10*2)
	VZEROUPPER
	RET
