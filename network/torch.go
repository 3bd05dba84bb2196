package network

import (
	"fmt"
	"regexp"
	"strings"
)

// Files a PyTorch export consists of: PyTorchCode's program reads the
// weights and the digits from beside itself and writes the reconstructions
// there.
const (
	TorchWeightsFile = "weights_pytorch.npz"
	TorchDigitsFile  = "test_digits.npz"
	TorchOutputFile  = "reconstructions_pytorch.npy"
	TorchPNGFile     = "reconstructions_pytorch.png"
)

// torchLayer is how one layer is written as PyTorch: the constructor of its
// module (empty for a layer without one) and the lines of forward, which
// read and assign x. Images are channels-first (N, C, H, W) inside the
// module, as PyTorch's layers expect; flat tensors are as in the studio.
type torchLayer struct {
	module  string
	forward []string
}

// torchGeom is what a layer's PyTorch translation needs besides its spec:
// the attribute that holds its module and its input and output shapes.
type torchGeom struct {
	attr    string
	in, out Shape
}

// PyTorchCode returns a Python program that builds the model s declares as
// a torch.nn.Module, loads the weights WeightArrays(m, PyTorch) writes (as
// TorchWeightsFile), reconstructs the digits of TorchDigitsFile, saves the
// reconstructions as TorchOutputFile and a picture of them as TorchPNGFile,
// and prints the largest difference from the studio's reconstructions when
// the digits file holds them.
//
// The module takes and returns tensors shaped as the studio's (N, H, W, C)
// or (N, D) and works channels-first inside. TensorFlow's "same" padding,
// which pads only the end where the window does not fit evenly, is written
// out as an explicit F.pad (and, for a transposed convolution, as a crop of
// PyTorch's full output), so the numbers match the studio's and Keras's.
// Training-only layers (dropout, gaussian_noise) are kept, off in eval().
//
// PyTorchCode returns the error of s.Check for a spec that does not build.
func PyTorchCode(s Spec) (string, error) {
	info, err := s.Check()
	if err != nil {
		return "", err
	}
	attrs := torchAttrs(info)
	var init, forward, encode []string
	rank3 := len(s.Input) == 3
	if rank3 {
		forward = append(forward, "x = x.permute(0, 3, 1, 2)  # to channels-first")
	}
	noise, variational := false, false
	code := -1
	for i, ls := range s.Layers {
		t := layerTypes[ls.Type] // Check accepted the type
		tl := t.torch(ls, torchGeom{attr: attrs[i], in: info[i].In, out: info[i].Out})
		if tl.module != "" {
			init = append(init, fmt.Sprintf("self.%s = %s", attrs[i], tl.module))
		}
		noise = noise || ls.Type == TypeGaussianNoise
		variational = variational || ls.Type == TypeVariational
		forward = append(forward, fmt.Sprintf("# %s: %s -> %s", oneLine(info[i].Name), info[i].In, info[i].Out))
		forward = append(forward, tl.forward...)
		forward = append(forward, torchActivation(ls.Activation)...)
		if ls.Code {
			code = i
			encode = append([]string(nil), forward...)
			if len(info[i].Out) == 3 {
				encode = append(encode, "x = x.permute(0, 2, 3, 1)  # back to channels-last")
			}
		}
	}
	if len(info[len(info)-1].Out) == 3 {
		forward = append(forward, "x = x.permute(0, 2, 3, 1)  # back to channels-last")
	}

	name := s.Name
	if name == "" {
		name = "autoencoder"
	}
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	p("# %s: an autoencoder exported from Autoencoder Studio as PyTorch code,", oneLine(name))
	p("# with its trained weights in %s (%d parameters).", TorchWeightsFile, TotalParams(info))
	p("# Run with PyTorch and NumPy installed: python3 this_file.py")
	p("# It reconstructs the digits of %s and writes %s and %s.", TorchDigitsFile, TorchOutputFile, TorchPNGFile)
	p("import struct")
	p("import zlib")
	p("from pathlib import Path")
	p("")
	p("import numpy as np")
	p("import torch")
	p("import torch.nn.functional as F")
	p("from torch import nn")
	p("")
	p("HERE = Path(__file__).resolve().parent")
	p("")
	p("")
	if noise {
		torchNoiseClass(p)
	}
	if variational {
		torchVariationalClass(p)
	}
	p("class Autoencoder(nn.Module):")
	p("    %s", pyDocString(fmt.Sprintf("%s: input %s, code %s, output %s (shapes per sample, channels last).",
		oneLine(name), s.Input, codeShape(info, code), info[len(info)-1].Out)))
	p("")
	p("    def __init__(self):")
	p("        super().__init__()")
	for _, l := range init {
		p("        %s", l)
	}
	if len(init) == 0 {
		p("        pass")
	}
	p("")
	if code >= 0 {
		p("    def encode(self, x):")
		p("        %s", pyDocString("Returns the code (bottleneck) of a batch of inputs."))
		writeBody(p, encode)
		p("")
	}
	p("    def forward(self, x):")
	writeBody(p, forward)
	p("")
	p("")
	torchMain(p, s, info[len(info)-1].Out)
	return b.String(), nil
}

// writeBody writes the lines of a method body, then return x.
func writeBody(p kerasPrinter, lines []string) {
	for _, l := range lines {
		p("        %s", l)
	}
	p("        return x")
}

// codeShape is the code layer's output shape, or "none" without one.
func codeShape(info []LayerInfo, code int) string {
	if code < 0 {
		return "none"
	}
	return info[code].Out.String()
}

// torchNoiseClass writes the module of the studio's training noise.
func torchNoiseClass(p kerasPrinter) {
	p("class GaussianNoise(nn.Module):")
	p("    %s", pyDocString("Adds N(0, stddev²) noise while training, clipped to [0, 1], as the studio's gaussian_noise; off in eval()."))
	p("")
	p("    def __init__(self, stddev):")
	p("        super().__init__()")
	p("        self.stddev = stddev")
	p("")
	p("    def forward(self, x):")
	p("        if self.training and self.stddev > 0:")
	p("            return (x + self.stddev * torch.randn_like(x)).clamp(0.0, 1.0)")
	p("        return x")
	p("")
	p("")
}

// torchMain writes the program's main: load, reconstruct, compare, save.
// out is the model's per-sample output shape.
func torchMain(p kerasPrinter, s Spec, out Shape) {
	p("def save_png(path, rows):")
	p("    %s", pyDocString("Writes rows of 28×28 grey images (values in [0, 1]) as one PNG, without other libraries."))
	p("    img = np.concatenate([np.concatenate(list(r), axis=1) for r in rows], axis=0)")
	p("    img = (np.clip(img, 0.0, 1.0) * 255 + 0.5).astype(np.uint8)")
	p("    h, w = img.shape")
	p("    raw = b\"\".join(b\"\\x00\" + img[y].tobytes() for y in range(h))")
	p("")
	p("    def chunk(kind, data):")
	p("        body = kind + data")
	p("        return struct.pack(\">I\", len(data)) + body + struct.pack(\">I\", zlib.crc32(body) & 0xFFFFFFFF)")
	p("")
	p("    png = b\"\\x89PNG\\r\\n\\x1a\\n\" + chunk(b\"IHDR\", struct.pack(\">IIBBBBB\", w, h, 8, 0, 0, 0, 0))")
	p("    png += chunk(b\"IDAT\", zlib.compress(raw, 9)) + chunk(b\"IEND\", b\"\")")
	p("    Path(path).write_bytes(png)")
	p("")
	p("")
	p("def main():")
	p("    model = Autoencoder()")
	p("    weights = np.load(HERE / %s)", pyStr(TorchWeightsFile))
	p("    model.load_state_dict({k: torch.from_numpy(weights[k]) for k in weights.files})")
	p("    model.eval()")
	p("    digits = np.load(HERE / %s)", pyStr(TorchDigitsFile))
	p("    x = torch.from_numpy(digits[\"x\"])")
	p("    with torch.no_grad():")
	p("        y = model(x).numpy()")
	p("    np.save(HERE / %s, y)", pyStr(TorchOutputFile))
	p("    print(\"reconstructed\", len(y), \"digits into\", %s)", pyStr(TorchOutputFile))
	p("    if \"y\" in digits.files:")
	p("        diff = float(np.abs(y - digits[\"y\"]).max())")
	p("        print(f\"largest difference from the studio's reconstructions: {diff:.2g}\")")
	if s.Input.Size() == 784 && s.Input.Equal(out) {
		p("    n = min(10, len(y))")
		p("    save_png(HERE / %s, [digits[\"x\"][:n].reshape(n, 28, 28), y[:n].reshape(n, 28, 28)])", pyStr(TorchPNGFile))
		p("    print(%s)", pyStr("wrote "+TorchPNGFile+": inputs above, reconstructions below"))
	}
	p("")
	p("")
	p("if __name__ == \"__main__\":")
	p("    main()")
}

// torchActivation returns the forward lines of an activation.
func torchActivation(a string) []string {
	switch Activation(a) {
	case ReLU:
		return []string{"x = torch.relu(x)"}
	case Sigmoid:
		return []string{"x = torch.sigmoid(x)"}
	case Tanh:
		return []string{"x = torch.tanh(x)"}
	case LeakyReLU:
		return []string{"x = F.leaky_relu(x, 0.3)  # Keras's LeakyReLU slope"}
	}
	return nil
}

// torchPads returns TensorFlow's padding of a window of k cells moving by
// stride over an image of h×w, as F.pad's (left, right, top, bottom), and
// whether it is symmetric enough for a layer's own padding argument.
func torchPads(h, w, k, stride int, same bool) (pads [4]int, symmetric bool) {
	_, top, bottom := windowPadding(h, k, stride, same)
	_, left, right := windowPadding(w, k, stride, same)
	pads = [4]int{left, right, top, bottom}
	return pads, left == right && top == bottom
}

// padLine is the forward line that pads x, or "" without padding.
func padLine(pads [4]int, value string) string {
	if pads == [4]int{} {
		return ""
	}
	v := ""
	if value != "" {
		v = ", value=" + value
	}
	return fmt.Sprintf("x = F.pad(x, (%d, %d, %d, %d)%s)  # TensorFlow's \"same\": (left, right, top, bottom)", pads[0], pads[1], pads[2], pads[3], v)
}

// nonEmpty returns the lines that are not "".
func nonEmpty(lines ...string) []string {
	var out []string
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func torchDense(ls LayerSpec, g torchGeom) torchLayer {
	return torchLayer{module: fmt.Sprintf("nn.Linear(%d, %d)", g.in[0], ls.Units), forward: []string{"x = self." + g.attr + "(x)"}}
}

func torchConv(ls LayerSpec, g torchGeom) torchLayer {
	o, _ := parseConvOptions(ls) // Check accepted it
	pads, sym := torchPads(g.in[0], g.in[1], o.k, o.stride, o.same)
	args := fmt.Sprintf("%d, %d, %d, stride=%d", g.in[2], o.filters, o.k, o.stride)
	call := "x = self." + g.attr + "(x)"
	if sym {
		if pads[0] > 0 || pads[2] > 0 {
			args += fmt.Sprintf(", padding=(%d, %d)", pads[2], pads[0])
		}
		return torchLayer{module: "nn.Conv2d(" + args + ")", forward: []string{call}}
	}
	return torchLayer{module: "nn.Conv2d(" + args + ")", forward: nonEmpty(padLine(pads, ""), call)}
}

// torchConvTranspose writes a transposed convolution as PyTorch's
// unpadded ConvTranspose2d, whose output starts where TensorFlow's padding
// would, cropped to TensorFlow's output (extended with output_padding where
// TensorFlow's is the larger, for kernels smaller than the stride).
func torchConvTranspose(ls LayerSpec, g torchGeom) torchLayer {
	o, _ := parseConvOptions(ls) // Check accepted it
	full := func(in int) int { return (in-1)*o.stride + o.k }
	_, top := windowOutput(g.out[0], o.k, o.stride, o.same)
	_, left := windowOutput(g.out[1], o.k, o.stride, o.same)
	opH := max(top+g.out[0]-full(g.in[0]), 0)
	opW := max(left+g.out[1]-full(g.in[1]), 0)
	args := fmt.Sprintf("%d, %d, %d, stride=%d", g.in[2], o.filters, o.k, o.stride)
	if opH > 0 || opW > 0 {
		args += fmt.Sprintf(", output_padding=(%d, %d)", opH, opW)
	}
	lines := []string{"x = self." + g.attr + "(x)"}
	if top > 0 || left > 0 || full(g.in[0])+opH != g.out[0] || full(g.in[1])+opW != g.out[1] {
		lines = append(lines, fmt.Sprintf("x = x[:, :, %d:%d, %d:%d]  # TensorFlow's \"same\" output", top, top+g.out[0], left, left+g.out[1]))
	}
	return torchLayer{module: "nn.ConvTranspose2d(" + args + ")", forward: lines}
}

func torchMaxPool(ls LayerSpec, g torchGeom) torchLayer {
	size, stride := poolWindow(ls)
	same, _ := parsePadding(ls.Padding)
	pads, _ := torchPads(g.in[0], g.in[1], size, stride, same)
	return torchLayer{
		module:  fmt.Sprintf("nn.MaxPool2d(%d, stride=%d)", size, stride),
		forward: nonEmpty(padLine(pads, `float("-inf")`), "x = self."+g.attr+"(x)"),
	}
}

func torchUpSample(ls LayerSpec, g torchGeom) torchLayer {
	return torchLayer{
		module:  fmt.Sprintf("nn.Upsample(scale_factor=%d, mode=\"nearest\")", upsampleFactor(ls)),
		forward: []string{"x = self." + g.attr + "(x)"},
	}
}

// torchReshape reshapes in the studio's channels-last order, so that the
// values keep their positions, converting images from and to channels-first.
func torchReshape(_ LayerSpec, g torchGeom) torchLayer {
	var lines []string
	if len(g.in) == 3 {
		lines = append(lines, "x = x.permute(0, 2, 3, 1)  # channels-last, as the studio orders values")
	}
	lines = append(lines, fmt.Sprintf("x = x.reshape(-1, %s)", strings.Trim(pyTuple(g.out), "(,)")))
	if len(g.out) == 3 {
		lines = append(lines, "x = x.permute(0, 3, 1, 2)  # to channels-first")
	}
	return torchLayer{forward: lines}
}

func torchDropout(ls LayerSpec, g torchGeom) torchLayer {
	return torchLayer{module: fmt.Sprintf("nn.Dropout(%s)", pyFloat(ls.Rate)), forward: []string{"x = self." + g.attr + "(x)  # off in eval()"}}
}

func torchNoise(ls LayerSpec, g torchGeom) torchLayer {
	return torchLayer{module: fmt.Sprintf("GaussianNoise(%s)", pyFloat(ls.Noise)), forward: []string{"x = self." + g.attr + "(x)  # off in eval()"}}
}

// pyIdentRE matches the characters a Python identifier may not hold.
var pyIdentRE = regexp.MustCompile(`[^A-Za-z0-9_]`)

// torchReserved are names an nn.Module attribute must not take.
var torchReserved = map[string]bool{
	"forward": true, "encode": true, "training": true, "train": true, "eval": true, "to": true,
	"parameters": true, "modules": true, "children": true, "buffers": true, "state_dict": true,
	"load_state_dict": true, "apply": true, "cpu": true, "cuda": true, "float": true, "double": true,
	"half": true, "type": true, "zero_grad": true, "add_module": true, "register_buffer": true,
	"named_parameters": true, "named_modules": true, "extra_repr": true, "requires_grad_": true,
	"None": true, "True": true, "False": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true,
	"elif": true, "else": true, "except": true, "finally": true, "for": true, "from": true,
	"global": true, "if": true, "import": true, "in": true, "is": true, "lambda": true,
	"nonlocal": true, "not": true, "or": true, "pass": true, "raise": true, "return": true,
	"try": true, "while": true, "with": true, "yield": true,
}

// torchAttrs returns the module attribute of each layer: its name as a
// Python identifier, distinct from the others and from nn.Module's own.
// The weight file's keys are these followed by .weight and .bias.
func torchAttrs(info []LayerInfo) []string {
	used := map[string]bool{}
	out := make([]string, len(info))
	for i, l := range info {
		a := pyIdentRE.ReplaceAllString(l.Name, "_")
		if a == "" || (a[0] >= '0' && a[0] <= '9') || torchReserved[a] || strings.HasPrefix(a, "__") {
			a = "layer_" + a
		}
		base := a
		for n := 2; used[a]; n++ {
			a = fmt.Sprintf("%s_%d", base, n)
		}
		used[a] = true
		out[i] = a
	}
	return out
}

// pyDocString is s as a one-line Python docstring.
func pyDocString(s string) string {
	return `"""` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"""`, `\"\"\"`) + `"""`
}
