package network

// CodeStats returns the mean of a batch of code values and the share of them
// that are exactly zero: how sparse a code is (the tutorial's sparse
// autoencoder has a lower mean activation than the vanilla one).
func CodeStats(codes []float32) (mean, zeroShare float64) {
	if len(codes) == 0 {
		return 0, 0
	}
	var sum float64
	zeros := 0
	for _, v := range codes {
		sum += float64(v)
		if v == 0 {
			zeros++
		}
	}
	n := float64(len(codes))
	return sum / n, float64(zeros) / n
}
