// Package sweep expands one setting of a design over a list of values into
// one spec per value, the runs of a sweep: "code=2,4,8,16,32,64" applied to
// the vanilla preset gives six specs that differ only in the code size.
//
// The settings are the tutorial's knobs (code size, layers before the code,
// nodes per layer, loss) and the training settings (optimizer, learning
// rate, epochs, batch size, noise factor, L1 on the code). Parse reads a
// setting and its values as typed on a command line, Expand applies them to
// a base spec and checks every result with network.Spec.Check, naming the
// value at fault; Applies says whether a setting fits a design at all (the
// layers and nodes of a dense stack do not apply to convolutional designs).
//
// LogScale decides whether the values are best drawn on a logarithmic axis:
// powers of two or ten, or any other constant ratio.
//
// The package knows nothing of training or of the window: the command line
// and the studio train the expanded specs one after another, with the same
// seed and data.
package sweep
