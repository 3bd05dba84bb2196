package network

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestKerasCodeGolden compares the Keras code of every preset with the
// reviewed files in testdata/keras (go test -run KerasCodeGolden -update
// rewrites them) and checks that Python parses each.
func TestKerasCodeGolden(t *testing.T) {
	python, _ := exec.LookPath("python3")
	for _, name := range PresetNames() {
		t.Run(name, func(t *testing.T) {
			s, err := Preset(name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := KerasCode(s)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "keras", name+".py")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("KerasCode(%s) differs from %s (rerun with -update after checking the difference):\n%s", name, path, got)
			}
			pythonParses(t, python, path)
		})
	}
}

// pythonParses checks that python3, if installed, parses the file at path.
func pythonParses(t *testing.T, python, path string) {
	t.Helper()
	if python == "" {
		t.Log("python3 not found: not parsing the generated code")
		return
	}
	out, err := exec.Command(python, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", path).CombinedOutput()
	if err != nil {
		t.Errorf("python3 does not parse %s: %v\n%s", path, err, out)
	}
}

// TestKerasCodeLayers checks the Keras code of the layers and settings no
// preset uses.
func TestKerasCodeLayers(t *testing.T) {
	s := Spec{
		Name:  `my "odd" model`,
		Input: Shape{28, 28, 1},
		Layers: []LayerSpec{
			{Type: "gaussian_noise", Noise: 0.3},
			{Type: "conv2d", Filters: 4, Kernel: 3, Stride: 2, Padding: "same", Activation: "leaky_relu", KernelRegularizer: Regularizer{L2: 1e-3}},
			{Type: "maxpool2d", Size: 3, Stride: 1},
			{Type: "flatten"},
			{Type: "dropout", Rate: 0.25, Name: "drop out"},
			{Type: "dense", Units: 16, Activation: "tanh", Code: true, ActivityRegularizer: Regularizer{L1: 1e-4, L2: 1e-5}},
			{Type: "dense", Units: 7 * 7 * 2},
			{Type: "reshape", Shape: Shape{7, 7, 2}},
			{Type: "upsample2d"},
			{Type: "conv2d_transpose", Filters: 1, Kernel: 3, Stride: 2, Padding: "same", Activation: "sigmoid"},
		},
		Loss:      "bce",
		Optimizer: OptimizerSpec{Name: "sgd", Momentum: 0.9, Nesterov: true},
		Train:     TrainSpec{Epochs: 2, BatchSize: 32},
	}
	got, err := KerasCode(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`x = layers.GaussianNoise(0.3, name="gaussian_noise_1")(inp)`,
		`x = layers.Lambda(lambda t: keras.backend.clip(t, 0.0, 1.0), name="gaussian_noise_1_clip")(x)`,
		`x = layers.Conv2D(4, (3, 3), strides=(2, 2), padding="same", activation="linear", kernel_regularizer=regularizers.l2(0.001), name="conv2d_1")(x)`,
		`x = layers.LeakyReLU(alpha=0.3, name="conv2d_1_leaky_relu")(x)`,
		`x = layers.MaxPooling2D(pool_size=(3, 3), strides=(1, 1), padding="valid", name="maxpool2d_1")(x)`,
		`x = layers.Flatten(name="flatten_1")(x)`,
		`# "drop out" is named "drop_out" here`,
		`x = layers.Dropout(0.25, name="drop_out")(x)`,
		`x = layers.Dense(16, activation="tanh", activity_regularizer=regularizers.l1_l2(l1=0.0001, l2=1e-05), name="dense_1")(x)`,
		"code = x  # the code (bottleneck): 16 values",
		`x = layers.Dense(98, activation="linear", name="dense_2")(x)`,
		`x = layers.Reshape((7, 7, 2), name="reshape_1")(x)`,
		`x = layers.UpSampling2D(size=(2, 2), name="upsample2d_1")(x)`,
		`x = layers.Conv2DTranspose(1, (3, 3), strides=(2, 2), padding="same", activation="sigmoid", name="conv2d_transpose_1")(x)`,
		`autoencoder = keras.Model(inp, out, name="my__odd__model")`,
		`optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=True), loss="binary_crossentropy")`,
		"    batch_size=32,",
		"    epochs=2,",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("code lacks %q:\n%s", want, got)
		}
	}
	path := filepath.Join(t.TempDir(), "layers.py")
	if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
		t.Fatal(err)
	}
	python, _ := exec.LookPath("python3")
	pythonParses(t, python, path)

	s.Input = Shape{10}
	s.Layers = []LayerSpec{{Type: "dense", Units: 2, Code: true}, {Type: "dense", Units: 10}}
	if got, err = KerasCode(s); err != nil || !strings.Contains(got, "not the 784 of an MNIST digit") {
		t.Errorf("non-MNIST input: error %v, code:\n%s", err, got)
	}
}

func TestKerasCodeErrors(t *testing.T) {
	s, _ := Preset("vanilla")
	s.Layers[0].Units = 0
	if _, err := KerasCode(s); err == nil || !strings.Contains(err.Error(), "units must be in [1, 65536]") {
		t.Errorf("error %v, want the spec's error", err)
	}
	s, _ = Preset("vanilla")
	s.Optimizer.Name = "adamw"
	if _, err := KerasCode(s); err == nil {
		t.Error("unknown optimizer: no error")
	}
}

// TestKerasCodeEveryLayerType writes every registered layer type, at its
// editor defaults, as Keras code.
func TestKerasCodeEveryLayerType(t *testing.T) {
	for _, lt := range LayerTypes() {
		t.Run(lt.Name, func(t *testing.T) {
			k := lt.keras(lt.New())
			for _, in := range []Shape{{64}, {8, 8, 2}} {
				l := lt.New()
				if f, ok := lt.Field("shape"); ok {
					f.Set(&l, in)
				}
				s := Spec{
					Input: in,
					Layers: []LayerSpec{l, {Type: TypeFlatten, Code: true},
						{Type: TypeDense, Units: in.Size(), Activation: string(Sigmoid)}, {Type: TypeReshape, Shape: in}},
					Loss: string(MSE), Optimizer: OptimizerSpec{Name: Optimizers[0]}, Train: TrainSpec{Epochs: 1, BatchSize: 8},
				}
				if _, err := s.Check(); err != nil {
					continue
				}
				code, err := KerasCode(s)
				if err != nil {
					t.Fatal(err)
				}
				want := "x = layers." + k.class + "("
				if k.custom {
					want = "class " + k.class + "(layers.Layer):"
				}
				if !strings.Contains(code, want) {
					t.Errorf("no %q in\n%s", want, code)
				}
				return
			}
			t.Fatal("the default layer fits no test input")
		})
	}
}
