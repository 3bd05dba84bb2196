package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"autoencoder-studio/network"
	"autoencoder-studio/network/pyexport"
)

func runExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modelFile := fs.String("model", "", "the trained model to export (.aes)")
	format := fs.String("format", string(pyexport.All), "what to write: "+strings.Join(pyexport.Formats(), ", "))
	out := fs.String("out", "", "the folder to write into (default: beside the model, named after it with _python)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio export --model FILE [--format FORMAT] [--out DIR]

Writes a trained model for Python, so that a notebook can go on from it:
  npz      %s and %s: the weights in PyTorch's and Keras's layouts
  pytorch  %s, %s and %s,
           which rebuilds the model, loads the weights and reconstructs
           %d test digits: python3 %s
  keras    %s and %s, which loads them with set_weights
  all      every file above

Flags:
`, network.TorchWeightsFile, network.KerasWeightsFile,
			network.TorchWeightsFile, pyexport.PyTorchProgram, network.TorchDigitsFile, pyexport.DefaultDigits, pyexport.PyTorchProgram,
			network.KerasWeightsFile, pyexport.KerasProgram)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if *modelFile == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "export: give the model with --model FILE")
		fs.Usage()
		return errUsage
	}
	m, _, err := network.LoadFile(*modelFile)
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = strings.TrimSuffix(*modelFile, filepath.Ext(*modelFile)) + "_python"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	digits, note, err := pyexport.Digits(m, pyexport.DefaultDigits)
	if err != nil {
		return fmt.Errorf("export: test digits: %w", err)
	}
	if note != "" {
		fmt.Fprintln(stderr, "export:", note)
	}
	files, err := pyexport.Write(dir, m, pyexport.Format(*format), digits)
	if err != nil {
		return err
	}
	for _, f := range files {
		fmt.Fprintln(stdout, filepath.Join(dir, f))
	}
	return nil
}
