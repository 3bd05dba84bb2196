package network

import "autoencoder-studio/dataset"

// noiseSeed seeds the fixed noisy copies of the data sets, drawn once before
// training as in the Keras tutorial.
const noiseSeed = 0x5eed

// TrainingData returns the training and validation data a spec trains on
// from a pair of image sets. For a plain autoencoder the inputs are the
// targets; for a denoising one (s.Train.Noise > 0) the inputs are fixed noisy
// copies of the images, clipped to [0,1], and the targets the clean images.
func TrainingData(s Spec, train, val *dataset.Set) (Data, Data) {
	t := Data{X: train.Pixels, N: train.Len()}
	v := Data{X: val.Pixels, N: val.Len()}
	if f := float32(s.Train.Noise); f > 0 {
		t.X, t.Y = dataset.Noisy(train, f, noiseSeed).Pixels, train.Pixels
		v.X, v.Y = dataset.Noisy(val, f, noiseSeed+1).Pixels, val.Pixels
	}
	return t, v
}
