package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"autoencoder-studio/network"
)

func runKeras(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("keras", flag.ContinueOnError)
	fs.SetOutput(stderr)
	preset := fs.String("preset", "", "export a tutorial preset: "+strings.Join(network.PresetNames(), ", "))
	specFile := fs.String("spec", "", "export the architecture in this JSON spec file")
	modelFile := fs.String("model", "", "export the architecture of this saved model (.aes)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio keras (--preset NAME | --spec FILE | --model FILE)

Prints Python code that builds and trains the same autoencoder with Keras 2
(TensorFlow), so a design can be carried over to Keras.

Flags:
`)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	set := 0
	for _, v := range []string{*preset, *specFile, *modelFile} {
		if v != "" {
			set++
		}
	}
	if set != 1 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "keras: give exactly one of --preset, --spec or --model")
		fs.Usage()
		return errUsage
	}
	var spec network.Spec
	var err error
	switch {
	case *preset != "":
		spec, err = network.Preset(*preset)
	case *specFile != "":
		spec, err = trainOptions{specFile: *specFile}.spec()
	default:
		var m *network.Model
		if m, _, err = network.LoadFile(*modelFile); err == nil {
			spec = m.Spec()
		}
	}
	if err != nil {
		return err
	}
	code, err := network.KerasCode(spec)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, code)
	return err
}
