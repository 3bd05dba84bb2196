package network

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// KerasCode returns a Python program that builds, compiles and trains the
// model s declares with TensorFlow's Keras 2 API (tf.keras), so a design can
// be checked against, or moved to, the reference implementation. The
// program loads MNIST scaled to [0,1] and shaped as the model's input (or
// random data, with a comment, when the input does not hold 784 values),
// adds the training noise of a denoising design, builds the same layers with
// the same names and hyper-parameters, an encoder model ending at the code
// layer, compiles the autoencoder with the same loss and optimizer (every
// hyper-parameter written out, defaults included), then loads the studio's
// trained weights from KerasWeightsFile beside it (see WeightArrays) or,
// without that file, fits it with the spec's epochs and batch size,
// validating on the test set.
//
// Two layers need more than one Keras layer to mean the same: an activation
// of leaky_relu becomes a LeakyReLU layer with alpha 0.3 (the string
// "leaky_relu" would mean tf.nn.leaky_relu, alpha 0.2), and gaussian_noise,
// which clips its output to [0,1], becomes GaussianNoise followed by a
// Lambda clip. A layer or model name Keras would reject is rewritten to
// letters, digits, '.', '-' and '_', with a comment.
//
// KerasCode returns the error of s.Check for a spec that does not build.
func KerasCode(s Spec) (string, error) {
	info, err := s.Check()
	if err != nil {
		return "", err
	}
	opt := s.Optimizer.WithDefaults()
	loss, _ := parseLoss(s.Loss) // Check accepted it
	params := TotalParams(info)
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	name := s.Name
	if name == "" {
		name = "autoencoder"
	}
	p("# %s: an autoencoder exported from Autoencoder Studio as Keras 2 code.", oneLine(name))
	p("# %d parameters; autoencoder.summary() lists the same layers and counts.", params)
	p("# Run with TensorFlow 2 (tf.keras, Keras 2) installed: python3 this_file.py")
	p("from pathlib import Path")
	p("")
	p("import numpy as np")
	p("import tensorflow as tf")
	p("from tensorflow import keras")
	p("from tensorflow.keras import layers, regularizers")
	p("")
	if slices.ContainsFunc(s.Layers, func(l LayerSpec) bool { return l.Type == TypeVariational }) {
		kerasVariationalClass(p)
	}
	kerasData(p, s)
	p("inp = keras.Input(shape=%s)", pyTuple(s.Input))
	kerasLayers(p, s, info)
	p("out = x")
	p("")
	p(`encoder = keras.Model(inp, code, name="encoder")`)
	p("autoencoder = keras.Model(inp, out, name=%s)", pyStr(kerasName(name, map[string]bool{})))
	kerasLoss := pyStr(string(loss))
	if loss.Summed() {
		p("# The reconstruction loss summed over each image's %d values, averaged over images.", s.Input.Size())
		kerasLoss = fmt.Sprintf("lambda y_true, y_pred: %d * keras.losses.binary_crossentropy(y_true, y_pred)", s.Input.Size())
	}
	p("autoencoder.compile(optimizer=%s, loss=%s)", kerasOptimizer(opt), kerasLoss)
	p("autoencoder.summary()")
	p("")
	kerasWeights(p, info)
	kerasFit(func(format string, a ...any) { p("    "+format, a...) }, s.Train)
	return b.String(), nil
}

// kerasWeights writes the loading of the trained weights the studio
// exports as KerasWeightsFile, when that file is beside the program, and
// the else: of the training that runs without it.
func kerasWeights(p kerasPrinter, info []LayerInfo) {
	p("# The studio's trained weights (Export › Weights, or the export command),")
	p("# when %s is beside this file: then the model needs no training.", KerasWeightsFile)
	p("WEIGHTS = Path(__file__).resolve().parent / %s", pyStr(KerasWeightsFile))
	p("WEIGHT_NAMES = [  # in the order of autoencoder.get_weights()")
	for _, l := range info {
		switch {
		case l.Type == TypeVariational:
			p("    %s, %s,", pyStr(l.Name+"/mean/kernel"), pyStr(l.Name+"/mean/bias"))
			p("    %s, %s,", pyStr(l.Name+"/log_var/kernel"), pyStr(l.Name+"/log_var/bias"))
		case HasWeights(l.Type):
			p("    %s, %s,", pyStr(l.Name+"/kernel"), pyStr(l.Name+"/bias"))
		}
	}
	p("]")
	p("if WEIGHTS.exists():")
	p("    weights = np.load(WEIGHTS)")
	p("    autoencoder.set_weights([weights[name] for name in WEIGHT_NAMES])")
	p("    print(\"loaded the studio's trained weights from\", WEIGHTS)")
	p("else:")
}

// kerasPrinter writes one formatted line of Python.
type kerasPrinter func(format string, a ...any)

// kerasData writes the loading of the training and test data shaped as
// the input of s, with the noisy inputs of a denoising design.
func kerasData(p kerasPrinter, s Spec) {
	shape := pyTuple(s.Input)
	if s.Input.Size() == 784 {
		p("# MNIST digits, pixels scaled to [0, 1], each image shaped %s.", s.Input)
		p("(x_train, _), (x_test, _) = keras.datasets.mnist.load_data()")
		p(`x_train = x_train.astype("float32") / 255.0`)
		p(`x_test = x_test.astype("float32") / 255.0`)
		p("x_train = x_train.reshape((len(x_train),) + %s)", shape)
		p("x_test = x_test.reshape((len(x_test),) + %s)", shape)
	} else {
		p("# The input holds %d values, not the 784 of an MNIST digit: replace", s.Input.Size())
		p("# these random stand-ins with your data, scaled to [0, 1].")
		p(`x_train = np.random.rand(*((1000,) + %s)).astype("float32")`, shape)
		p(`x_test = np.random.rand(*((200,) + %s)).astype("float32")`, shape)
	}
	p("")
	if s.Train.Noise > 0 {
		p("# Denoising: the inputs get Gaussian noise clipped to [0, 1]; the")
		p("# targets stay clean.")
		p("noise_factor = %s", pyFloat(s.Train.Noise))
		p(`x_train_noisy = np.clip(x_train + noise_factor * np.random.normal(size=x_train.shape), 0.0, 1.0).astype("float32")`)
		p(`x_test_noisy = np.clip(x_test + noise_factor * np.random.normal(size=x_test.shape), 0.0, 1.0).astype("float32")`)
		p("")
	}
}

// kerasLayers writes the layers of s, each with the name Check gave it in
// info, from x = inp to x = the output, marking the code.
func kerasLayers(p kerasPrinter, s Spec, info []LayerInfo) {
	x := "inp"
	used := map[string]bool{}
	for i, ls := range s.Layers {
		lname := kerasName(info[i].Name, used)
		if lname != info[i].Name {
			p("# %s is named %s here: Keras accepts only letters, digits, '.', '-' and '_'.", pyStr(info[i].Name), pyStr(lname))
		}
		act := ls.Activation
		if act == "" {
			act = string(Linear)
		}
		leaky := act == string(LeakyReLU)
		if leaky {
			act = string(Linear)
		}
		var args []string
		add := func(a ...string) { args = append(args, a...) }
		regs := func() {
			if r := ls.KernelRegularizer; !r.Zero() {
				add("kernel_regularizer=" + pyRegularizer(r))
			}
			if r := ls.ActivityRegularizer; !r.Zero() {
				add("activity_regularizer=" + pyRegularizer(r))
			}
		}
		t := layerTypes[ls.Type] // Check accepted the type
		k := t.keras(ls)
		add(k.args...)
		if _, ok := t.Field("activation"); ok {
			add("activation=" + pyStr(act))
		}
		if t.Weights {
			regs()
		}
		for _, n := range k.notes {
			p("%s", n)
		}
		add("name=" + pyStr(lname))
		module := "layers."
		if k.custom {
			module = ""
		}
		p("x = %s%s(%s)(%s)", module, k.class, strings.Join(args, ", "), x)
		x = "x"
		if leaky {
			p("x = layers.LeakyReLU(alpha=0.3, name=%s)(x)", pyStr(kerasName(lname+"_leaky_relu", used)))
		}
		if k.clip {
			p("x = layers.Lambda(lambda t: keras.backend.clip(t, 0.0, 1.0), name=%s)(x)", pyStr(kerasName(lname+"_clip", used)))
		}
		if ls.Code {
			p("code = x  # the code (bottleneck): %s values", info[i].Out)
		}
	}
}

// kerasFit writes the fit call of the training settings t.
func kerasFit(p kerasPrinter, t TrainSpec) {
	epochs, batch := t.Epochs, t.BatchSize
	if epochs <= 0 {
		epochs = 1
	}
	if batch <= 0 {
		batch = 32
	}
	xTrain, xTest := "x_train", "x_test"
	if t.Noise > 0 {
		xTrain, xTest = "x_train_noisy", "x_test_noisy"
	}
	p("# Train as the studio does: %d epochs of shuffled batches of %d,", epochs, batch)
	p("# validating on the test set after each epoch.")
	p("autoencoder.fit(")
	p("    %s, x_train,", xTrain)
	p("    epochs=%d,", epochs)
	p("    batch_size=%d,", batch)
	p("    shuffle=True,")
	p("    validation_data=(%s, x_test),", xTest)
	p(")")
}

// padding returns the Keras padding of a spec's padding ("" is valid).
func padding(p string) string {
	if p == "" {
		return paddingValid
	}
	return p
}

// pyRegularizer returns the Keras regulariser of r: L1·Σ|v| + L2·Σv², as
// ours.
func pyRegularizer(r Regularizer) string {
	switch {
	case r.L2 == 0:
		return "regularizers.l1(" + pyFloat(r.L1) + ")"
	case r.L1 == 0:
		return "regularizers.l2(" + pyFloat(r.L2) + ")"
	}
	return fmt.Sprintf("regularizers.l1_l2(l1=%s, l2=%s)", pyFloat(r.L1), pyFloat(r.L2))
}

// pyFloat formats v as a Python float literal.
func pyFloat(v float64) string {
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") { // n: NaN and Inf, which Check rejects
		s += ".0"
	}
	return s
}

func pyBool(v bool) string {
	if v {
		return "True"
	}
	return "False"
}

// pyPair returns the Python tuple (v, v).
func pyPair(v int) string { return fmt.Sprintf("(%d, %d)", v, v) }

// pyTuple returns s as a Python tuple: (784,) or (28, 28, 1).
func pyTuple(s Shape) string {
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = strconv.Itoa(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// pyStr returns s as a double-quoted Python string literal.
func pyStr(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// oneLine replaces the line breaks of s, for use in a comment.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, s)
}

// kerasName returns name with every character Keras rejects in a layer
// name replaced by '_' (and a leading '_' or '-' prefixed), made unique
// among the names in used by a numeric suffix, and records it in used.
func kerasName(name string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
		if !ok {
			r = '_'
		}
		b.WriteRune(r)
	}
	n := b.String()
	if n == "" || n[0] == '_' || n[0] == '-' {
		n = "layer" + n
	}
	out := n
	for i := 2; used[out]; i++ {
		out = n + "_" + strconv.Itoa(i)
	}
	used[out] = true
	return out
}
