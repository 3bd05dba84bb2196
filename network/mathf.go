package network

import "autoencoder-studio/network/vec"

// expf returns e^x in float32 with a relative error below 2e-7; see
// vec.Expf, whose polynomial the vectorised sigmoid shares.
func expf(x float32) float32 { return vec.Expf(x) }

// sigmoid is the logistic function 1/(1+e^-v), finite for every input.
func sigmoid(v float32) float32 { return vec.SigmoidScalar(v) }
