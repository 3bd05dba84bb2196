// Package training runs one training job of an autoencoder from start to
// end: it loads the data, takes the subset asked for, builds the model or
// resumes a saved one, fits it, and gives back the model, its whole history
// and the metadata to save it with. The command line and the desktop app
// both train through it and differ only in how they show progress, so a run
// started in one continues exactly in the other.
package training
