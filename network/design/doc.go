// Package design edits autoencoder specs the way the studio's architecture
// editor does, without any user interface: it reads the tutorial's knobs
// off a spec (the code size, the layers before the code and their width),
// sets them, mirrors an encoder into a decoder, and checks a spec that does
// not fit as far as its layers go.
//
// Every function takes a network.Spec and returns an edited copy, leaving
// its argument unchanged. The layer types they use come from the network
// package's registry (network.LayerTypeOf, network.HasWeights).
package design
