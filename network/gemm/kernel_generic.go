package gemm

// kernelGeneric is the portable 6×16 micro-kernel. It computes
// C = alpha*A*B + beta*C for one mr×nr tile over kc steps, where
// A(r,p) = a[r*rsA+p*csA] and B(p,j) = b[p*rsB+j] (rsB == nr for a packed
// panel). When beta == 0 the old C is not read, so NaNs in it do not
// propagate.
func kernelGeneric(kc int, a []float32, rsA, csA int, b []float32, rsB int, c []float32, ldc int, alpha, beta float32) {
	var acc [mr][nr]float32
	for p := 0; p < kc; p++ {
		bp := (*[nr]float32)(b[p*rsB : p*rsB+nr])
		for r := range acc {
			ar := a[r*rsA+p*csA]
			accr := &acc[r]
			for j, bv := range bp {
				accr[j] += ar * bv
			}
		}
	}
	for r := range acc {
		cr := (*[nr]float32)(c[r*ldc : r*ldc+nr])
		if beta == 0 {
			for j, v := range acc[r] {
				cr[j] = alpha * v
			}
		} else {
			for j, v := range acc[r] {
				cr[j] = alpha*v + beta*cr[j]
			}
		}
	}
}
