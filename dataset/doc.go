// Package dataset loads the images autoencoders train on.
//
// It reads IDX files (the format MNIST is distributed in, raw or gzip), carries
// two datasets inside the binary so the program works offline — the original
// MNIST training and test sets of handwritten digits, and Zalando's
// Fashion-MNIST, the same size and format with ten classes of clothes (see
// Builtin, Open and ClassNames) — reads folders of the user's own images, and
// provides the two data transformations of the Keras autoencoder tutorial:
// Gaussian input noise clipped to [0,1], and shuffled mini-batches. Pixels are
// float32 in [0,1]; an image is a flat 784-vector that can equally be read as a
// 28×28×1 (height, width, channels) array.
package dataset
