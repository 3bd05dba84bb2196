package gemm

// packB packs columns [q0*nr, q1*nr) of op(B) (k×n) into nr-wide panels:
// panel q occupies dst[q*k*nr:(q+1)*k*nr] with B(p, q*nr+j) at p*nr+j.
// Columns past n are zero-filled.
func packB(dst []float32, transB bool, b []float32, ldb, n, k, q0, q1 int) {
	for q := q0; q < q1; q++ {
		col := q * nr
		cols := min(nr, n-col)
		d := dst[q*k*nr : (q+1)*k*nr]
		switch {
		case !transB && cols == nr:
			if k > 0 {
				packPanel16(d, b[col:], k, ldb)
			}
		case !transB:
			for p := 0; p < k; p++ {
				dp := (*[nr]float32)(d[p*nr:])
				copy(dp[:], b[p*ldb+col:p*ldb+col+cols])
				clear(dp[cols:])
			}
		default:
			// op(B)(p, j) = b[j*ldb+p]: a whole panel by 8×8 transposes
			// where the CPU has them, then stream each stored row into a
			// column of the panel, four rows at a time.
			p0 := 0
			if cols == nr {
				p0 = packPanel16T(d, b[col*ldb:], k, ldb)
			}
			j := 0
			for ; j+4 <= cols; j += 4 {
				r0 := b[(col+j)*ldb:][:k]
				r1 := b[(col+j+1)*ldb:][:k]
				r2 := b[(col+j+2)*ldb:][:k]
				r3 := b[(col+j+3)*ldb:][:k]
				for p := p0; p < k; p++ {
					dp := (*[4]float32)(d[p*nr+j:])
					dp[0], dp[1], dp[2], dp[3] = r0[p], r1[p], r2[p], r3[p]
				}
			}
			for ; j < cols; j++ {
				r := b[(col+j)*ldb:][:k]
				for p := p0; p < k; p++ {
					d[p*nr+j] = r[p]
				}
			}
			if cols < nr {
				for p := 0; p < k; p++ {
					clear(d[p*nr+cols : p*nr+nr])
				}
			}
		}
	}
}

// packPanel16Go is packPanel16 in Go.
func packPanel16Go(d, b []float32, k, ldb int) {
	for p := 0; p < k; p++ {
		*(*[nr]float32)(d[p*nr:]) = *(*[nr]float32)(b[p*ldb:])
	}
}

// packA packs rows [i0*mr, i1*mr) of op(A) (m×k) into mr-tall panels:
// panel i occupies dst[(i-i0)*k*mr:] with A(i*mr+r, p) at p*mr+r. Rows past
// m are zero-filled.
func packA(dst []float32, transA bool, a []float32, lda, m, k, i0, i1 int) {
	for i := i0; i < i1; i++ {
		row := i * mr
		rows := min(mr, m-row)
		d := dst[(i-i0)*k*mr : (i-i0+1)*k*mr]
		switch {
		case transA && rows == mr:
			for p := 0; p < k; p++ {
				*(*[mr]float32)(d[p*mr:]) = *(*[mr]float32)(a[p*lda+row:])
			}
		case transA:
			for p := 0; p < k; p++ {
				dp := (*[mr]float32)(d[p*mr:])
				copy(dp[:], a[p*lda+row:p*lda+row+rows])
				clear(dp[rows:])
			}
		default:
			for r := 0; r < mr; r++ {
				if r >= rows {
					for p := 0; p < k; p++ {
						d[p*mr+r] = 0
					}
					continue
				}
				src := a[(row+r)*lda:][:k]
				for p, v := range src {
					d[p*mr+r] = v
				}
			}
		}
	}
}
