// NEON instructions that Go's arm64 assembler does not know, emitted as
// WORDs. Arguments are register numbers (V0-V31 as 0-31); d is the
// destination. All are 128-bit: .4S is four float32 or int32 lanes, .2D two
// float64 lanes. go tool objdump disassembles them back, which is how the
// encodings were checked.

// Four float32 lanes.
#define FADD4S(d, n, m)  WORD $(0x4E20D400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = Vn + Vm
#define FSUB4S(d, n, m)  WORD $(0x4EA0D400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = Vn - Vm
#define FMUL4S(d, n, m)  WORD $(0x6E20DC00 | ((m)<<16) | ((n)<<5) | (d)) // Vd = Vn * Vm
#define FDIV4S(d, n, m)  WORD $(0x6E20FC00 | ((m)<<16) | ((n)<<5) | (d)) // Vd = Vn / Vm
#define FMAX4S(d, n, m)  WORD $(0x4E20F400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = max(Vn, Vm), NaN propagates, +0 > -0
#define FMIN4S(d, n, m)  WORD $(0x4EA0F400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = min(Vn, Vm), NaN propagates, -0 < +0
#define FCMGT4S(d, n, m) WORD $(0x6EA0E400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = all ones where Vn > Vm (false for NaN)
#define FCMGTZ4S(d, n)   WORD $(0x4EA0C800 | ((n)<<5) | (d))             // Vd = all ones where Vn > 0 (false for NaN)
#define FSQRT4S(d, n)    WORD $(0x6EA1F800 | ((n)<<5) | (d))             // Vd = sqrt(Vn), correctly rounded
#define FRINTM4S(d, n)   WORD $(0x4E219800 | ((n)<<5) | (d))             // Vd = floor(Vn)
#define FCVTZS4S(d, n)   WORD $(0x4EA1B800 | ((n)<<5) | (d))             // Vd = int32(Vn), toward zero

// Two float64 lanes, and widening from float32.
#define FCVTL2D(d, n)    WORD $(0x0E617800 | ((n)<<5) | (d))             // Vd.2D = float64(Vn.S[0:2])
#define FCVTL22D(d, n)   WORD $(0x4E617800 | ((n)<<5) | (d))             // Vd.2D = float64(Vn.S[2:4])
#define FADD2D(d, n, m)  WORD $(0x4E60D400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = Vn + Vm
#define FSUB2D(d, n, m)  WORD $(0x4EE0D400 | ((m)<<16) | ((n)<<5) | (d)) // Vd = Vn - Vm
#define FMLA2D(d, n, m)  WORD $(0x4E60CC00 | ((m)<<16) | ((n)<<5) | (d)) // Vd += Vn * Vm (fused)
#define FADDPD(d, n)     WORD $(0x7E70D800 | ((n)<<5) | (d))             // Dd = Vn.D[0] + Vn.D[1]
