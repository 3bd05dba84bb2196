package network

import "math"

// expf returns e^x in float32 with a relative error below 2e-7 (Cephes's
// single-precision exp: range reduction by ln 2 and a degree-5 polynomial).
// Inputs are clamped to ±88.3, where float32 e^x would overflow or become
// denormal; that is harmless for the activations that use it.
func expf(x float32) float32 {
	const (
		log2e = 1.44269504088896341
		c1    = 0.693359375
		c2    = -2.12194440e-4
		hi    = 88.3762626647949
	)
	x = min(max(x, -hi), hi)
	fx := x*log2e + 0.5
	n := float32(int32(fx))
	if n > fx {
		n-- // floor for negative fx
	}
	x = x - n*c1 - n*c2
	y := float32(1.9875691500e-4)
	y = y*x + 1.3981999507e-3
	y = y*x + 8.3334519073e-3
	y = y*x + 4.1665795894e-2
	y = y*x + 1.6666665459e-1
	y = y*x + 5.0000001201e-1
	y = y*x*x + x + 1
	return y * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// sigmoid is the logistic function 1/(1+e^-v), finite for every input.
func sigmoid(v float32) float32 { return 1 / (1 + expf(-v)) }
