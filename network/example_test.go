package network_test

import (
	"bytes"
	"context"
	"fmt"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
)

// mnist returns the first n training and test digits.
func mnist(n int) (train, test *dataset.Set) {
	tr, te, err := dataset.MNIST()
	if err != nil {
		panic(err)
	}
	return tr.Subset(n), te.Subset(n / 2)
}

// Example builds the tutorial's vanilla preset, trains it on a few hundred
// MNIST digits, encodes them, and saves and loads the trained run.
func Example() {
	train, test := mnist(300)
	spec, err := network.Preset("vanilla")
	if err != nil {
		panic(err)
	}
	m, err := network.Build(spec, 1)
	if err != nil {
		panic(err)
	}
	fmt.Println("input", m.InputShape(), "code", m.CodeShape(), "parameters", m.ParamCount())

	tr, val := network.TrainingData(spec, train, test)
	before := m.Evaluate(val.X, val.X, val.N, 100).Total()
	history, err := m.Fit(context.Background(), tr, val, network.FitConfig{Epochs: 3, BatchSize: 32, Seed: 1})
	if err != nil {
		panic(err)
	}
	fmt.Println("epochs", len(history), "loss fell:", history[len(history)-1].ValLoss < before)

	codes := m.Encode(val.X, val.N)
	fmt.Println("codes", len(codes)/m.CodeShape().Size(), "×", m.CodeShape().Size())

	var buf bytes.Buffer
	if err := network.SaveRun(&buf, m, history, network.Meta{Name: "example", Dataset: "mnist"}); err != nil {
		panic(err)
	}
	run, err := network.LoadRun(&buf)
	if err != nil {
		panic(err)
	}
	same := bytes.Equal(f32bytes(run.Model.Encode(val.X, val.N)), f32bytes(codes))
	fmt.Println("loaded", run.Meta.Name, "epochs", len(run.History), "same codes:", same, "optimizer restored:", run.OptimizerRestored)
	// Output:
	// input 784 code 64 parameters 101200
	// epochs 3 loss fell: true
	// codes 150 × 64
	// loaded example epochs 3 same codes: true optimizer restored: true
}

// ExampleLayerTypes lists the registered layer types with their settings.
func ExampleLayerTypes() {
	for _, t := range network.LayerTypes() {
		var fields []string
		for _, f := range t.Fields {
			fields = append(fields, f.Name)
		}
		fmt.Println(t.Name, t.Weights, fields)
	}
	// Output:
	// dense true [units activation]
	// variational true [units]
	// dropout false [rate]
	// conv2d true [filters kernel stride padding activation]
	// conv2d_transpose true [filters kernel stride padding activation]
	// maxpool2d false [size padding stride]
	// upsample2d false [size]
	// flatten false []
	// reshape false [shape]
	// gaussian_noise false [noise]
}

// ExampleNewDefaultConfig shows an optimizer's stated defaults.
func ExampleNewDefaultConfig() {
	cfg, err := network.NewDefaultConfig("adam")
	if err != nil {
		panic(err)
	}
	t, _ := network.OptimizerTypeOf(cfg.Name)
	fmt.Println(t.Title, cfg.LearningRate, cfg.Beta1, cfg.Beta2, cfg.Epsilon, t.Slots)
	// Output:
	// Adam 0.001 0.9 0.999 1e-07 [m v]
}

// Example_design edits a design without a user interface: a dense stack of
// two hidden layers, its code halved, its decoder mirrored from the encoder.
func Example_design() {
	s, err := design.WithDenseStack(design.Blank(), 2, 256)
	if err != nil {
		panic(err)
	}
	if s, err = design.WithCodeSize(s, 16); err != nil {
		panic(err)
	}
	info, err := s.Check()
	if err != nil {
		panic(err)
	}
	for _, l := range info {
		fmt.Println(l.Name, l.Out, l.Code)
	}
	// Output:
	// dense_1 256 false
	// dense_2 128 false
	// dense_3 16 true
	// dense_4 128 false
	// dense_5 256 false
	// dense_6 784 false
}

// f32bytes returns the bytes of v, for exact comparisons.
func f32bytes(v []float32) []byte {
	var b bytes.Buffer
	for _, x := range v {
		fmt.Fprintf(&b, "%x,", x)
	}
	return b.Bytes()
}
